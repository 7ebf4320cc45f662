"""Nothing a client sends takes the server down: it answers with an error or ignores, and keeps serving."""
from __future__ import annotations

import asyncio
import json
import os
import sys

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


def pull(request_id: int) -> dict:
    return {"id": request_id, "method": types.TEXT_DOCUMENT_DIAGNOSTIC, "params": {"textDocument": {"uri": URI}}}


VSCODE_CAPS = {"workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": True},
                             "diagnostics": {"refreshSupport": True}},
               "textDocument": {"diagnostic": {"dynamicRegistration": False}}}


class RawClient:
    """`dockerlint lsp` over stdio driven message by message, for orderings a library client
    will not produce; the server's stderr is kept to assert that it logged nothing."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.inbox: asyncio.Queue[dict] = asyncio.Queue()
        self.seen: list[str] = []  # methods of the server's requests and notifications
        # What `expect` answers to workspace/configuration requests it is not waiting for (what VS Code
        # answered before it sent only what the user set); None: leave them unanswered.
        self.configuration: list | None = [{"select": [], "ignore": ["DKL302"]}]
        self.reader = asyncio.ensure_future(self._read())

    @classmethod
    async def start(cls) -> RawClient:
        return cls(await asyncio.create_subprocess_exec(
            sys.executable, "-m", "dockerlint", "lsp", stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))

    async def _read(self) -> None:
        stdout = self.process.stdout
        while header := await stdout.readuntil(b"\r\n\r\n"):
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            await self.inbox.put(json.loads(await stdout.readexactly(length)))

    async def expect(self, method: str | None = None, answer_to: object = None) -> dict:
        """The next message that is the request/notification `method`, or the answer to id `answer_to`."""
        while True:
            message = await asyncio.wait_for(self.inbox.get(), 20)
            if "method" in message:
                self.seen.append(message["method"])
            if (method is not None and message.get("method") == method) or (
                    answer_to is not None and message.get("id") == answer_to and "method" not in message):
                return message
            if message.get("method") == "client/registerCapability":
                self.send({"id": message["id"], "result": None})
            elif message.get("method") == "workspace/configuration" and self.configuration is not None:
                self.send({"id": message["id"], "result": self.configuration})

    async def open_and_pull(self) -> dict:
        """Start as VS Code does, open DOC, pull its diagnostics (id 1): the server's configuration request."""
        self.send({"id": 0, "method": "initialize", "params": {"processId": None, "capabilities": VSCODE_CAPS}})
        await self.expect(answer_to=0)
        self.send({"method": "initialized", "params": {}})
        self.send({"method": types.TEXT_DOCUMENT_DID_OPEN, "params": {"textDocument": {
            "uri": URI, "languageId": "dockerfile", "version": 1, "text": DOC}}})
        self.send(pull(1))
        return await self.expect("workspace/configuration")

    async def close(self) -> str:
        self.send({"id": "bye", "method": "shutdown"})
        await self.expect(answer_to="bye")
        self.send({"method": "exit"})
        self.process.stdin.close()
        self.reader.cancel()
        stderr = await asyncio.wait_for(self.process.stderr.read(), 20)
        await self.process.wait()
        return stderr.decode()


@pytest.mark.parametrize("order", [
    # VS Code at start-up: the configuration change makes the server refresh, VS Code cancels its
    # first pull, and the configuration answer arrives after the cancellation.
    ("change", "cancel", "answer"),
    ("cancel", "answer", "change"),
    ("answer", "cancel", "change"),  # cancelled after the pull's answer left: nothing to cancel
    ("cancel", "change", "answer"),
    ("cancel", "answer"),  # no change: the cancelled pull's answer must still be taken, or asked for again
])
async def test_cancelled_pulls_and_late_configuration_answers(order):
    client = await RawClient.start()
    try:
        asked = await client.open_and_pull()
        for step in order:
            if step == "answer":
                client.send({"id": asked["id"], "result": client.configuration})
            elif step == "cancel":
                client.send({"method": "$/cancelRequest", "params": {"id": 1}})
            else:
                client.send({"method": types.WORKSPACE_DID_CHANGE_CONFIGURATION, "params": {"settings": None}})
        first = await client.expect(answer_to=1)
        assert first.get("error", {}).get("code") == -32800 or first["result"]["kind"] == "full"
        # A later pull gets the whole settings: asked for again when they changed or the answer was
        # dropped, never half-fetched.
        client.send(pull(2))
        assert [item["code"] for item in (await client.expect(answer_to=2))["result"]["items"]] == ["DKL204"]
    finally:
        stderr = await client.close()
    assert stderr == ""  # no error, no warning, no traceback


async def test_configuration_answered_after_the_server_stopped_waiting():
    client = await RawClient.start()
    try:
        client.configuration = None
        asked = await client.open_and_pull()
        report = await client.expect(answer_to=1)  # after CONFIG_TIMEOUT: linted with the other sources
        assert [item["code"] for item in report["result"]["items"]] == ["DKL204", "DKL302"]
        client.send({"id": asked["id"], "result": [{"ignore": ["DKL302"]}]})
    finally:
        stderr = await client.close()
    assert stderr == ""


async def test_a_settings_change_before_any_pull_was_answered_asks_for_no_refresh():
    """VS Code says its configuration changed right after start-up: the pull under way takes the new
    settings itself, so no refresh makes VS Code cancel it and pull again."""
    client = await RawClient.start()
    try:
        asked = await client.open_and_pull()
        client.send({"method": types.WORKSPACE_DID_CHANGE_CONFIGURATION, "params": {"settings": None}})
        client.send({"id": asked["id"], "result": [{"ignore": ["DKL204"]}]})  # an answer to the old question
        first = await client.expect(answer_to=1)
        assert [item["code"] for item in first["result"]["items"]] == ["DKL204"]  # the new answer: ignore DKL302
        assert "workspace/diagnostic/refresh" not in client.seen
        # Once diagnostics went out, a change asks for a refresh.
        client.send({"method": types.WORKSPACE_DID_CHANGE_CONFIGURATION, "params": {"settings": None}})
        await client.expect("workspace/diagnostic/refresh")
    finally:
        stderr = await client.close()
    assert stderr == ""


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
