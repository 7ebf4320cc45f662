"""textDocument/inlayHint: the value a `$VAR` word expands to, where BuildKit expands it."""
from __future__ import annotations

from typing import Any

from lsprotocol import types

from dockerlint.server import _inlay_hints


def setup(server: Any) -> None:
    @server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
    def inlay_hint(ls: Any, params: types.InlayHintParams) -> list[types.InlayHint] | None:
        doc = ls.documents.parseable(params.text_document.uri)
        if doc is None:
            return None
        span = doc.positions.span(params.range)
        return [types.InlayHint(position=doc.positions.position(h.offset), label=h.label,
                                kind=types.InlayHintKind.Type, padding_left=True,
                                tooltip=types.MarkupContent(kind=types.MarkupKind.Markdown, value=h.tooltip))
                for h in _inlay_hints.hints(doc.model, span.start, span.end)]
