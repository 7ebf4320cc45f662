"""textDocument/documentSymbol: stages containing their instructions (hierarchical)."""
from __future__ import annotations

from typing import Any

from lsprotocol import types

from dockerlint.server import _outline

_KINDS = {
    _outline.STAGE: types.SymbolKind.Class,
    _outline.VARIABLE: types.SymbolKind.Variable,
    _outline.INSTRUCTION: types.SymbolKind.Function,
    _outline.DIRECTIVE: types.SymbolKind.Property,
}


def setup(server: Any) -> None:
    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(ls: Any, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol] | None:
        doc = ls.documents.parseable(params.text_document.uri)
        if doc is None:
            return None
        tags = bool(ls.capability("text_document.document_symbol.tag_support"))

        def convert(sym: _outline.OutlineSymbol) -> types.DocumentSymbol:
            return types.DocumentSymbol(
                name=sym.name or "?", detail=sym.detail or None, kind=_KINDS[sym.kind],
                range=doc.positions.range(sym.span), selection_range=doc.positions.range(sym.selection),
                children=[convert(c) for c in sym.children] or None,
                tags=[types.SymbolTag.Deprecated] if sym.deprecated and tags else None)

        return [convert(s) for s in _outline.symbols(doc.model)]
