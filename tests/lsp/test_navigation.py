"""Definition, references, highlight and rename over the wire."""
from __future__ import annotations

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from tests.lsp._editing import open_marked, text_of

pytestmark = pytest.mark.asyncio
URI = "file:///tmp/lsp-editing/Dockerfile"
DOC = (
    "ARG 版本=1\r\n"
    "FROM node:$版本 AS Build\r\n"
    "ARG 版本\r\n"
    "LABEL x=\"😀\" y=\"$版本\"\r\n"
    "FROM build\r\n"
    "COPY --from=build /a /b\r\n"
    "RUN --mount=type=cache,target=/c,from=BUILD ls\r\n"
)


def at(needle: str, nth: int = 0) -> str:
    """DOC with the cursor inside the `nth` occurrence of `needle`."""
    index = -1
    for _ in range(nth + 1):
        index = DOC.index(needle, index + 1)
    return DOC[:index + 1] + "¦" + DOC[index + 1:]


async def test_definition_references_highlight(client):
    doc, pos = open_marked(client, URI, at("build", 1))
    text = DOC
    definition = await client.text_document_definition_async(types.DefinitionParams(text_document=doc, position=pos))
    assert [text_of(text, loc.range) for loc in definition] == ["Build"]
    assert definition[0].range == types.Range(start=types.Position(line=1, character=17),
                                              end=types.Position(line=1, character=22))
    refs = await client.text_document_references_async(types.ReferenceParams(
        text_document=doc, position=pos, context=types.ReferenceContext(include_declaration=True)))
    assert [text_of(text, r.range) for r in refs] == ["Build", "build", "build", "BUILD"]
    uses = await client.text_document_references_async(types.ReferenceParams(
        text_document=doc, position=pos, context=types.ReferenceContext(include_declaration=False)))
    assert len(uses) == 3
    marks = await client.text_document_document_highlight_async(types.DocumentHighlightParams(text_document=doc, position=pos))
    assert [m.kind for m in marks] == [types.DocumentHighlightKind.Write] + [types.DocumentHighlightKind.Read] * 3
    # a variable used after an emoji on a CRLF line: UTF-16 columns
    var = await client.text_document_references_async(types.ReferenceParams(
        text_document=doc, position=types.Position(line=3, character=17), context=types.ReferenceContext(include_declaration=True)))
    assert [(r.range.start.line, r.range.start.character, text_of(text, r.range)) for r in var] == [
        (0, 4, "版本"), (1, 11, "版本"), (2, 4, "版本"), (3, 17, "版本")]  # the emoji is two UTF-16 units


async def test_rename(client):
    doc, pos = open_marked(client, URI, at("版本", 1))
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=doc, position=pos))
    assert prepared.placeholder == "版本"
    edit = await client.text_document_rename_async(types.RenameParams(text_document=doc, position=pos, new_name="VERSION"))
    edits = edit.changes[URI]
    assert [text_of(DOC, e.range) for e in edits] == ["版本"] * 4 and {e.new_text for e in edits} == {"VERSION"}
    with pytest.raises(JsonRpcException, match="not a valid variable name"):
        await client.text_document_rename_async(types.RenameParams(text_document=doc, position=pos, new_name="a b"))
    stage = types.Position(line=4, character=7)
    edit = await client.text_document_rename_async(types.RenameParams(text_document=doc, position=stage, new_name="compile"))
    assert len(edit.changes[URI]) == 4
    nothing = await client.text_document_prepare_rename_async(types.PrepareRenameParams(
        text_document=doc, position=types.Position(line=99, character=0)))
    assert nothing is None
