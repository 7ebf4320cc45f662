"""Garbage collection between edits rather than during them.

A re-lint allocates tens of thousands of short-lived objects, so the collector's
automatic passes land in the middle of lints, and a full pass over the trees of a
large document takes 10-30 ms: the tail of the edit-to-diagnostics latency. The
server moves what it loaded at start-up out of the collector's way, makes automatic
passes rare, runs a pass that is due right after diagnostics are published, and
collects fully once the documents have been quiet for a moment.
Reference counting frees almost everything anyway; only cycles wait for a pass.
"""
from __future__ import annotations

import asyncio
import gc

QUIET_SECONDS = 1.0
# Young-generation pass after this many allocations (CPython's default: 700); the older
# generations after 20 passes of the one below (default: 10).
THRESHOLDS = (50_000, 20, 20)


class IdleCollector:
    def __init__(self) -> None:
        self._timer: asyncio.TimerHandle | None = None

    def start(self) -> None:
        gc.freeze()  # pygls, lsprotocol and the rules live as long as the server
        gc.set_threshold(*THRESHOLDS)

    def touch(self, *_: object) -> None:
        """A document changed: collect when it has been quiet for a while."""
        if self._timer is not None:
            self._timer.cancel()
        self._timer = asyncio.get_running_loop().call_later(QUIET_SECONDS, self._collect)

    def settle(self, *_: object) -> None:
        """Diagnostics are out: if the next automatic pass is near (after a document is opened,
        say), run it now rather than in the middle of the next keystroke's lint."""
        young, middle, _ = gc.get_count()
        if young >= THRESHOLDS[0] // 4:
            gc.collect(1 if middle + 1 >= THRESHOLDS[1] else 0)

    def _collect(self) -> None:
        self._timer = None
        gc.collect()
