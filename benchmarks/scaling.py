"""How lint time and peak memory grow with the file: one generator per kind of line, n = 1k to 100k
lines (for the JSON array, n strings in one array; for the long line, 10n words on one line).

    python benchmarks/scaling.py [--sizes 1000,10000,100000] [--timeout S] [GENERATOR ...]

Each file is linted by the real CLI (`--no-fail`, ShellCheck off) in its own process; the table
gives wall seconds and the process's peak RSS. Linear cost shows as 10x per 10x lines.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

GENERATORS: dict[str, Callable[[int], str]] = {
    "ENV": lambda n: "FROM alpine:3.20\n" + "".join(f"ENV V{i}=value{i}\n" for i in range(n)),
    "ARG": lambda n: "".join(f"ARG A{i}={i}\n" for i in range(n // 2)) + "FROM alpine:3.20\n"
                     + "".join(f"ARG A{i}\n" for i in range(n - n // 2)),
    "RUN": lambda n: "FROM alpine:3.20\n" + "RUN echo hello && true\n" * n,
    "stages": lambda n: "".join(f"FROM alpine:3.20 AS s{i}\n" if i % 2 == 0 else f"FROM s{i - 1} AS s{i}\n"
                                for i in range(n)),
    "JSON array (n strings)": lambda n: "FROM alpine:3.20\nCMD [" + ", ".join(f'"a{i}"' for i in range(n)) + "]\n",
    "long line (10n words)": lambda n: "FROM alpine:3.20\nRUN echo " + " ".join(f"w{i}" for i in range(n * 10)) + "\n",
}


def measure(source: str, timeout: float) -> tuple[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Dockerfile"
        path.write_text(source)
        cmd = [sys.executable, "-m", "dockerlint", "--no-fail", "--no-shellcheck", "--format", "json", str(path)]
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                os.wait4(child.pid, 0)
                return f">{timeout:.0f} s", "-"
            time.sleep(0.01)
        wall = time.perf_counter() - start
        mark = "" if os.waitstatus_to_exitcode(status) == 0 else f" (exit {os.waitstatus_to_exitcode(status)})"
        return f"{wall:.2f} s{mark}", f"{usage.ru_maxrss / 1024:.0f} MB"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("generators", nargs="*", default=list(GENERATORS))
    ns = ap.parse_args()
    sizes = [int(s) for s in ns.sizes.split(",")]
    print("| generator | " + " | ".join(f"{n:,} lines" for n in sizes) + " |")
    print("| --- |" + " --- |" * len(sizes))
    for name in ns.generators:
        cells = []
        for n in sizes:
            wall, peak = measure(GENERATORS[name](n), ns.timeout)
            cells.append(f"{wall}, {peak}")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
