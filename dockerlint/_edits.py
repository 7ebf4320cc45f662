"""Text edits on decoded Dockerfile text, shared by fixes and the formatter.

Edits are `rules.api.Edit(start, end, text)` with offsets into the original text;
everything outside them is copied through unchanged.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from dockerlint.rules.api import Edit


def conflicts(a: Edit, b: Edit) -> bool:
    """Whether two edits cannot both apply in a well-defined order.

    Overlapping ranges conflict; so does an insertion at the edge or inside of
    another edit, since the result would depend on which goes first.
    """
    if a.start == a.end or b.start == b.end:
        return b.start <= a.start <= b.end or a.start <= b.start <= a.end
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Splice non-conflicting edits into `text` (callers check conflicts first)."""
    out: list[str] = []
    at = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[at:e.start])
        out.append(e.text)
        at = e.end
    out.append(text[at:])
    return "".join(out)


def valid(text: str, edits: Sequence[Edit]) -> bool:
    """Every edit lies inside the text and none conflicts with another."""
    if any(not 0 <= e.start <= e.end <= len(text) for e in edits):
        return False
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    # Sorted, a conflict always shows between neighbours.
    return not any(conflicts(a, b) for a, b in zip(ordered, ordered[1:]))


def line_ending_at(text: str, offset: int) -> str:
    """The line ending of the line holding `offset` (or of the nearest line before it that has one)."""
    nl = text.find("\n", offset)
    if nl == -1:
        nl = text.rfind("\n", 0, offset)
        if nl == -1:
            return "\n"
    return "\r\n" if nl > 0 and text[nl - 1] == "\r" else "\n"


def match_line_endings(text: str, new: str, offset: int) -> str:
    """`new` with its bare '\\n' written as the line ending used where it lands (a CRLF file stays CRLF)."""
    if "\n" not in new or line_ending_at(text, offset) == "\n":
        return new
    return new.replace("\r\n", "\n").replace("\n", "\r\n")
