"""Our AST as JSON, every range included (`dockerlint parse --format ast`)."""
from __future__ import annotations

TYPE_CHECKING = False  # typing costs start-up time; it is only needed by type checkers
if TYPE_CHECKING:
    from typing import Any

from dockerlint.syntax import nodes
from dockerlint.syntax.span import LineIndex, Span


def document(df: nodes.Dockerfile) -> dict[str, Any]:
    index = LineIndex(df.source)

    def convert(value: Any) -> Any:
        if isinstance(value, Span):
            start, end = index.position(value.start), index.position(value.end)
            return {"start": {"line": start.line, "column": start.column},
                    "end": {"line": end.line, "column": end.column},
                    "offsets": [value.start, value.end]}
        if isinstance(value, nodes.Node):
            out: dict[str, Any] = {"node": type(value).__name__}
            for name in value._fields:
                if name not in ("source", "segments"):
                    out[name] = convert(getattr(value, name))
            return out
        if isinstance(value, (list, tuple)):
            return [convert(v) for v in value]
        return value

    return convert(df)
