"""The server's garbage collection: a pass that is due runs once diagnostics are out."""
from __future__ import annotations

import gc

from dockerlint.server.collector import THRESHOLDS, IdleCollector


def test_a_due_pass_runs_when_diagnostics_are_out() -> None:
    collector = IdleCollector()
    old = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    try:
        gc.collect()
        kept = [[i] for i in range(THRESHOLDS[0] // 2)]  # as a newly opened document's tree
        assert gc.get_count()[0] >= THRESHOLDS[0] // 4
        collector.settle("file:///w/Dockerfile")
        assert gc.get_count()[0] < 100
        few = [[i] for i in range(100)]  # an edit's survivors: no pass yet
        before = gc.get_count()[0]
        collector.settle("file:///w/Dockerfile")
        assert gc.get_count()[0] >= before
        del kept, few
    finally:
        gc.set_threshold(*old)
