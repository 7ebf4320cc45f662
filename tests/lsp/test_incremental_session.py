"""An editing session over the wire: after each incremental change, the published diagnostics
equal a lint of the same text from scratch (the server re-parses and re-lints incrementally)."""
from __future__ import annotations

import pytest
from lsprotocol import types

from dockerlint.engine import lint
from dockerlint.server.positions import PositionMap
from dockerlint.settings import Settings
from tests.lsp.conftest import change_doc, open_doc, published
from tests.random_edits import sessions

pytestmark = pytest.mark.asyncio

URI = "file:///tmp/lsp-incremental/Dockerfile"
NO_SHELLCHECK = {"options": {"settings": {"shellcheck": {"enable": False}}}}


def _change(old: str, new: str) -> tuple[tuple[int, int, int, int], str]:
    """One range change turning old into new, never splitting a CRLF (LSP cannot address inside one)."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < min(len(old), len(new)) - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    end = len(old) - tail
    if 0 < start <= len(old) and old[start - 1] == "\r" and start < len(old) and old[start] == "\n":
        start -= 1
    if 0 < end < len(old) and old[end - 1] == "\r" and old[end] == "\n":
        end += 1
    new_end = len(new) - (len(old) - end)
    positions = PositionMap(old)
    a, b = positions.position(start), positions.position(end)
    return (a.line, a.character, b.line, b.character), new[start:new_end]


def _expected(text: str) -> list[tuple[str, str, str]]:
    positions = PositionMap(text)
    out = []
    for f in lint(text, path="/tmp/lsp-incremental/Dockerfile", settings=Settings(shellcheck=False)).findings:
        r = positions.range(f.span)
        out.append((f.rule.code, f"{r.start.line}:{r.start.character}-{r.end.line}:{r.end.character}", f.message))
    return out


def _got(diagnostics) -> list[tuple[str, str, str]]:
    return [(str(d.code), f"{d.range.start.line}:{d.range.start.character}-{d.range.end.line}:{d.range.end.character}",
             d.message) for d in diagnostics]


@pytest.mark.parametrize("client", [NO_SHELLCHECK], indirect=True)
async def test_random_edits_publish_what_a_fresh_lint_finds(client):
    compared = 0
    for _, versions in sessions(seed=7, files=6, edits=15):
        version = 1
        open_doc(client, URI, versions[0])
        await published(client, URI, 1)
        for old, new in zip(versions, versions[1:]):
            version += 1
            rng, text = _change(old, new)
            change_doc(client, URI, version, (rng, text))
            params = await published(client, URI, version)
            assert _got(params.diagnostics) == _expected(new), (old, new)
            compared += 1
        client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=URI)))
        await published(client, URI)
    assert compared == 90
