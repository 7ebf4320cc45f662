"""Offsets into the text ↔ LSP positions, in the negotiated position encoding.

Spans are code-point offsets; LSP columns count UTF-16 code units by default
(UTF-8 bytes or code points when negotiated). LSP lines end at '\\n', '\\r\\n'
or a lone '\\r'. Built once per document version; any position a client sends is
clamped into the text, never an error.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol.types import Position, Range

from dockerlint.syntax.span import Span, line_starts

_EOL = re.compile(r"\r\n?|\n")
ENCODINGS = ("utf-8", "utf-16", "utf-32")


def _units_utf8(s: str) -> int:
    return len(s.encode("utf-8", "surrogatepass"))


def _units_utf16(s: str) -> int:
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


_COUNTERS = {"utf-8": _units_utf8, "utf-16": _units_utf16, "utf-32": len}


class PositionMap:
    """Converts between code-point offsets and LSP (line, character) positions of one text."""

    __slots__ = ("text", "encoding", "has_cr", "_starts", "_units", "_ascii")

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding if encoding in _COUNTERS else "utf-16"
        self._units = _COUNTERS[self.encoding]
        # Column arithmetic is plain indexing when every character is one code unit.
        self._ascii = self.encoding == "utf-32" or text.isascii()
        self.has_cr = "\r" in text
        if self.has_cr:
            self._starts = [0] + [m.end() for m in _EOL.finditer(text)]
        else:
            self._starts = line_starts(text)

    @classmethod
    def of(cls, text: str, encoding: str = "utf-16") -> PositionMap:
        """The map of a text, shared: an edit converts its range on the old text's map, which
        the old version's diagnostics were made with, and the new text's serves the next edit."""
        if len(text) > _RECENT_CHARS:
            return cls(text, encoding)  # not kept: old versions of a huge text would pile up
        key = (id(text), encoding)
        found = _RECENT.get(key)
        if found is None or found.text is not text:
            if len(_RECENT) >= 4:
                _RECENT.clear()
            found = _RECENT[key] = cls(text, encoding)
        return found

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the start of a 0-based line (clamped)."""
        return self._starts[max(0, min(line, len(self._starts) - 1))]

    def line_end(self, line: int) -> int:
        """Offset of the end of a 0-based line's content, before its line break (clamped)."""
        line = max(0, min(line, len(self._starts) - 1))
        if line + 1 == len(self._starts):
            return len(self.text)
        end = self._starts[line + 1] - 1
        if self.text[end] == "\n" and end > self._starts[line] and self.text[end - 1] == "\r":
            end -= 1
        return end

    def line_text(self, line: int) -> str:
        return self.text[self.line_start(line) : self.line_end(line)]

    def line_of(self, offset: int) -> int:
        """0-based line holding an offset (clamped)."""
        offset = max(0, min(offset, len(self.text)))
        return bisect_right(self._starts, offset) - 1

    def line_character(self, offset: int) -> tuple[int, int]:
        # (called for every diagnostic of every publication: no call that can be spared)
        starts = self._starts
        if offset > 0:
            line = bisect_right(starts, offset) - 1
            start = starts[line]
            # past the line's content (its line break, or the text's end): the end of its content
            if (line + 1 < len(starts) and offset >= starts[line + 1] - 2) or offset > len(self.text):
                offset = min(offset, self.line_end(line))
        else:
            line = start = offset = 0
        if self._ascii:
            return line, offset - start
        return line, self._units(self.text[start:offset])

    def position(self, offset: int) -> Position:
        line, character = self.line_character(offset)
        return Position(line=line, character=character)

    def range(self, span: Span) -> Range:
        return Range(start=self.position(span.start), end=self.position(span.end))

    def range_json(self, span: Span) -> dict[str, dict[str, int]]:
        """`range` as LSP's JSON, for messages sent without lsprotocol objects."""
        (a, b), (c, d) = self.line_character(span.start), self.line_character(span.end)
        return {"start": {"line": a, "character": b}, "end": {"line": c, "character": d}}

    def offset(self, pos: Position) -> int:
        """The offset of a client position; past the end of a line or the text it clamps."""
        line, character = pos.line, pos.character
        if line < 0:
            return 0
        if line >= len(self._starts):
            return len(self.text)
        start, end = self._starts[line], self.line_end(line)
        if character <= 0:
            return start
        if self._ascii:
            return min(start + character, end)
        units = self._units
        count = 0
        for i in range(start, end):
            count += units(self.text[i])
            if count > character:  # inside a multi-unit character: stay before it
                return i
            if count == character:
                return i + 1
        return end

    def span(self, rng: Range) -> Span:
        """The offsets of a client range; a reversed range is put in order."""
        a, b = self.offset(rng.start), self.offset(rng.end)
        return Span(a, b) if a <= b else Span(b, a)


_RECENT: dict[tuple[int, str], PositionMap] = {}  # by id(text): each map holds its text, so the id stays its own
_RECENT_CHARS = 1_000_000
