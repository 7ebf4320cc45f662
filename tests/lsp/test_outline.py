"""Symbols, folding, semantic tokens, links, inlay hints and signature help over the wire."""
from __future__ import annotations

import pytest
from lsprotocol import types

from tests.lsp._editing import open_marked, text_of
from tests.lsp.conftest import open_doc, two_services

pytestmark = pytest.mark.asyncio
URI = "file:///tmp/lsp-editing/Dockerfile"
DOC = (
    "# syntax=docker/dockerfile:1\r\n"     # 0
    "ARG TAG=20\r\n"                       # 1
    "FROM node:${TAG} AS build\r\n"        # 2
    "# 😀 one\r\n"                          # 3
    "# two\r\n"                            # 4
    "RUN echo 😀 \\\r\n"                    # 5
    "    $HTTP_PROXY\r\n"                  # 6
    "FROM nginx\r\n"                       # 7
    "COPY --from=build /a /b\r\n"          # 8
)
DOC_ID = types.TextDocumentIdentifier(uri=URI)


async def test_symbols_and_folding(client):
    open_marked(client, URI, "¦" + DOC)
    syms = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=DOC_ID))
    assert [(s.name, s.kind) for s in syms] == [
        ("# syntax=docker/dockerfile:1", types.SymbolKind.Property), ("ARG TAG", types.SymbolKind.Variable),
        ("build", types.SymbolKind.Class), ("stage 1", types.SymbolKind.Class)]
    assert [c.name for c in syms[2].children] == ["RUN echo 😀 $HTTP_PROXY"]
    assert (syms[2].range.start.line, syms[2].range.end.line) == (2, 6)
    folds = await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=DOC_ID))
    assert [(f.start_line, f.end_line, f.kind) for f in folds] == [
        (2, 6, "region"), (3, 4, "comment"), (5, 6, "region"), (7, 8, "region")]


async def test_semantic_tokens_full_and_range(client):
    open_marked(client, URI, "¦" + DOC)
    legend = client.init_result.capabilities.semantic_tokens_provider.legend.token_types
    full = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=DOC_ID))
    decoded, line, char = [], 0, 0
    data = full.data
    for i in range(0, len(data), 5):
        line += data[i]
        char = data[i + 1] if data[i] else char + data[i + 1]
        decoded.append((line, char, data[i + 2], legend[data[i + 3]]))
    assert (3, 0, 8, "comment") in decoded  # "# 😀 one": the emoji counts two units
    assert (6, 5, 10, "variable") in decoded  # $HTTP_PROXY on a continuation line
    assert (2, 20, 5, "class") in decoded
    part = await client.text_document_semantic_tokens_range_async(types.SemanticTokensRangeParams(
        text_document=DOC_ID, range=types.Range(start=types.Position(line=8, character=0),
                                                end=types.Position(line=99, character=0))))
    assert [legend[k] for k in part.data[3::5]] == ["keyword", "parameter", "class", "string", "string"]


async def test_links_and_inlay_hints(client):
    open_marked(client, URI, "¦" + DOC)
    links = await client.text_document_document_link_async(types.DocumentLinkParams(text_document=DOC_ID))
    assert [(text_of(DOC, link.range), link.target) for link in links] == [("nginx", "https://hub.docker.com/_/nginx")]
    hints = await client.text_document_inlay_hint_async(types.InlayHintParams(
        text_document=DOC_ID, range=types.Range(start=types.Position(line=0, character=0),
                                                end=types.Position(line=99, character=0))))
    assert [(h.position.line, h.position.character, h.label) for h in hints] == [(2, 16, "= node:20")]


async def test_links_from_sources_to_files(client, tmp_path):
    (tmp_path / "src").mkdir()
    for name in ("app.py", "src/a.py", "secret.txt"):
        (tmp_path / name).write_text("")
    (tmp_path / ".dockerignore").write_text("secret.txt\n")
    text = "FROM alpine:3\nCOPY app.py src src/*.py secret.txt gone.txt /app/\nCOPY --from=build app.py /\n"
    uri = (tmp_path / "Dockerfile").as_uri()
    open_doc(client, uri, text)
    links = await client.text_document_document_link_async(types.DocumentLinkParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    # one link: not to a folder, a wildcard, an excluded or missing file, or another stage's file
    assert [(text_of(text, link.range), link.target) for link in links] == [
        ("alpine", "https://hub.docker.com/_/alpine"), ("app.py", (tmp_path / "app.py").as_uri())]


async def test_links_go_to_the_first_compose_context_that_has_the_file(client, tmp_path):
    uri = two_services(tmp_path)
    text = "FROM alpine:3\nARG EXT\nCOPY main.$EXT shared.txt index.html /srv/\n"
    open_doc(client, uri, text)
    links = await client.text_document_document_link_async(types.DocumentLinkParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert [(text_of(text, link.range), link.target) for link in links] == [
        ("alpine", "https://hub.docker.com/_/alpine"), ("main.$EXT", (tmp_path / "api/main.py").as_uri()),
        ("shared.txt", (tmp_path / "api/shared.txt").as_uri()), ("index.html", (tmp_path / "web/index.html").as_uri())]


@pytest.mark.parametrize(("marked", "active"), [
    ("FROM a\nCOPY --chown=1 😀 ¦", "<dest>"),
    ("FROM a\r\nHEALTHCHECK --retries=3 ¦", "CMD"),
])
async def test_signature_help(client, marked, active):
    doc, pos = open_marked(client, URI, marked)
    help_ = await client.text_document_signature_help_async(types.SignatureHelpParams(text_document=doc, position=pos))
    sig = help_.signatures[help_.active_signature]
    assert sig.parameters[help_.active_parameter].label == active
