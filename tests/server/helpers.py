"""Source with a cursor: `¦` marks the offset."""
from __future__ import annotations

from dockerlint.semantics.model import Model
from dockerlint.syntax.parser import parse

CURSOR = "¦"


def at_cursor(marked: str) -> tuple[Model, int]:
    offset = marked.index(CURSOR)
    return Model(parse(marked.replace(CURSOR, ""))), offset
