"""Running the `shellcheck` executable on the RUN scripts of one Dockerfile, in one process.

Each script goes to its own temporary file (so positions stay per script), headed by a
`shell=` directive and an `export` of the ARG/ENV names in scope (so ShellCheck does not
take them for unassigned variables). Reported lines are mapped back by subtracting the header.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 10.0  # seconds for one file's shellcheck process
#: never useful on a RUN script: "ash not supported" and source-following (as hadolint)
EXCLUDED = ("SC1090", "SC1091", "SC2187")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_executable: list[str | None] = []  # found once per process


def executable() -> str | None:
    """`shellcheck` on PATH, or next to the running Python (the `dockerlint[shellcheck]` extra)."""
    if not _executable:
        found = shutil.which("shellcheck")
        if found is None:
            folder = Path(sys.executable).parent
            for name in ("shellcheck", "shellcheck.exe"):
                if (folder / name).is_file() and os.access(folder / name, os.X_OK):
                    found = str(folder / name)
                    break
        _executable.append(found)
    return _executable[0]


@dataclass
class Job:
    """One script: its text, dialect ("posix" or "bash") and the ARG/ENV variables in scope
    (name -> value, None when unknown)."""

    text: str
    dialect: str
    variables: dict[str, str | None]

    def header(self) -> list[str]:
        """The lines put before the script (after its `#!` line, if any)."""
        shell = "bash" if self.dialect == "bash" else "sh"
        lines = [f"# shellcheck shell={shell}"]
        # Known values let ShellCheck judge quoting as it would at run time (`ENV V="a b"`
        # then `$V` splits); an unknown value is declared with a harmless one, as hadolint does.
        assigned = [f"{name}={shlex.quote(value if value is not None else '1')}"
                    for name, value in sorted(self.variables.items()) if _NAME.match(name)]
        if assigned:
            lines.append("export " + " ".join(assigned))
        return lines


@dataclass
class Comment:
    """A ShellCheck finding, positioned in the script's own text (0-based offsets)."""

    job: int
    code: str
    level: str
    message: str
    start: int
    end: int


class Failure(Exception):
    """shellcheck could not be run (timeout, crash): the message says why."""


def run(jobs: list[Job]) -> list[Comment]:
    exe = executable()
    if exe is None or not jobs:
        return []
    with tempfile.TemporaryDirectory(prefix="dockerlint-sc-") as folder:
        files, shifts = [], []
        for k, job in enumerate(jobs):
            path = os.path.join(folder, f"{k}.sh")
            text, shift = _with_header(job)
            with open(path, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            files.append(path)
            shifts.append(shift)
        try:
            proc = subprocess.run([exe, "--format=json1", "--exclude=" + ",".join(EXCLUDED), *files],
                                  capture_output=True, text=True, timeout=TIMEOUT, cwd=folder)
        except subprocess.TimeoutExpired:
            raise Failure(f"shellcheck took more than {TIMEOUT:g} s and was stopped") from None
        except OSError as err:
            raise Failure(f"shellcheck could not run: {err}") from None
        try:
            report = json.loads(proc.stdout or "{}")
        except ValueError:
            raise Failure(f"shellcheck failed: {(proc.stderr or proc.stdout).strip()[:200]}") from None
    index = {path: k for k, path in enumerate(files)}
    out = []
    for item in report.get("comments", []):
        k = index.get(item.get("file"))
        if k is None:
            k = index.get(os.path.join(folder, os.path.basename(item.get("file", ""))))
        if k is None:
            continue
        span = _offsets(jobs[k].text, shifts[k], item)
        if span is not None:
            out.append(Comment(k, f"SC{item['code']}", item.get("level", "warning"), item.get("message", ""), *span))
    return out


def _with_header(job: Job) -> tuple[str, tuple[int, int]]:
    """The file's text, and (script line after which the header sits, header length)."""
    header = job.header()
    block = "\n".join(header) + "\n"
    if job.text.startswith("#!"):
        first, _, rest = job.text.partition("\n")
        return f"{first}\n{block}{rest}", (1, len(header))
    return block + job.text, (0, len(header))


def _offsets(text: str, shift: tuple[int, int], item: dict) -> tuple[int, int] | None:
    after, size = shift
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def offset(line: int, column: int) -> int | None:
        if line > after:
            line -= size
            if line <= after:
                return None  # in the header
        if not 1 <= line <= len(starts):
            return None
        return min(starts[line - 1] + max(column, 1) - 1, len(text))

    start = offset(item.get("line", 0), item.get("column", 1))
    end = offset(item.get("endLine", item.get("line", 0)), item.get("endColumn", item.get("column", 1)))
    if start is None:
        return None
    return start, max(start, end if end is not None else start)
