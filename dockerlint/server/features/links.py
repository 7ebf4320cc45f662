"""textDocument/documentLink: base images to their registry page (no network: the URL is computed)."""
from __future__ import annotations

from typing import Any

from lsprotocol import types

from dockerlint.server import _links


def setup(server: Any) -> None:
    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_LINK)
    def document_link(ls: Any, params: types.DocumentLinkParams) -> list[types.DocumentLink] | None:
        doc = ls.documents.parseable(params.text_document.uri)
        if doc is None:
            return None
        return [types.DocumentLink(range=doc.positions.range(link.span), target=link.url, tooltip=link.url)
                for link in _links.links(doc.model)]
