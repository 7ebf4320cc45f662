"""Helpers for the editing-feature tests: open a document with a `¦` cursor, compute UTF-16 positions."""
from __future__ import annotations

from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.lsp.conftest import open_doc

CURSOR = "¦"


def position(text: str, offset: int) -> types.Position:
    """The LSP (UTF-16) position of a code-point offset; '\\r\\n' and '\\n' end lines."""
    before = text[:offset]
    line = before.count("\n")
    column = before[before.rfind("\n") + 1:]
    return types.Position(line=line, character=len(column.encode("utf-16-le")) // 2)


def open_marked(client: LanguageClient, uri: str, marked: str) -> tuple[types.TextDocumentIdentifier, types.Position]:
    """Open `marked` without its cursor; return the document and the cursor's position."""
    offset = marked.index(CURSOR)
    text = marked.replace(CURSOR, "")
    open_doc(client, uri, text)
    return types.TextDocumentIdentifier(uri=uri), position(text, offset)


def text_of(text: str, rng: types.Range) -> str:
    """The text a range covers (UTF-16 columns)."""
    lines = text.split("\n")

    def offset(pos: types.Position) -> int:
        start = sum(len(line) + 1 for line in lines[:pos.line])
        units = lines[pos.line].encode("utf-16-le")[: pos.character * 2].decode("utf-16-le")
        return start + len(units)

    return text[offset(rng.start):offset(rng.end)]
