"""Code actions: quick fixes, ignore pragmas, fix-all; each applied and the result checked."""
from __future__ import annotations

import pytest
from lsprotocol import types

from tests.lsp.conftest import open_doc, published

pytestmark = pytest.mark.asyncio

URI = "file:///tmp/lsp-tests/Dockerfile"


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits to an ASCII text (columns are then plain indexes)."""
    lines = text.splitlines(keepends=True) + [""]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(pos: types.Position) -> int:
        return starts[pos.line] + pos.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def edits_of(action: types.CodeAction) -> list[types.TextEdit]:
    edit = action.edit
    if edit.document_changes:
        (change,) = edit.document_changes
        assert change.text_document.uri == URI and change.text_document.version is not None
        return list(change.edits)
    return list(edit.changes[URI])


async def actions(client, text: str, code: str | None = None, only: list[str] | None = None,
                  data: bool = True) -> tuple[list[types.CodeAction], list[types.Diagnostic]]:
    open_doc(client, URI, text)
    diags = list((await published(client, URI)).diagnostics)
    chosen = [d for d in diags if code is None or d.code == code]
    if not data:  # a client that drops `data`
        for d in chosen:
            d.data = None
    rng = chosen[0].range if chosen else types.Range(start=types.Position(line=0, character=0),
                                                      end=types.Position(line=0, character=0))
    result = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=URI), range=rng,
        context=types.CodeActionContext(diagnostics=chosen, only=only)))
    return list(result or []), diags


DOC = "# syntax=docker/dockerfile:1\nFROM example.com/go:1.23 as build\n  COPY a b /app\nUSER app\n"

CASES = [
    # (document, code, action title, the document after applying it)
    (DOC, "DKL204", "Write `AS`", DOC.replace(" as ", " AS ")),
    (DOC, "DKL204", "Ignore DKL204 on this line",
     DOC.replace("FROM", "# dockerlint ignore=DKL204\nFROM")),
    (DOC, "DKL402", "Ignore DKL402 on this line",  # indented like the instruction
     DOC.replace("  COPY", "  # dockerlint ignore=DKL402\n  COPY")),
    (DOC, "DKL204", "Ignore DKL204 in this file",  # after the parser directives
     DOC.replace("FROM", "# dockerlint global ignore=DKL204\nFROM")),
    ("FROM example.com/go:1.23 as build\nUSER app\n", "DKL204", "Ignore DKL204 in this file",
     "# dockerlint global ignore=DKL204\nFROM example.com/go:1.23 as build\nUSER app\n"),
    # An existing pragma is extended, not duplicated.
    ("# dockerlint ignore=DKL101  \nFROM example.com/go:1.23 as build\nUSER app\n", "DKL204",
     "Ignore DKL204 on this line", "# dockerlint ignore=DKL101,DKL204  \nFROM example.com/go:1.23 as build\nUSER app\n"),
    ("# dockerlint global ignore=DKL101\nFROM example.com/go:1.23 as build\nUSER app\n", "DKL204",
     "Ignore DKL204 in this file", "# dockerlint global ignore=DKL101,DKL204\nFROM example.com/go:1.23 as build\nUSER app\n"),
    # hadolint's pragma stays right on top of the instruction.
    ("FROM example.com/go:1.23 AS build\n# hadolint ignore=DL3059\nCOPY a b /app\nUSER app\n", "DKL402",
     "Ignore DKL402 on this line",
     "FROM example.com/go:1.23 AS build\n# dockerlint ignore=DKL402\n# hadolint ignore=DL3059\nCOPY a b /app\nUSER app\n"),
    # CRLF files get CRLF lines.
    (DOC.replace("\n", "\r\n"), "DKL402", "Ignore DKL402 on this line",
     DOC.replace("  COPY", "  # dockerlint ignore=DKL402\n  COPY").replace("\n", "\r\n")),
]


@pytest.mark.parametrize(("text", "code", "title", "after"), CASES)
async def test_action_applies(client, text, code, title, after):
    found, _ = await actions(client, text, code)
    (action,) = [a for a in found if a.title == title]
    assert action.kind == types.CodeActionKind.QuickFix and [d.code for d in action.diagnostics] == [code]
    assert apply(text, edits_of(action)) == after


async def test_quick_fix_is_preferred_and_survives_missing_data(client):
    found, _ = await actions(client, DOC, "DKL402", data=False)
    (fix,) = [a for a in found if a.title.startswith("Append")]
    assert fix.is_preferred
    assert apply(DOC, edits_of(fix)) == DOC.replace("/app", "/app/")


@pytest.mark.parametrize(("only", "titles"), [
    (["source.fixAll"], ["Fix all auto-fixable dockerlint problems"]),
    (["source.fixAll.dockerlint"], ["Fix all auto-fixable dockerlint problems"]),
    (["source"], ["Fix all auto-fixable dockerlint problems"]),
    (["source.organizeImports"], []),
    (["quickfix"], ["Write `AS`", "Append `/` to the destination", "Ignore DKL204 on this line",
                    "Ignore DKL402 on this line", "Ignore DKL204 in this file", "Ignore DKL402 in this file"]),
])
async def test_only_filters_kinds(client, only, titles):
    found, _ = await actions(client, DOC, None, only=only)
    assert [a.title for a in found if a.title.startswith(("Fix", "Write", "Append", "Ignore DKL204", "Ignore DKL402"))] \
        == titles


async def test_fix_all(client):
    found, _ = await actions(client, DOC, None, only=["source.fixAll"])
    (action,) = found
    assert action.kind == "source.fixAll.dockerlint"
    assert apply(DOC, edits_of(action)) == DOC.replace(" as ", " AS ").replace("/app", "/app/")


async def test_nothing_to_fix(client):
    found, _ = await actions(client, "FROM example.com/go:1.23\nUSER 1000\n", None, only=["source.fixAll"])
    assert found == []


async def test_fix_all_is_left_out_of_the_requests_the_editor_makes_by_itself(client):
    """The cursor moving asks for code actions each time: the fix loop re-lints the whole
    document, and the lightbulb shows no source actions anyway."""
    open_doc(client, URI, DOC)
    await published(client, URI)
    doc = types.TextDocumentIdentifier(uri=URI)
    at = types.Range(start=types.Position(line=1, character=0), end=types.Position(line=1, character=0))
    titles = {}
    for trigger in (types.CodeActionTriggerKind.Automatic, types.CodeActionTriggerKind.Invoked,
                    types.CodeActionTriggerKind.Invoked):  # the second invocation: the kept edit
        found = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=doc, range=at, context=types.CodeActionContext(diagnostics=[], trigger_kind=trigger)))
        titles.setdefault(trigger, []).append([a.title for a in found or []])
    assert titles[types.CodeActionTriggerKind.Automatic] == [[]]
    assert titles[types.CodeActionTriggerKind.Invoked] == [["Fix all auto-fixable dockerlint problems"]] * 2
