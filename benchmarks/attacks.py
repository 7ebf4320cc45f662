"""The hostile inputs of issue 14's compute part, each linted by the real CLI under a time and memory cap.

    python benchmarks/attacks.py [--timeout S] [--memory GB] [NAME ...]

Prints, per attack, the exit status, wall time and peak memory (RSS of the child). A run that
hits the cap shows `>S s` (timeout) or `killed` (memory): the table for issue 14's closing note.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

Files = dict[str, str]  # relative path -> content; "Dockerfile" is linted


def _backtracking_glob(n: int = 30) -> str:
    return "*a" * n + "*c"


_LONG_NAME = "a" * 200
ATTACKS: dict[str, Callable[[], Files]] = {
    "gitignore [z-a]": lambda: {".gitignore": "[z-a]\n", ".git/HEAD": "", "Dockerfile": "FROM alpine:3.20\n"},
    "gitignore []": lambda: {".gitignore": "[]\n", ".git/HEAD": "", "Dockerfile": "FROM alpine:3.20\n"},
    "per-file-ignores \"[]\"": lambda: {".dockerlint.toml": '[per-file-ignores]\n"[]" = ["DKL101"]\n',
                                         "Dockerfile": "FROM alpine:3.20\n"},
    "gitignore *a*a…*c": lambda: {".gitignore": _backtracking_glob() + "\n", ".git/HEAD": "",
                                  f"{_LONG_NAME}/Dockerfile": "FROM alpine:3.20\n"},
    "gitignore **/**/…/x": lambda: {".gitignore": "**/" * 25 + "x\n", ".git/HEAD": "",
                                    "/".join("a" * 3 for _ in range(30)) + "/Dockerfile": "FROM alpine:3.20\n"},
    "dockerignore *a*a…*c": lambda: {".dockerignore": _backtracking_glob() + "\n",
                                     "Dockerfile": f"FROM alpine:3.20\nCOPY {_LONG_NAME} /x\n"},
    "per-file-ignores *a*a…*c": lambda: {".dockerlint.toml": f'[per-file-ignores]\n"{_backtracking_glob()}" = ["DKL101"]\n',
                                         f"{_LONG_NAME}.Dockerfile": "FROM alpine:3.20\n", "Dockerfile": "FROM alpine:3.20\n"},
    "20k ENV": lambda: {"Dockerfile": "FROM alpine:3.20\n" + "".join(f"ENV V{i}={i}\n" for i in range(20_000))},
    "100k RUN": lambda: {"Dockerfile": "FROM alpine:3.20\n" + "RUN true\n" * 100_000},
    "JSON array 50k": lambda: {"Dockerfile": "FROM alpine:3.20\nCMD [" + ", ".join('"a"' for _ in range(50_000)) + "]\n"},
    "ENV A=$A$A x32": lambda: {"Dockerfile": "FROM alpine:3.20\nENV A=a\n" + "ENV A=$A$A\n" * 32 + "RUN echo $A\n"},
    "50k nested ${a:-…}": lambda: {"Dockerfile": "FROM alpine:3.20\nENV B=" + "${a:-" * 50_000 + "x" + "}" * 50_000 + "\n"},
    "${V//*b/c} 20k": lambda: {"Dockerfile": "FROM alpine:3.20\nENV V=" + "a" * 20_000 + "\nENV W=${V//*b/c}\n"},
    "YAML billion laughs": lambda: {".hadolint.yaml": _laughs(), "Dockerfile": "FROM alpine:3.20\n"},
    "failure-threshold: [1]": lambda: {".hadolint.yaml": "failure-threshold: [1]\n", "Dockerfile": "FROM alpine:3.20\n"},
    "known-env = 5": lambda: {".dockerlint.toml": "[rules.undefined-var]\nknown-env = 5\n", "Dockerfile": "FROM alpine:3.20\n"},
    "TOML 20k-deep": lambda: {".dockerlint.toml": "ignore = " + "[" * 20_000 + "]" * 20_000 + "\n", "Dockerfile": "FROM alpine:3.20\n"},
    "YAML 20k-deep": lambda: {".hadolint.yaml": "ignored: " + "[" * 20_000 + "]" * 20_000 + "\n", "Dockerfile": "FROM alpine:3.20\n"},
    "ONBUILD FROM": lambda: {"Dockerfile": "FROM alpine:3.20\nONBUILD FROM\n"},
    "devcontainer.json /* x330k": lambda: {"devcontainer.json": "/* " * 330_000, "Dockerfile": "FROM alpine:3.20\n"},
    "devcontainer.json \"a\\ x250k": lambda: {"devcontainer.json": '"a\\' * 250_000, "Dockerfile": "FROM alpine:3.20\n"},
}


def _laughs() -> str:
    """Nine levels of nine aliases each (9^9 strings) in 400 bytes, inside one label format."""
    levels = ['&a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        levels.append(f"&{name} [" + ",".join(f"*{'abcdefghi'[i]}" for _ in range(9)) + "]")
    return "label-schema:\n  x: [" + ", ".join(levels) + "]\n"


def run(name: str, files: Files, timeout: float, memory: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text)
        target = ["."] if any(k.startswith((".git/", ".dockerlint", ".gitignore")) for k in files) else ["Dockerfile"]
        cmd = ["prlimit", f"--as={memory}", sys.executable, "-m", "dockerlint", "--no-fail", *target]
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        status, usage = _wait(child, timeout)
        wall = time.perf_counter() - start
        if status is None:
            return f"| {name} | timeout | >{timeout:.0f} s | {usage.ru_maxrss / 1024:.0f} MB |"
        stderr = child.stderr.read() if child.stderr else b""
        code = os.waitstatus_to_exitcode(status)
        peak_text = f"{usage.ru_maxrss / 1024:.0f} MB"
        done_code = code
        tail = (stderr.decode(errors="replace").strip().splitlines() or [""])[-1][:70]
        return f"| {name} | exit {done_code} | {wall:.2f} s | {peak_text} | {tail}"


def _wait(child: subprocess.Popen[bytes], timeout: float) -> tuple[int | None, resource.struct_rusage]:
    """The child's exit status (None: killed at the timeout) and its own resource usage."""
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            child.returncode = os.waitstatus_to_exitcode(status)
            return status, usage
        if time.monotonic() > deadline:
            child.kill()
            _, _, usage = os.wait4(child.pid, 0)
            child.returncode = -9
            return None, usage
        time.sleep(0.02)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--memory", type=float, default=3, help="address-space cap, GB")
    ap.add_argument("names", nargs="*")
    ns = ap.parse_args()
    print("| attack | result | time | peak RSS | last stderr line")
    for name, make in ATTACKS.items():
        if not ns.names or name in ns.names:
            print(run(name, make(), ns.timeout, int(ns.memory * 2**30)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
