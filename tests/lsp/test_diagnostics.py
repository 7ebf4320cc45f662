"""Diagnostics over the wire: pushed to VS Code-like clients, pulled by clients that ask."""
from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types

from dockerlint.rules.shellcheck import _runner
from tests.lsp.conftest import change_doc, open_doc, published, pulled, spans

pytestmark = pytest.mark.asyncio

URI = "file:///tmp/lsp-tests/Dockerfile"
DOC = (
    "FROM example.com/go:1.23 as build\n"
    'LABEL note="😀 中文" other="x"\n'
    "FROM --platform=$TARGETPLATFORM example.com/run:1.0\n"
    "# 注释 😀\n"
    "COPY --from=build 😀.txt 中.txt /app\n"
    "USER app\n"
)
# (code, range) in UTF-16 columns, LSP's default: the emoji counts two, the CJK character one.
EXPECTED = [("DKL204", "0:25-0:27"), ("DKL106", "2:5-2:31"), ("DKL402", "4:31-4:35"), ("DKL302", "5:5-5:8")]


async def test_push_diagnostics_fields(client):
    open_doc(client, URI, DOC)
    params = await published(client, URI)
    assert params.version == 1
    assert spans(params.diagnostics) == EXPECTED
    by_code = {d.code: d for d in params.diagnostics}
    assert {c: d.severity for c, d in by_code.items()} == {
        "DKL204": types.DiagnosticSeverity.Hint, "DKL106": types.DiagnosticSeverity.Warning,
        "DKL402": types.DiagnosticSeverity.Error, "DKL302": types.DiagnosticSeverity.Information}
    assert all(d.source == "dockerlint" for d in params.diagnostics)
    assert by_code["DKL106"].code_description.href.endswith("rules.md#dkl106-redundant-target-platform")
    assert list(by_code["DKL106"].tags) == [types.DiagnosticTag.Unnecessary]
    assert by_code["DKL204"].tags is None
    assert by_code["DKL204"].data["fix"]["edits"] == [
        {"range": {"start": {"line": 0, "character": 25}, "end": {"line": 0, "character": 27}}, "newText": "AS"}]
    assert by_code["DKL302"].data is None  # no fix


@pytest.mark.parametrize(("client", "expected"), [
    ({"encodings": ["utf-32"]}, ("utf-32", "4:30-4:34")),
    ({"encodings": ["utf-8", "utf-16"]}, ("utf-8", "4:35-4:39")),
    ({"encodings": ["latin-1"]}, ("utf-16", "4:31-4:35")),  # nothing we know: the LSP default
], indirect=["client"])
async def test_negotiated_position_encoding(client, expected):
    encoding, copy_range = expected
    assert client.init_result.capabilities.position_encoding == encoding
    open_doc(client, URI, DOC)
    params = await published(client, URI)
    assert ("DKL402", copy_range) in spans(params.diagnostics)


@pytest.mark.parametrize(("text", "expected"), [
    (DOC.replace("\n", "\r\n"), EXPECTED),  # CRLF: same lines and columns
    ("# escape=`\nFROM example.com/go:1.23 `\n  as build\n", [("DKL301", "1:5-1:24"), ("DKL204", "2:2-2:4")]),
    ("# escape=`\r\nFROM example.com/go:1.23 `\r\n  as build\r\nUSER app\r\n",
     [("DKL204", "2:2-2:4"), ("DKL302", "3:5-3:8")]),
    ("FROM example.com/go:1.23 AS build\nCOPY a b /app", [("DKL301", "0:5-0:24"), ("DKL402", "1:9-1:13")]),
    ("FROM example.com/go:1.23\nENV DEBUG\nUSER app\n", [("DKL001", "1:0-1:9"), ("DKL302", "2:5-2:8")]),
])
async def test_push_ranges(client, text, expected):
    open_doc(client, URI, text)
    params = await published(client, URI)
    assert spans(params.diagnostics) == expected


async def test_incremental_changes_and_close(client):
    open_doc(client, URI, DOC)
    await published(client, URI, 1)
    # Fix the `as` (range edit) and append a line; the two changes apply in order.
    change_doc(client, URI, 2, ((0, 25, 0, 27), "AS"), ((6, 0, 6, 0), "COPY 😀 🐳 /x\n"))
    params = await published(client, URI, 2)
    assert spans(params.diagnostics) == [("DKL106", "2:5-2:31"), ("DKL402", "4:31-4:35"), ("DKL302", "5:5-5:8"),
                                         ("DKL402", "6:11-6:13")]
    # A full-text change replaces everything.
    change_doc(client, URI, 3, "FROM example.com/go:1.23\nUSER app\n")
    params = await published(client, URI, 3)
    assert spans(params.diagnostics) == [("DKL302", "1:5-1:8")]
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=URI)))
    params = await published(client, URI)
    assert list(params.diagnostics) == []


async def test_burst_of_changes_publishes_the_last_version(client):
    open_doc(client, URI, "FROM example.com/go:1.23\n")
    await published(client, URI, 1)
    for version in range(2, 12):
        change_doc(client, URI, version, ((1, 0, 1, 0), "LABEL a=b\n"))
    change_doc(client, URI, 12, ((0, 24, 0, 24), " as x"))
    params = await asyncio.wait_for(published(client, URI, 12), 5)
    assert spans(params.diagnostics) == [("DKL301", "0:5-0:24"), ("DKL204", "0:25-0:27")]


async def test_an_install_with_unpinned_packages_relates_each_package(client):
    """One diagnostic per install command; each package's range comes as related information
    (in UTF-16 columns, through edits of the kept diagnostic text)."""
    text = "FROM example.com/debian:12\nRUN apt-get install -y 😀x \\\n    curl=1 vim\nUSER 1\n"
    open_doc(client, URI, text)
    params = await published(client, URI)
    (install,) = [d for d in params.diagnostics if d.code == "DKL820"]
    assert install.message == "Pin the versions of `😀x` and `vim`, e.g. `😀x=<version>`"
    assert spans([install]) == [("DKL820", "1:4-1:19")]
    assert [(r.location.uri, r.location.range.start.line, r.location.range.start.character,
             r.location.range.end.character, r.message) for r in install.related_information] == [
        (URI, 1, 23, 26, "Pin the version of `😀x`: `😀x=<version>`"),
        (URI, 2, 11, 14, "Pin the version of `vim`: `vim=<version>`")]
    change_doc(client, URI, 2, ((0, 0, 0, 0), "# moved\n"))
    moved = await published(client, URI, 2)
    (install,) = [d for d in moved.diagnostics if d.code == "DKL820"]
    assert [r.location.range.start.line for r in install.related_information] == [2, 3]


async def test_untitled_document(client):
    uri = "untitled:Untitled-1"
    open_doc(client, uri, "FROM example.com/go:1.23 as build\nUSER app\n")
    params = await published(client, uri)
    assert spans(params.diagnostics) == [("DKL204", "0:25-0:27"), ("DKL302", "1:5-1:8")]


async def test_save_relints(client):
    open_doc(client, URI, DOC)
    await published(client, URI, 1)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=URI)))
    params = await published(client, URI, 1)
    assert spans(params.diagnostics) == EXPECTED


@pytest.mark.parametrize("client", [{"pull": True}], indirect=True)
async def test_pull_diagnostics(client):
    caps = client.init_result.capabilities
    assert caps.diagnostic_provider is not None and caps.diagnostic_provider.identifier == "dockerlint"
    open_doc(client, URI, DOC)
    report = await pulled(client, URI)
    assert report.kind == "full" and spans(report.items) == EXPECTED
    again = await pulled(client, URI, previous=report.result_id)
    assert again.kind == "unchanged" and again.result_id == report.result_id
    change_doc(client, URI, 2, ((0, 25, 0, 27), "AS"))
    fresh = await pulled(client, URI, previous=report.result_id)
    assert fresh.kind == "full" and [c for c, _ in spans(fresh.items)] == ["DKL106", "DKL402", "DKL302"]
    assert URI not in client.diagnostics  # a pulling client gets no pushes
    unknown = await pulled(client, "file:///tmp/lsp-tests/never-opened")
    assert unknown.kind == "full" and list(unknown.items) == []


@pytest.mark.skipif(_runner.executable() is None, reason="shellcheck is not installed")
async def test_shellcheck_findings_follow_the_others(client):
    """ShellCheck's process must not hold back the other diagnostics: they are published first."""
    uri = "file:///tmp/two-phase/Dockerfile"
    open_doc(client, uri, "FROM example.com/go:1.23 as build\nRUN echo $HOME/x > $OUT\nUSER 1000\n")
    first = await published(client, uri, 1)
    assert "DKL204" in {str(d.code) for d in first.diagnostics}
    assert "DKL900" not in {str(d.code) for d in first.diagnostics}
    second = await published(client, uri, 1)
    codes = [str(d.code) for d in second.diagnostics]
    assert "DKL204" in codes and "DKL900" in codes
    # An edit elsewhere: ShellCheck's findings on the unchanged script come with the first
    # publication (they do not blink out while typing), and no second one follows.
    change_doc(client, uri, 2, ((0, 25, 0, 27), "AS"))
    edited = await published(client, uri, 2)
    assert [str(d.code) for d in edited.diagnostics] == [c for c in codes if c != "DKL204"]
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(published(client, uri, 2), 1.0)
