"""Diagnostics: pulled (`textDocument/diagnostic`) when the client can, pushed otherwise.

Push: a document is linted at once on open and save, and its diagnostics are published
at once, with what ShellCheck said before about the scripts it has seen; when a script is
new, again once ShellCheck's process has checked it (a change meanwhile does not wait for
it: that version's are dropped). While it is being edited, at
most once per `debounce` milliseconds (setting, default 50): the first change after
a quiet spell is linted immediately, later ones wait for the interval to pass, so
a burst of keystrokes costs one lint and an isolated edit no delay. Long lints (a first
lint, ShellCheck's, a large document's) run on a worker thread, so requests keep being
answered; an edit's quick lint runs on the loop (see `documents.INLINE_EDIT_CHARS`). A
result for a version superseded meanwhile is dropped. Once diagnostics are out, the
"published" event lets the work kept off their way run (freeing replaced versions, a
garbage collection that is due).
"""
from __future__ import annotations

import asyncio
import json
import logging
from typing import TYPE_CHECKING

from lsprotocol import types

from dockerlint.server.app import JsonText
from dockerlint.server.diagnostic_json import SOURCE

if TYPE_CHECKING:
    from dockerlint.server.app import DockerlintServer
    from dockerlint.server.documents import DocumentState

log = logging.getLogger("dockerlint.server.diagnostics")

DEFAULT_DEBOUNCE_MS = 50
ANSWERED_AFTER = 0.005  # seconds: a pull's answer is sent after its handler returns


async def diagnostics_for(server: DockerlintServer, state: DocumentState, *, quick: bool = False) -> list[str]:
    """The document's diagnostics as JSON texts; `quick` starts no ShellCheck process, and so
    leaves out its findings on scripts it has not seen before."""
    documents = server.documents
    result = await documents.lint_quick_async(state)  # on the loop after an edit; the lint itself when complete
    if not quick:
        result = await documents.lint_async(state)
    if result is None:
        return []
    # The full lint shares most findings with the quick one: each is converted once.
    converted = state.diagnostics
    items = []
    for f in result.findings:
        item = converted.get(id(f))
        if item is None:
            item = converted[id(f)] = state.json.encode(f, state.positions, state.version)
        items.append(item)
    if result is state.result:
        state.diagnostics = {}  # the whole lint: no later lint of this version shares the conversions
    return items


def _published(server: DockerlintServer, uri: str) -> None:
    """The work kept off the diagnostics' way: freeing replaced versions, a due collection."""
    server.documents.release()
    asyncio.ensure_future(server.emit("published", uri))


class Publisher:
    """Push mode: lints documents as they change and publishes the results."""

    def __init__(self, server: DockerlintServer) -> None:
        self.server = server
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.last_run: dict[str, float] = {}
        # documents whose pending lint has published all but ShellCheck's findings
        self.finishing: set[str] = set()

    def interval(self) -> float:
        editor = self.server.editor_settings
        ms = editor.initial.get("debounce", DEFAULT_DEBOUNCE_MS) if editor is not None else DEFAULT_DEBOUNCE_MS
        return max(0.0, float(ms)) / 1000 if isinstance(ms, (int, float)) else DEFAULT_DEBOUNCE_MS / 1000

    def schedule(self, uri: str, *, now: bool = False) -> None:
        loop = asyncio.get_running_loop()
        delay = 0.0 if now else max(0.0, self.last_run.get(uri, float("-inf")) + self.interval() - loop.time())
        if not now and uri in self.pending and not self.pending[uri].done() and uri not in self.finishing:
            return  # a lint is already due: it reads the latest text, or re-runs if it read an older one
        # Else start afresh. A ShellCheck pass of an older version is not waited for (on a large
        # file just opened it takes a second): its thread runs on and fills ShellCheck's cache.
        self.cancel(uri)
        self.pending[uri] = asyncio.ensure_future(self._run(uri, delay))

    def cancel(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        self.finishing.discard(uri)
        if task is not None:
            task.cancel()

    async def _run(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        await self.server.documents.fetch_settings(uri)
        state = self.server.documents.get(uri)
        if state is None:
            return
        self.last_run[uri] = asyncio.get_running_loop().time()
        # First without waiting for a ShellCheck process, then, when it had scripts to check
        # (the ones that changed), with its findings: it must not hold back the others.
        published: list[str] | None = None
        try:
            for quick in (True, False):
                try:
                    items = await diagnostics_for(self.server, state, quick=quick)
                except Exception:  # the engine never raises on input; if it does, keep serving
                    log.exception("linting %s failed", uri)
                    return
                current = self.server.documents.get(uri)
                if current is None:
                    return  # closed meanwhile
                if current.version != state.version:
                    # Changed while this lint ran: the change found it pending and left the work to it, so go again.
                    self.pending.pop(uri, None)
                    self.schedule(uri)
                    return
                if items == published:
                    continue  # nothing new from ShellCheck: the first publication stands
                self.server.protocol.notify_text(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, (
                    f'{{"uri":{json.dumps(state.uri)},"version":{json.dumps(state.version)},'
                    f'"diagnostics":[{",".join(items)}]}}'))
                published = items
                _published(self.server, uri)
                if state.result is not None:
                    break  # the quick lint was the lint (or the lint was there already): published once
                if self.pending.get(uri) is asyncio.current_task():
                    self.finishing.add(uri)  # a change from now on need not wait for ShellCheck
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                self.finishing.discard(uri)

    def clear(self, uri: str) -> None:
        self.cancel(uri)
        self.last_run.pop(uri, None)
        self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def setup(server: DockerlintServer) -> None:
    publisher = Publisher(server)
    generation = [0]  # bumped when settings change: pulled results with an older id are stale
    # Whether any pulled diagnostics went out. Until then a settings change needs no refresh: the
    # pulls under way see the new settings themselves. (VS Code's didChangeConfiguration right after
    # start-up would otherwise cancel its first pull and ask again.)
    delivered = [False]

    def result_id(state: DocumentState) -> str:
        return f"{state.version}:{generation[0]}"

    def register_pull() -> None:
        @server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
            identifier=SOURCE, inter_file_dependencies=False, workspace_diagnostics=False))
        async def pull(ls: DockerlintServer, params: types.DocumentDiagnosticParams) -> JsonText:
            uri = params.text_document.uri
            while True:
                seen = generation[0]
                await ls.documents.fetch_settings(uri)
                if seen != generation[0]:
                    continue  # changed while they were asked for: ask again before linting
                state = ls.documents.get(uri)
                if state is None:  # not open: nothing to say
                    return JsonText('{"kind":"full","items":[]}')
                rid = json.dumps(result_id(state))
                if params.previous_result_id == result_id(state) and state.result is not None:
                    return JsonText(f'{{"kind":"unchanged","resultId":{rid}}}')
                items = await diagnostics_for(ls, state)
                if seen == generation[0]:
                    break
                # The settings changed while this pull ran (no refresh was asked for it: see on_settings).
            delivered[0] = True
            asyncio.get_running_loop().call_later(ANSWERED_AFTER, _published, ls, uri)
            return JsonText(f'{{"kind":"full","resultId":{rid},"items":[{",".join(items)}]}}')

    def on_initialize(params: types.InitializeParams) -> None:
        # A client that pulls would show pushed diagnostics twice: serve one model only.
        if params.capabilities.text_document is not None and params.capabilities.text_document.diagnostic is not None:
            register_pull()

    def pulling() -> bool:
        return types.TEXT_DOCUMENT_DIAGNOSTIC in server.protocol.fm.features

    def on_edit(params: types.DidChangeTextDocumentParams) -> None:
        if not pulling():
            publisher.schedule(params.text_document.uri)

    def on_open_or_save(params: types.DidOpenTextDocumentParams | types.DidSaveTextDocumentParams) -> None:
        if not pulling():
            publisher.schedule(params.text_document.uri, now=True)

    def on_close(params: types.DidCloseTextDocumentParams) -> None:
        if not pulling():
            publisher.clear(params.text_document.uri)

    async def on_settings() -> None:
        generation[0] += 1
        if pulling():
            if delivered[0] and server.capability("workspace.diagnostics.refresh_support"):
                server.workspace_diagnostic_refresh(None)
            return
        for uri in server.documents.uris():
            publisher.schedule(uri, now=True)

    server.listen("initialize", on_initialize)
    server.listen("open", on_open_or_save)
    server.listen("save", on_open_or_save)
    server.listen("change", on_edit)
    server.listen("close", on_close)
    server.listen("settings", on_settings)
