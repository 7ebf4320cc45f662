"""An editing session over the wire: after each incremental change, the published diagnostics
equal a lint of the same text from scratch (the server re-parses, re-lints and re-encodes
incrementally), their fixes included."""
from __future__ import annotations

import json

import pytest
from lsprotocol import types

from dockerlint.engine import lint
from dockerlint.server.diagnostic_json import DiagnosticJson
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


def _described(code, rng, message, severity, tags, data) -> tuple[object, ...]:
    return (code, f"{rng['start']['line']}:{rng['start']['character']}-{rng['end']['line']}:{rng['end']['character']}",
            message, severity, tags or [], data)


def _expected(text: str, version: int) -> list[tuple[object, ...]]:
    """The diagnostics of a lint from scratch, fixes (in `data`) included."""
    positions = PositionMap(text)
    findings = lint(text, path="/tmp/lsp-incremental/Dockerfile", settings=Settings(shellcheck=False)).findings
    return [_described(d["code"], d["range"], d["message"], d["severity"], d.get("tags"), d.get("data"))
            for d in (json.loads(DiagnosticJson(URI).encode(f, positions, version)) for f in findings)]


def _got(diagnostics) -> list[tuple[object, ...]]:
    return [_described(d.code, {"start": {"line": d.range.start.line, "character": d.range.start.character},
                                "end": {"line": d.range.end.line, "character": d.range.end.character}},
                       d.message, int(d.severity), [int(t) for t in d.tags or []], d.data) for d in diagnostics]


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
            assert _got(params.diagnostics) == _expected(new, version), (old, new)
            compared += 1
        client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=URI)))
        await published(client, URI)
    assert compared == 90
