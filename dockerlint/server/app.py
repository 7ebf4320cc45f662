"""`dockerlint lsp`: the language server, built on pygls.

The server owns the document lifecycle (open, change, save, close) and the
initialize handshake, and relays them as events to the feature modules in
`dockerlint.server.features`, each of which registers its requests in
`setup(server)`. This is the only module the CLI imports for `lsp`, so pygls and
lsprotocol load only here.
"""
from __future__ import annotations

import argparse
import asyncio
import importlib
import inspect
import json
import logging
import pkgutil
import sys
from typing import Any, Callable
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method

from dockerlint import __version__
from dockerlint.server import stdio, tcp
from dockerlint.server.collector import IdleCollector
from dockerlint.server.documents import Documents, SyncedWorkspace

log = logging.getLogger("dockerlint.server")

# Events relayed to features: "initialize" (InitializeParams), "initialized", "open", "change", "save",
# "close" (the notification's params), "settings" (no argument: settings changed, re-lint),
# "published" (uri: its diagnostics are out, pushed or pulled).
EVENTS = ("initialize", "initialized", "open", "change", "save", "close", "settings", "published")

Listener = Callable[..., Any]


class JsonText:
    """A message, or a request's result, that is JSON text already (see diagnostic_json.py)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class DockerlintProtocol(LanguageServerProtocol):
    def notify_text(self, method: str, params: str) -> None:
        """A notification whose params are JSON text already."""
        self._send_data(JsonText(f'{{"jsonrpc":"{self.VERSION}","method":{json.dumps(method)},"params":{params}}}'))

    def send_error(self, msg_id: int | str | None, code: int, message: str) -> None:
        """An error response; with `"id": null` when the request's id could not be read (pygls
        would leave a null id out, and the client would take the response for a notification)."""
        error = json.dumps({"code": code, "message": message})
        self._send_data(JsonText(f'{{"jsonrpc":"{self.VERSION}","id":{json.dumps(msg_id)},"error":{error}}}'))

    def _send_response(self, msg_id: Any, result: Any = None, error: Any = None) -> None:
        if error is None and isinstance(result, JsonText):
            self._result_types.pop(msg_id, None)
            self._send_data(JsonText(f'{{"jsonrpc":"{self.VERSION}","id":{json.dumps(msg_id)},"result":{result.text}}}'))
        else:
            super()._send_response(msg_id, result, error)

    def _send_data(self, data: Any) -> None:
        if not isinstance(data, JsonText):
            super()._send_data(data)
            return
        if self.writer is None:
            return
        body = data.text.encode(self.CHARSET)
        if self._include_headers:
            body = (f"Content-Length: {len(body)}\r\nContent-Type: {self.CONTENT_TYPE}; "
                    f"charset={self.CHARSET}\r\n\r\n").encode(self.CHARSET) + body
        written = self.writer.write(body)
        if inspect.isawaitable(written):
            asyncio.ensure_future(written)

    def _handle_response(self, msg_id: Any, result: Any = None, error: Any = None) -> None:
        """A request of ours that its awaiter gave up on (cancelled, timed out) may still be
        answered: pygls 2.1 would set the answer on the cancelled future and log an
        InvalidStateError (pygls#621, fixed after 2.1.1). The answer is simply not wanted."""
        future = self._request_futures.get(msg_id)
        if future is not None and future.cancelled():
            del self._request_futures[msg_id]
            log.debug("answer to request %s, given up on, dropped", msg_id)
            return
        super()._handle_response(msg_id, result, error)

    def _handle_cancel_notification(self, msg_id: Any) -> None:
        """Clients cancel requests they no longer need, often after the answer has left (VS Code
        cancels its pulls on every diagnostic refresh): normal traffic, not worth pygls's warning."""
        future = self._request_futures.pop(msg_id, None)
        if future is not None and future.cancel():
            log.debug("request %s cancelled", msg_id)

    def structure_message(self, data: dict[str, Any]) -> Any:
        """pygls drops a request whose params do not fit the protocol's types, and the client
        then waits for an answer forever; answer it with the JSON-RPC error instead."""
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if isinstance(data, dict) and "method" in data and data.get("id") is not None:
                self._send_response(data["id"], error=error.to_response_error())
            raise


    def _execute_handler(self, msg_id: Any, handler: Any, callback: Any, args: Any = None, kwargs: Any = None) -> None:
        """pygls files the future of each coroutine or generator handler in its table of pending
        requests, and only a request's reply takes it out: those of notifications (under a fresh
        uuid) stayed for the server's life, two per didChange. Each is taken out once done."""
        def done(future: Any) -> None:
            if self._request_futures.get(msg_id) is future:
                del self._request_futures[msg_id]
            callback(future)

        super()._execute_handler(msg_id, handler, done, args, kwargs)

    @lsp_method(types.SHUTDOWN)
    def lsp_shutdown(self, *args: Any) -> Any:
        """pygls's, cancelling the other pending requests over a copy of its table: a cancelled
        request's callback removes it from the table, and iterating over the table itself then
        fails the shutdown whenever the client has left a request of the server unanswered."""
        handler = self.fm.features.get(types.SHUTDOWN)
        if handler is not None:
            yield handler, args, None
        current = self.msg_id
        for msg_id, future in list(self._request_futures.items()):
            if msg_id != current and not future.done():
                future.cancel()
        self._shutdown = True

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        """pygls's, except that a change to a version no later than the document's is ignored:
        its ranges refer to a text the document no longer has, and applying them garbles it."""
        ident = params.text_document
        doc = self.workspace.text_documents.get(unquote(ident.uri))
        if doc is not None and doc.version is not None and ident.version <= doc.version:
            log.warning("didChange of %s to version %s, not after its version %s: ignored",
                        ident.uri, ident.version, doc.version)
            return
        yield from super().lsp_text_document__did_change(params)


class DockerlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("dockerlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=DockerlintProtocol)
        self.documents = Documents(self)
        self.initialization_options: dict[str, Any] = {}
        self.editor_settings: Any = None  # set by features.settings (EditorSettings)
        self.loop: asyncio.AbstractEventLoop | None = None  # the loop serving messages, from `initialize` on
        self._listeners: dict[str, list[Listener]] = {event: [] for event in EVENTS}

    def listen(self, event: str, listener: Listener) -> None:
        """Call `listener(*args)` on each `event` (a plain function or a coroutine function)."""
        self._listeners[event].append(listener)

    async def emit(self, event: str, *args: Any) -> None:
        """Run the listeners in registration order; one failing is logged, the others still run."""
        for listener in self._listeners[event]:
            try:
                result = listener(*args)
                if inspect.isawaitable(result):
                    await result
            except Exception:
                log.exception("%s listener %s failed", event, getattr(listener, "__qualname__", listener))

    def capability(self, dotted: str, default: Any = None) -> Any:
        """A client capability by its snake_case path, e.g. `text_document.diagnostic`."""
        value: Any = self.client_capabilities
        for part in dotted.split("."):
            value = getattr(value, part, None)
            if value is None:
                return default
        return value

    def report_server_error(self, error: Exception, source: Any) -> None:
        # pygls would show every internal error in a popup; a log line is enough.
        log.error("internal error (%s): %r", getattr(source, "__name__", source), error)

    def log_to_client(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        """A window/logMessage; from a worker thread (settings are resolved on one), sent by the loop."""
        if self.loop is not None and self.loop.is_running() and not _on_a_loop():
            self.loop.call_soon_threadsafe(self.log_to_client, message, kind)
            return
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # no transport (tests, shutdown)
            log.warning("%s", message)


def _on_a_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _register_lifecycle(server: DockerlintServer) -> None:
    @server.feature(types.INITIALIZE)
    async def initialize(ls: DockerlintServer, params: types.InitializeParams) -> None:
        ls.loop = asyncio.get_running_loop()
        workspace = ls.workspace
        # Swap in the workspace whose documents apply edits with LSP line semantics (see documents.py).
        ls.protocol._workspace = SyncedWorkspace(
            workspace.root_uri, workspace._sync_kind, list(workspace.folders.values()),
            workspace.position_encoding)
        options = params.initialization_options
        ls.initialization_options = options if isinstance(options, dict) else {}
        await ls.emit("initialize", params)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: DockerlintServer, params: types.InitializedParams) -> None:
        await ls.emit("initialized", params)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: DockerlintServer, params: types.DidOpenTextDocumentParams) -> None:
        await ls.emit("open", params)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: DockerlintServer, params: types.DidChangeTextDocumentParams) -> None:
        await ls.emit("change", params)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    async def did_save(ls: DockerlintServer, params: types.DidSaveTextDocumentParams) -> None:
        await ls.emit("save", params)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: DockerlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.documents.forget(params.text_document.uri)
        await ls.emit("close", params)


def _load_features(server: DockerlintServer) -> None:
    from dockerlint.server import features

    for info in sorted(pkgutil.iter_modules(features.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"{features.__name__}.{info.name}")
            setup = getattr(module, "setup", None)
            if setup is not None:
                setup(server)
        except Exception:  # a broken feature must not take the server down
            log.exception("feature %s failed to load; skipped", info.name)


def create_server() -> DockerlintServer:
    server = DockerlintServer()
    _register_lifecycle(server)
    _load_features(server)
    return server


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="dockerlint lsp", description="Run the dockerlint language server.")
    ap.add_argument("--stdio", action="store_true", help="speak LSP over stdin/stdout (the default)")
    ap.add_argument("--tcp", action="store_true",
                    help="listen on TCP instead of stdio, on a loopback address only, for one connection; "
                         f"with ${tcp.TOKEN_VARIABLE} set, the client must send it as initializationOptions.token")
    ap.add_argument("--host", default="127.0.0.1", help="TCP host, a loopback address (default: %(default)s)")
    ap.add_argument("--port", type=int, default=2087, help="TCP port (default: %(default)s)")
    ap.add_argument("--log-file", help="write the server log to this file (default: stderr)")
    ap.add_argument("--log-level", default="warning", type=str.lower,
                    choices=("debug", "info", "warning", "error"), help="default: %(default)s")
    ns, unknown = ap.parse_known_args(argv)
    handler: logging.Handler = (logging.FileHandler(ns.log_file, encoding="utf-8") if ns.log_file
                                else logging.StreamHandler(sys.stderr))
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=ns.log_level.upper(), handlers=[handler])
    if unknown:  # clients append transport flags of their own (--clientProcessId=..., ...)
        log.info("ignoring arguments %s", " ".join(unknown))
    if ns.tcp and not tcp.is_loopback(ns.host):
        print(f"dockerlint lsp: --host {ns.host} is not a loopback address: the server answers with what it "
              "can read on this machine, so it only listens on loopback (e.g. 127.0.0.1)", file=sys.stderr)
        return 2
    server = create_server()
    collector = IdleCollector()
    collector.start()
    for event in ("open", "change"):
        server.listen(event, collector.touch)
    server.listen("published", collector.settle)
    try:
        return tcp.serve(server, ns.host, ns.port) if ns.tcp else stdio.serve(server)
    except (KeyboardInterrupt, asyncio.CancelledError):
        pass
    return 0
