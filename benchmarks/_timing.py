"""Wall-clock timing of commands, as users run them."""
from __future__ import annotations

import os
import statistics
import subprocess
import time

# An installed package has compiled bytecode; a checkout may run with PYTHONDONTWRITEBYTECODE.
# Measure what users get: cached bytecode, after one warm-up run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_wall(cmd: list[str], runs: int) -> float:
    """Median seconds of `runs` runs of `cmd`, after a warm-up run."""
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
