"""Source positions: every node holds a Span of offsets into the decoded text.

Offsets index the Python string (code points). Lines and columns are derived on
demand through a LineIndex, so nodes stay small and exact through continuations.
"""
from __future__ import annotations

from bisect import bisect_right


class Span(tuple):
    """Half-open range [start, end) of string offsets.

    A tuple subclass rather than typing.NamedTuple: importing typing (and building a
    named tuple) costs more than the whole parse of a small Dockerfile.
    """

    __slots__ = ()

    def __new__(cls, start: int, end: int) -> Span:
        return tuple.__new__(cls, (start, end))

    @property
    def start(self) -> int:
        return self[0]

    @property
    def end(self) -> int:
        return self[1]

    def __repr__(self) -> str:
        return f"Span({self[0]}, {self[1]})"

    def __getnewargs__(self) -> tuple[int, int]:
        return (self[0], self[1])

    def contains(self, offset: int) -> bool:
        return self.start <= offset <= self.end

    def cover(self, other: Span) -> Span:
        return Span(min(self.start, other.start), max(self.end, other.end))


class Position(tuple):
    """1-based line, 1-based column (code points)."""

    __slots__ = ()

    def __new__(cls, line: int, column: int) -> Position:
        return tuple.__new__(cls, (line, column))

    @property
    def line(self) -> int:
        return self[0]

    @property
    def column(self) -> int:
        return self[1]

    def __repr__(self) -> str:
        return f"Position(line={self[0]}, column={self[1]})"


# The line starts of the last few texts: the parse, the rules' line index and the language
# server's position map of one version all need them. (text's id -> (text, starts))
_RECENT: dict[int, tuple[str, list[int]]] = {}


def line_starts(text: str) -> list[int]:
    """Offsets where each line starts, lines ending after '\\n'. Shared: do not modify."""
    found = _RECENT.get(id(text))
    if found is not None and found[0] is text:
        return found[1]
    starts = _line_starts(text)
    _remember(text, starts)
    return starts


def edited_line_starts(before: str, after: str, start: int, old_end: int, new_end: int) -> None:
    """Remember the line starts of `after`, `before` with [start, old_end) replaced by
    after[start:new_end], made from those of `before` when they are at hand: only the
    edit is searched, the lines after it move by its length."""
    found = _RECENT.get(id(before))
    if found is None or found[0] is not before:
        return
    old = found[1]
    starts = old[: bisect_right(old, start)]  # a line break before the edit: kept
    find = after.find
    i = find("\n", start, new_end)
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1, new_end)
    delta = new_end - old_end
    starts += [s + delta for s in old[bisect_right(old, old_end):]]  # a line break after it: moved
    _remember(after, starts)


def _remember(text: str, starts: list[int]) -> None:
    if len(_RECENT) >= 4:
        _RECENT.clear()
    _RECENT[id(text)] = (text, starts)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


class LineIndex:
    """Maps offsets to (line, column) and back; lines end after '\\n' (a '\\r' stays in the line)."""

    __slots__ = ("text", "starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        return Position(line + 1, offset - self.starts[line] + 1)

    def offset(self, line: int, column: int) -> int:
        """Offset of a 1-based (line, column); clamped into the text and its line."""
        if line < 1:
            return 0
        if line > len(self.starts):
            return len(self.text)
        start = self.starts[line - 1]
        end = self.line_end(line)
        return min(start + max(column - 1, 0), end)

    def line_start(self, line: int) -> int:
        return self.starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset of the end of a 1-based line's content, before '\\r\\n' or '\\n'."""
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        if end > self.starts[line - 1] and self.text[end - 1] == "\r" and line < len(self.starts):
            end -= 1
        return end

    def line_text(self, line: int) -> str:
        return self.text[self.line_start(line) : self.line_end(line)]
