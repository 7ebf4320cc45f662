"""Wall-clock timing of commands, as users run them."""
from __future__ import annotations

import os
import statistics
import subprocess
import time

# An installed package has compiled bytecode; a checkout may run with PYTHONDONTWRITEBYTECODE.
# Measure what users get: cached bytecode, after one warm-up run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_walls(commands: list[list[str]], runs: int) -> list[float]:
    """Median seconds of each command over `runs` rounds.

    The commands take turns within each round, so a slow spell of a shared machine
    weighs on all of them alike and their ratios hold.
    """
    for cmd in commands:  # warm-up
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for cmd, spent in zip(commands, times):
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
            spent.append(time.perf_counter() - start)
    return [statistics.median(spent) for spent in times]
