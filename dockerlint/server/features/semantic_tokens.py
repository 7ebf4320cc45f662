"""textDocument/semanticTokens (full and range)."""
from __future__ import annotations

from typing import Any

from lsprotocol import types

from dockerlint.server import _semantic_tokens as st

LEGEND = types.SemanticTokensLegend(token_types=list(st.LEGEND), token_modifiers=[])


def _encode(doc: Any, tokens: list[st.Token]) -> list[int]:
    """LSP's relative encoding: line delta, start delta, length (in the negotiated units), type, modifiers."""
    data: list[int] = []
    prev_line = prev_char = 0
    positions = doc.positions
    for start, end, kind in tokens:
        a, b = positions.position(start), positions.position(end)
        if a.line != b.line:
            continue  # a lone '\r' inside a token: LSP breaks the line there
        delta = a.line - prev_line
        data += [delta, a.character - prev_char if delta == 0 else a.character, b.character - a.character, kind, 0]
        prev_line, prev_char = a.line, a.character
    return data


def setup(server: Any) -> None:
    @server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, LEGEND)
    def full(ls: Any, params: types.SemanticTokensParams) -> types.SemanticTokens | None:
        doc = ls.documents.parseable(params.text_document.uri)
        if doc is None:
            return None
        return types.SemanticTokens(data=_encode(doc, st.tokens(doc.references)))

    @server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_RANGE, LEGEND)
    def in_range(ls: Any, params: types.SemanticTokensRangeParams) -> types.SemanticTokens | None:
        doc = ls.documents.parseable(params.text_document.uri)
        if doc is None:
            return None
        return types.SemanticTokens(data=_encode(doc, st.tokens(doc.references, doc.positions.span(params.range))))
