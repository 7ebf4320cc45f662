"""Run a piece of Python in a fresh interpreter under a time and memory limit.

For the hostile inputs of the scaling tests: a regression to quadratic or exponential cost
fails fast here instead of hanging the suite or swapping the machine."""
from __future__ import annotations

import resource
import subprocess
import sys
import textwrap


def run_python(code: str, *, timeout: float = 30, memory: int = 1 << 30) -> str:
    """The standard output of `code`; fails the test when it errs, runs over `timeout` seconds,
    or needs more than `memory` bytes of address space."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                              timeout=timeout, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"did not finish within {timeout} s") from None
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout
