from __future__ import annotations

from dockerlint.syntax.span import LineIndex, Span


def at(source: str, span: Span) -> str:
    """'line:col-line:col' of a span (1-based, end exclusive)."""
    index = LineIndex(source)
    a, b = index.position(span.start), index.position(span.end)
    return f"{a.line}:{a.column}-{b.line}:{b.column}"
