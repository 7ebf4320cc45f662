"""Run the real `dockerlint` command in a subprocess, in a clean environment."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.shared import location

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = location("DOCKERLINT_SCHEMAS", "schemas")

# Fixtures: a file with two warnings (untagged base image, root user) and one with none.
WARNS = "FROM node\n"  # untagged-from; missing-user with an unsafe `USER node` fix
CLEAN = "FROM debian:12.8-slim\nUSER 10001:10001\n"
FIXABLE = "FROM debian:12.8-slim\nADD app.txt /app.txt\nUSER 10001:10001\n"  # add-instead-of-copy, safe fix


def dockerlint(*args: str, cwd: Path, stdin: bytes | str | None = None, env: dict[str, str] | None = None,
               home: Path | None = None, timeout: float = 120,
               memory: int | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m dockerlint ARGS` with no user config, hadolint variables or colour settings leaking in.

    `timeout` (seconds) and `memory` (bytes of address space) bound a run fed a hostile input,
    so that a regression fails fast instead of hanging or swapping the machine."""
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("HADOLINT_", "DOCKERLINT_")) and k not in ("NO_COLOR", "FORCE_COLOR", "XDG_CONFIG_HOME")}
    clean["HOME"] = str(home or cwd / ".home")
    clean.update(env or {})
    data = stdin.encode() if isinstance(stdin, str) else stdin
    limit = None if memory is None else lambda: resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    proc = subprocess.run([sys.executable, "-m", "dockerlint", *args], cwd=cwd, input=data, env=clean,
                          capture_output=True, timeout=timeout, preexec_fn=limit)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode())
    return root


def findings(*args: str, cwd: Path, **kwargs: Any) -> list[dict[str, Any]]:
    result = dockerlint("--format", "json", *args, cwd=cwd, **kwargs)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def codes(*args: str, cwd: Path, **kwargs: Any) -> list[tuple[str, str]]:
    """(file, code) of every finding."""
    return [(f["file"], f["code"]) for f in findings(*args, cwd=cwd, **kwargs)]
