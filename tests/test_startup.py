"""Start-up cost: the plain CLI imports only what its path uses (it runs on every commit).

Each case runs Python code in a fresh interpreter and lists the modules it loaded; heavy
modules that the path does not need must be absent.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = "FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nUSER app\n"
LSP = {"pygls", "lsprotocol"}
# Heavy modules a single-file lint without config or plugins has no use for.
NOT_FOR_LINT = LSP | {"lark", "importlib.metadata", "email", "yaml", "tomllib", "tomli",
                      "concurrent.futures", "multiprocessing", "traceback"}

CASES = [
    # (what runs, modules that must be loaded (proves the run did its work), modules that must not)
    ("import dockerlint.cli, dockerlint.engine", {"dockerlint.engine"}, LSP | {"lark"}),
    ("import dockerlint.cli; dockerlint.cli.main(['parse', FILE])", {"dockerlint.syntax.parser"},
     NOT_FOR_LINT | {"dockerlint.rules.registry"}),
    ("import dockerlint.cli; dockerlint.cli.main([FILE])", {"dockerlint.engine", "dockerlint.rules.registry"},
     NOT_FOR_LINT | {"dataclasses", "inspect"}),
]


def _loaded(code: str, tmp: Path) -> set[str]:
    path = tmp / "Dockerfile"
    path.write_text(DOCKERFILE)
    script = (f"import sys, json\nFILE = {str(path)!r}\n{code}\n"
              "sys.stdout.flush()\nsys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)))\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HADOLINT_", "DOCKERLINT_"))}
    # no per-user hadolint config may turn on YAML parsing
    env.update(HOME=str(tmp), XDG_CONFIG_HOME=str(tmp / ".config"), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp, env=env, capture_output=True, text=True, timeout=60)
    assert "MODULES " in proc.stderr, proc.stderr
    return set(json.loads(proc.stderr.rsplit("MODULES ", 1)[1]))


def _top_level(modules: set[str]) -> set[str]:
    """`a.b.c` is loaded when `a.b.c` or any submodule of it is."""
    out = set(modules)
    for name in modules:
        parts = name.split(".")
        out.update(".".join(parts[:i]) for i in range(1, len(parts)))
    return out


@pytest.mark.parametrize("code,needed,forbidden", CASES)
def test_start_up_imports_only_what_the_path_uses(code: str, needed: set[str], forbidden: set[str],
                                                  tmp_path: Path) -> None:
    loaded = _top_level(_loaded(code, tmp_path))
    assert needed <= loaded
    assert sorted(forbidden & loaded) == []
