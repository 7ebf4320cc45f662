"""Running the `shellcheck` executable on the RUN scripts of one Dockerfile, in one process.

Each script is headed by a `shell=` directive and an `export` of the ARG/ENV names in scope
(so ShellCheck does not take them for unassigned variables); reported lines are mapped back
by subtracting the header. A lone script goes through stdin; several go to one temporary
file each, so positions stay per script. `start` launches the process and `Running.finish`
collects it, so ShellCheck works while the other rules run.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
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


class Job:
    """One script: its text, dialect ("posix" or "bash") and the ARG/ENV variables in scope
    (name -> value, None when unknown)."""

    __slots__ = ("text", "dialect", "variables")

    def __init__(self, text: str, dialect: str, variables: dict[str, str | None]) -> None:
        self.text = text
        self.dialect = dialect
        self.variables = variables

    def header(self) -> list[str]:
        """The lines put before the script (after its `#!` line, if any)."""
        shell = "bash" if self.dialect == "bash" else "sh"
        lines = [f"# shellcheck shell={shell}"]
        # Known values let ShellCheck judge quoting as it would at run time (`ENV V="a b"`
        # then `$V` splits); an unknown value is declared with a harmless one, as hadolint does.
        assigned = [f"{name}={_quote(value if value is not None else '1')}"
                    for name, value in sorted(self.variables.items()) if _NAME.match(name)]
        if assigned:
            lines.append("export " + " ".join(assigned))
        return lines


_UNSAFE = re.compile(r"[^\w@%+=:,./-]", re.ASCII)


def _quote(value: str) -> str:
    """`shlex.quote`, without importing shlex for one call."""
    if value and _UNSAFE.search(value) is None:
        return value
    return "'" + value.replace("'", "'\"'\"'") + "'"


class Comment:
    """A ShellCheck finding, positioned in the script's own text (0-based offsets)."""

    __slots__ = ("job", "code", "level", "message", "start", "end")

    def __init__(self, job: int, code: str, level: str, message: str, start: int, end: int) -> None:
        self.job = job
        self.code = code
        self.level = level
        self.message = message
        self.start = start
        self.end = end


# What ShellCheck said about a script, by (text, dialect, variables): the language server
# re-lints on every edit, and only the scripts that changed need a new shellcheck run.
_CACHE: dict[tuple[object, ...], list[tuple[str, str, str, int, int]]] = {}
_CACHE_SIZE = 4096


def cache_key(job: Job) -> tuple[object, ...]:
    return (job.text, job.dialect, tuple(sorted(job.variables.items())))


def cached(key: tuple[object, ...]) -> list[tuple[str, str, str, int, int]] | None:
    return _CACHE.get(key)


# The scripts some lint's shellcheck process is checking now: another lint that needs the
# same script (the server lints each new version while the last one's process still runs)
# waits for that answer instead of starting a process of its own for it.
_RUNNING: dict[tuple[object, ...], tuple[threading.Event, float]] = {}
_RUNNING_LOCK = threading.Lock()


def claim(keys: list[tuple[object, ...]]) -> tuple[list[int], threading.Event, list[threading.Event]]:
    """Which of `keys` this lint must check itself (neither cached nor being checked), the event
    it sets when done with them (`release`), and the events of the other lints to wait for."""
    mine = threading.Event()
    todo: list[int] = []
    waits: list[threading.Event] = []
    now = time.monotonic()
    with _RUNNING_LOCK:
        for i, key in enumerate(keys):
            if key in _CACHE:
                continue
            other = _RUNNING.get(key)
            # past its deadline, a claim is stale (its lint died before releasing it)
            if other is None or other[1] < now:
                _RUNNING[key] = (mine, now + 2 * TIMEOUT)
                todo.append(i)
            elif other[0] not in waits:
                waits.append(other[0])
    return todo, mine, waits


def release(keys: list[tuple[object, ...]], event: threading.Event) -> None:
    """The claimed `keys` are done with (cached, or failed): wake the lints waiting for them."""
    with _RUNNING_LOCK:
        for key in keys:
            if _RUNNING.get(key, (None,))[0] is event:
                del _RUNNING[key]
    event.set()


def remember(key: tuple[object, ...], comments: list[tuple[str, str, str, int, int]]) -> None:
    if len(_CACHE) >= _CACHE_SIZE:
        try:
            _CACHE.pop(next(iter(_CACHE)), None)  # the oldest entry
        except RuntimeError:  # changed by another lint thread meanwhile: it made room
            pass
    _CACHE[key] = comments


class Failure(Exception):
    """shellcheck could not be run (timeout, crash): the message says why."""


class Running:
    """A started shellcheck process; `finish` waits for it and returns its comments."""

    def __init__(self, jobs: list[Job], shifts: list[tuple[int, int]], files: list[str],
                 folder: str | None, proc: subprocess.Popen[str] | None, error: OSError | None) -> None:
        self.jobs, self.shifts, self.files, self.folder = jobs, shifts, files, folder
        self.proc, self.error = proc, error

    def finish(self) -> list[Comment]:
        try:
            stdout, stderr = self._communicate()
        finally:
            self._clean()
        import json  # only when there is a report to read

        try:
            report = json.loads(stdout or "{}")
        except ValueError:
            raise Failure(f"shellcheck failed: {(stderr or stdout).strip()[:200]}") from None
        index = {path: k for k, path in enumerate(self.files)}
        out = []
        for item in report.get("comments", []):
            k = index.get(item.get("file"))
            if k is None and self.folder is not None:
                k = index.get(os.path.join(self.folder, os.path.basename(item.get("file", ""))))
            if k is None:
                continue
            span = _offsets(self.jobs[k].text, self.shifts[k], item)
            if span is not None:
                out.append(Comment(k, f"SC{item['code']}", item.get("level", "warning"), item.get("message", ""),
                                   *span))
        return out

    def _communicate(self) -> tuple[str, str]:
        if self.proc is None:
            raise Failure(f"shellcheck could not run: {self.error}")
        try:
            return self.proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate()
            raise Failure(f"shellcheck took more than {TIMEOUT:g} s and was stopped") from None

    def _clean(self) -> None:
        if self.folder is None:
            return
        for path in self.files:
            try:
                os.remove(path)
            except OSError:
                pass
        try:
            os.rmdir(self.folder)
        except OSError:
            pass


def start(jobs: list[Job]) -> Running:
    """Launch shellcheck on `jobs` (there is at least one, and `executable()` found it)."""
    exe = executable()
    texts, shifts = [], []
    for job in jobs:
        text, shift = _with_header(job)
        texts.append(text)
        shifts.append(shift)
    # --norc: no .shellcheckrc applies, wherever it is; the folders above the temporary folder
    # (/tmp) are writable by any local user, whose `disable=all` would silence every finding.
    cmd = [exe or "shellcheck", "--norc", "--format=json1", "--exclude=" + ",".join(EXCLUDED)]
    if len(jobs) == 1:
        files, folder = ["-"], None
        # a neutral folder, so no .shellcheckrc of the user's project is picked up
        cwd = os.path.abspath(os.sep)
    else:
        import tempfile  # only for several scripts: it costs start-up time

        folder = cwd = tempfile.mkdtemp(prefix="dockerlint-sc-")
        files = []
        for k, text in enumerate(texts):
            path = os.path.join(folder, f"{k}.sh")
            # surrogateescape: bytes that are not UTF-8 reach ShellCheck as they are in the Dockerfile
            with open(path, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as out:
                out.write(text)
            files.append(path)
    try:
        proc = subprocess.Popen([*cmd, *files], stdin=subprocess.PIPE if folder is None else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8", errors="replace", cwd=cwd)
    except OSError as err:
        return Running(jobs, shifts, files, folder, None, err)
    if proc.stdin is not None:
        try:
            # bytes, as the files are written: no newline translation; shellcheck reads
            # all of its input before it writes, so this cannot deadlock
            proc.stdin.buffer.write(texts[0].encode("utf-8", "surrogateescape"))
            proc.stdin.close()
        except OSError:
            pass  # it died: `finish` reports what it said
        proc.stdin = None  # done with: `communicate` must not flush it
    return Running(jobs, shifts, files, folder, proc, None)


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
