"""The server frees each version of a document once a later one replaces it.

An editor asks for semantic tokens (and often a hover) after every keystroke; whatever a
version leaves behind is multiplied by thousands of edits in a session.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lsprotocol import types

from tests.lsp.conftest import change_doc, open_doc

pytestmark = pytest.mark.asyncio

URI = "file:///tmp/lsp-tests/memory/Dockerfile"


def _document(stages: int = 40) -> str:
    """~300 lines of stages, variables and their uses: every feature's index has something in it."""
    out = ["# syntax=docker/dockerfile:1", "ARG BASE=alpine:3.19"]
    for i in range(stages):
        out += [f"FROM ${{BASE}} AS stage{i}", f"ARG VERSION{i}=1.{i}", f"ENV APP{i}=/opt/app{i} HOME{i}=/home/{i}",
                f"WORKDIR $APP{i}", f"COPY --from=stage{max(i - 1, 0)} /opt /opt",
                f"RUN echo $VERSION{i} && mkdir -p ${{HOME{i}}}/bin \\", f"    && ls $APP{i}"]
    return "\n".join(out) + "\n"


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


async def _type(client, lines: list[str], first: int, count: int) -> int:
    """`count` keystrokes (a character typed at the end of a RUN line, then deleted), each followed by
    semantic tokens and a hover as VS Code asks for them; returns the next version."""
    doc = types.TextDocumentIdentifier(uri=URI)
    runs = [i for i, line in enumerate(lines) if line.startswith("RUN ")]
    hover_at = types.Position(line=lines.index("WORKDIR $APP0"), character=len("WORKDIR $A"))
    version = first
    for n in range(count):
        line = runs[(n // 2) % len(runs)]
        end = len(lines[line])
        if n % 2 == 0:
            change_doc(client, URI, version, ((line, end, line, end), "x"))
            lines[line] += "x"
        else:
            change_doc(client, URI, version, ((line, end - 1, line, end), ""))
            lines[line] = lines[line][:-1]
        version += 1
        tokens = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc))
        assert tokens is not None and tokens.data
        hover = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=hover_at))
        assert hover is not None and "/opt/app0" in hover.contents.value
    return version


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the server's RSS from /proc")
async def test_memory_stays_flat_over_an_editing_session(client):
    text = _document()
    lines = text.split("\n")
    open_doc(client, URI, text)
    pid = client._server.pid
    # Warm up: caches of parsed scripts, expansions and positions fill, the allocator settles.
    version = await _type(client, lines, 2, 150)
    before = _rss_kb(pid)
    await _type(client, lines, version, 300)
    grown = _rss_kb(pid) - before
    # A version kept alive costs ~150 KB here (300 edits: ~45 MB); a bounded cache a few MB at most.
    assert grown < 8_000, f"RSS grew by {grown} KB over 300 edits"
