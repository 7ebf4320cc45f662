"""textDocument/foldingRange: stages, multi-line instructions, heredocs, comment blocks."""
from __future__ import annotations

from typing import Any

from lsprotocol import types

from dockerlint.server import _outline


def setup(server: Any) -> None:
    @server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
    def folding_range(ls: Any, params: types.FoldingRangeParams) -> list[types.FoldingRange] | None:
        doc = ls.documents.parseable(params.text_document.uri)
        if doc is None:
            return None
        limit = ls.capability("text_document.folding_range.range_limit")
        ranges = [types.FoldingRange(start_line=f.start_line, end_line=f.end_line,
                                     kind=types.FoldingRangeKind.Comment if f.kind == "comment"
                                     else types.FoldingRangeKind.Region)
                  for f in _outline.folds(doc.model, doc.positions.line_of)]
        return ranges[:limit] if limit else ranges
