"""textDocument/documentLink: base images to their registry page (no network: the URL is computed),
COPY/ADD sources to the files of the build context."""
from __future__ import annotations

from typing import Any

from lsprotocol import types

from dockerlint.server import _links, _sources


def setup(server: Any) -> None:
    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_LINK)
    def document_link(ls: Any, params: types.DocumentLinkParams) -> list[types.DocumentLink] | None:
        doc = ls.documents.parseable(params.text_document.uri)
        if doc is None:
            return None
        found = [(link.span, link.url) for link in _links.links(doc.model)]
        found += [(link.span, link.url) for link in _sources.links(doc.builds)]
        return [types.DocumentLink(range=doc.positions.range(span), target=url, tooltip=url) for span, url in found]
