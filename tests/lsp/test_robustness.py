"""Nothing a client sends takes the server down: it answers with an error or ignores, and keeps serving."""
from __future__ import annotations

import asyncio
import os

import pytest
from lsprotocol import types

from tests.lsp.conftest import change_doc, open_doc, published, spans

pytestmark = pytest.mark.asyncio

URI = "file:///tmp/lsp-tests/Dockerfile"
DOC = "FROM example.com/go:1.23 as build\nUSER app\n"
FAR = types.Range(start=types.Position(line=999, character=999), end=types.Position(line=1999, character=0))


async def still_serving(client) -> None:
    """A fresh document still gets its diagnostics."""
    uri = "file:///tmp/lsp-tests/alive/Dockerfile"
    open_doc(client, uri, DOC)
    params = await asyncio.wait_for(published(client, uri), 20)
    assert [d.code for d in params.diagnostics] == ["DKL204", "DKL302"]


async def test_requests_about_unopened_documents(client):
    ident = types.TextDocumentIdentifier(uri="file:///tmp/lsp-tests/nowhere")
    assert await client.text_document_code_action_async(types.CodeActionParams(
        text_document=ident, range=FAR, context=types.CodeActionContext(diagnostics=[]))) is None
    assert await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=ident, options=types.FormattingOptions(tab_size=4, insert_spaces=True))) is None
    # didChange and didClose for a document never opened.
    change_doc(client, "file:///tmp/lsp-tests/nowhere", 2, ((0, 0, 0, 0), "x"))
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=ident))
    await still_serving(client)


async def test_positions_past_the_end(client):
    open_doc(client, URI, DOC)
    await published(client, URI, 1)
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=URI), range=FAR,
        context=types.CodeActionContext(diagnostics=[types.Diagnostic(
            range=FAR, message="?", source="dockerlint", code="DKL204")])))
    assert isinstance(found, (list, tuple))
    # An edit past the end appends; one past a line's end lands at that end.
    change_doc(client, URI, 2, ((99, 5, 120, 0), "RUN true\n"), ((1, 500, 1, 900), "s"))
    params = await published(client, URI, 2)
    assert spans(params.diagnostics) == [("DKL204", "0:25-0:27"), ("DKL302", "1:5-1:9")]
    edits = await client.text_document_range_formatting_async(types.DocumentRangeFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=URI), range=FAR,
        options=types.FormattingOptions(tab_size=4, insert_spaces=True)))
    assert edits is not None


@pytest.mark.parametrize("text", [
    "\x00\x01\x02FROM\x00 \ufffd\x7f\x1b[31m\n" * 50,
    bytes(range(256)).decode("latin-1") * 20,
    "FROM a\nRUN <<EOF\n" + "x\\\n" * 200,  # an unterminated heredoc full of continuations
    "\u2028\u2029\x0b\x0c\x85\r\r\n\n" * 30,  # line breaks Python knows and LSP does not
    "",
])
async def test_garbage_documents(client, text):
    open_doc(client, URI, text)
    params = await asyncio.wait_for(published(client, URI), 20)
    assert all(d.source == "dockerlint" for d in params.diagnostics)
    await still_serving(client)


async def test_line_breaks_outside_lsp_survive_edits(client):
    # U+2028 and form feed are not line breaks for LSP: an edit on "line 1" must land after the '\n'.
    open_doc(client, URI, "FROM example.com/go:1.23 \u2028\x0c as build\nUSER app\n")
    await published(client, URI, 1)
    change_doc(client, URI, 2, ((1, 5, 1, 8), "bob"))
    params = await published(client, URI, 2)
    assert [(c, r) for c, r in spans(params.diagnostics) if c == "DKL302"] == [("DKL302", "1:5-1:8")]


async def test_huge_document(client):
    huge = ("RUN echo " + "x" * 90 + "\n") * 110_000  # 11 MB
    open_doc(client, URI, "FROM example.com/go:1.23\n" + huge)
    params = await asyncio.wait_for(published(client, URI), 60)
    assert list(params.diagnostics) == []  # not linted in the editor, and said so
    assert any("not linted" in m.message for m in client.log_messages)
    # Nor parsed for a feature: that would hold up every request for seconds.
    doc = types.TextDocumentIdentifier(uri=URI)
    assert await asyncio.wait_for(client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc)), 5) is None
    assert await asyncio.wait_for(client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=doc)), 5) is None
    await still_serving(client)


@pytest.mark.parametrize("client", [{"initialized": False}], indirect=True)
async def test_client_that_never_sends_initialized(client):
    await still_serving(client)


async def test_cancel_and_unknown_methods(client):
    client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=12345))
    with pytest.raises(Exception, match="not found|Not Found|-32601"):
        await client.protocol.send_request_async("dockerlint/noSuchMethod", {})
    open_doc(client, URI, DOC)
    await published(client, URI)
    # A request cancelled right after it was sent (raw: the test client's own cancel path is fragile).
    client.protocol._send_data({"jsonrpc": "2.0", "id": "slow-1", "method": types.TEXT_DOCUMENT_CODE_ACTION,
                                "params": {"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0},
                                           "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}})
    client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="slow-1"))
    await still_serving(client)


@pytest.mark.parametrize("raw", [
    {"jsonrpc": "2.0", "id": "bad-1", "method": types.TEXT_DOCUMENT_CODE_ACTION, "params": {"textDocument": 5}},
    {"jsonrpc": "2.0", "method": types.TEXT_DOCUMENT_DID_OPEN, "params": {"textDocument": {"uri": 1}}},
    {"jsonrpc": "2.0", "method": types.TEXT_DOCUMENT_DID_CHANGE, "params": None},
    {"jsonrpc": "2.0", "id": "bad-2", "method": types.INITIALIZE, "params": {"capabilities": {}}},  # again
])
async def test_malformed_messages(client, raw):
    client.protocol._send_data(raw)  # bypasses the client's own type checks
    await still_serving(client)


async def test_invalid_json(client):
    body = b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {'
    client.protocol.writer.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    await still_serving(client)


async def test_a_request_with_malformed_params_gets_an_error_answer(client):
    """A client must not wait forever for a request the server could not read."""
    answered = asyncio.get_running_loop().create_future()
    client.protocol._request_futures["bad-params"] = answered
    client.protocol._send_data({"jsonrpc": "2.0", "id": "bad-params", "method": types.TEXT_DOCUMENT_CODE_ACTION,
                                "params": {"textDocument": {"uri": URI}, "range": {"start": {"line": 0}},
                                           "context": {"diagnostics": [{"code": "DKL204"}]}}})
    with pytest.raises(Exception, match="Invalid Params|-32602"):
        await asyncio.wait_for(answered, 10)
    await still_serving(client)



async def test_a_stale_change_is_ignored(client):
    open_doc(client, URI, DOC)
    await published(client, URI, 1)
    change_doc(client, URI, 3, "FROM scratch\n")
    await published(client, URI, 3)
    change_doc(client, URI, 2, DOC)  # late, and out of order
    change_doc(client, URI, 3, ((0, 0, 0, 0), "# again\n"))  # the same version twice
    change_doc(client, URI, 4, ((1, 0, 1, 0), "USER app\n"))
    edited = await published(client, URI, 4)
    fresh = "file:///tmp/lsp-tests/fresh/Dockerfile"
    open_doc(client, fresh, "FROM scratch\nUSER app\n")
    assert spans(edited.diagnostics) == spans((await published(client, fresh)).diagnostics)
    assert spans(edited.diagnostics)  # USER app: something to compare


async def test_a_fifo_for_a_config_file_holds_up_nothing(client, tmp_path):
    """Config files are looked up on a worker thread: one that never ends reading leaves the
    other documents served."""
    fifo = tmp_path / "pyproject.toml"
    os.mkfifo(fifo)
    try:
        open_doc(client, (tmp_path / "Dockerfile").as_uri(), DOC)
        await asyncio.sleep(0.5)
        await still_serving(client)
    finally:
        try:  # let a reader that is blocked on it finish, so the server can exit
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
