"""Applying the fixes of the shell rules in tests."""
from __future__ import annotations

from tests.rules.helpers import run


def fixed(source: str, code: str) -> str:
    """`source` with the fixes of every `code` finding applied (edits must not overlap)."""
    result = run(source, code)
    edits = sorted((e for f in result.findings if f.fix is not None for e in f.fix.edits), reverse=True)
    assert edits, f"no fix offered by {code}"
    text = source
    for start, end, new in edits:
        text = text[:start] + new + text[end:]
    return text
