"""textDocument/hover: instructions, flags, variables' values, stages, base images, rule docs."""
from __future__ import annotations

from typing import Any

from lsprotocol import types

from dockerlint.server import _hover


def setup(server: Any) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: Any, params: types.HoverParams) -> types.Hover | None:
        doc = ls.documents.parseable(params.text_document.uri)
        if doc is None:
            return None
        findings = doc.result.findings if doc.result is not None else ()
        found = _hover.hover(doc.references, doc.positions.offset(params.position), findings, doc.builds)
        if found is None:
            return None
        formats = ls.capability("text_document.hover.content_format") or [types.MarkupKind.Markdown]
        kind = types.MarkupKind.Markdown if types.MarkupKind.Markdown in formats else types.MarkupKind.PlainText
        return types.Hover(contents=types.MarkupContent(kind=kind, value=found.markdown),
                           range=doc.positions.range(found.span))
