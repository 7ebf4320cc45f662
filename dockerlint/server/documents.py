"""Open documents as the features see them: text, parse, model and positions, cached per version.

pygls keeps the text of open documents (`server.workspace`); `Documents.get(uri)`
wraps the current text in a `DocumentState` whose derived data (parse, semantic
model, position map, lint result, resolved settings) is computed on first use and
kept until the next change. Features never parse on their own.
"""
from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Iterator
from urllib.parse import unquote

from lsprotocol import types
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument, Workspace

from dockerlint.reuse import Reuse
from dockerlint.server.diagnostic_json import DiagnosticJson
from dockerlint.server.positions import PositionMap
from dockerlint.settings import Settings
from dockerlint.syntax.incremental import reparse
from dockerlint.syntax.span import LineIndex

if TYPE_CHECKING:
    from dockerlint.engine import LintResult
    from dockerlint.semantics.context import BuildContext
    from dockerlint.semantics.model import Model
    from dockerlint.semantics.references import References
    from dockerlint.server._sources import Build
    from dockerlint.syntax.nodes import Dockerfile

MAX_LINT_CHARS = 1_000_000
# Quick lints run on the loop up to these sizes: below them the hand-offs to and from a worker
# thread (and its cold caches) would cost more than the lint holds up other requests. A first
# lint checks everything; a lint after an edit re-parses and reuses most (~10 ms at 1,000 lines).
INLINE_CHARS = 10_000
INLINE_EDIT_CHARS = 64_000
RETIRED_MAX = 8  # replaced versions kept at most until `release`
SettingsResolver = Callable[["DocumentState"], Settings]
SettingsFetcher = Callable[[str], Awaitable[None]]


class DocumentState:
    """One version of one open document; everything derived from its text is lazy and cached here."""

    __slots__ = ("uri", "version", "text", "path", "encoding", "language_id", "result", "quick_result",
                 "diagnostics", "reuse", "json", "edited", "fixed_all", "_resolve", "_settings", "_dockerfile", "_earlier", "_model", "_builds", "_references", "_lines", "_positions")

    def __init__(self, uri: str, version: int | None, text: str, encoding: str, language_id: str | None,
                 resolve: SettingsResolver, earlier: DocumentState | None = None) -> None:
        self.uri = uri
        self.version = version
        self.text = text
        self.path = to_fs_path(uri)  # None for untitled: and other non-file URIs
        self.encoding = encoding
        self.language_id = language_id
        self.result: LintResult | None = None  # the latest lint of this version, with the current settings
        self.quick_result: LintResult | None = None  # the same without ShellCheck, published first
        self.diagnostics: dict[int, str] = {}  # id(finding) -> its LSP JSON text, made once
        self.fixed_all: tuple[Any, ...] | None = None  # (the fix-all TextEdit or None,), made once (code_actions)
        self._resolve = resolve
        # A later version has the settings of the one it replaces (a change of settings drops the
        # current version's): they are resolved on a worker thread, not on every keystroke.
        self._settings: Settings | None = None if earlier is None else earlier._settings
        self._dockerfile: Dockerfile | None = None
        # The latest parse of an earlier version: the parse of this one starts from it.
        self._earlier: Dockerfile | None = None if earlier is None else earlier._dockerfile or earlier._earlier
        # Findings of unchanged instructions carry over from one version's lint to the next.
        self.reuse = Reuse() if earlier is None else earlier.reuse
        self.edited = earlier is not None  # a later version: its lint is incremental
        # ...and so does the JSON text of their diagnostics.
        self.json = DiagnosticJson(uri) if earlier is None else earlier.json
        self._model: Model | None = None
        self._builds: tuple[list[BuildContext], list[Build]] | None = None  # (the contexts, the builds made of them)
        # Kept here, not in a table keyed by the model: the index holds its model, and goes with this version.
        self._references: References | None = None
        self._lines: LineIndex | None = None
        self._positions: PositionMap | None = None

    def __repr__(self) -> str:
        return f"<document {self.uri} v{self.version}>"

    @property
    def dockerfile(self) -> Dockerfile:
        if self._dockerfile is None:
            earlier = self._earlier  # read once: a feature on the loop and a lint thread may both get here
            if earlier is not None:
                self._dockerfile = reparse(earlier, self.text)
                self._earlier = None
            else:
                from dockerlint.syntax.parser import parse

                self._dockerfile = parse(self.text)
        return self._dockerfile

    @property
    def model(self) -> Model:
        if self._model is None:
            from dockerlint.semantics.model import Model

            self._model = Model(self.dockerfile)
        return self._model

    @property
    def references(self) -> References:
        """Definitions and uses of stage names and variables (navigation, hover, semantic tokens)."""
        if self._references is None:
            from dockerlint.semantics.references import References

            self._references = References(self.model)
        return self._references

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    @property
    def positions(self) -> PositionMap:
        if self._positions is None:
            self._positions = PositionMap.of(self.text, self.encoding)
        return self._positions

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = self._resolve(self)
        return self._settings

    @property
    def builds(self) -> list[Build]:
        """The builds the editor's features read: each Compose service that builds the file (else
        its configured context, else its folder), with the model its build args give the file;
        none for an unsaved buffer. Made once per version, again after `context.forget()`."""
        from dockerlint.semantics.context import builds_for

        contexts = builds_for(self.path, self.settings.context)
        kept = self._builds
        if kept is None or kept[0] is not contexts:
            from dockerlint.engine import model_for
            from dockerlint.server._sources import Build

            model = self.model
            kept = self._builds = (contexts, [Build(c, model_for(self.dockerfile, model, c) or model) for c in contexts])
        return kept[1]

    @property
    def too_large(self) -> bool:
        """Past this size the parse and lint take seconds: features should not compute on the document."""
        return len(self.text) > MAX_LINT_CHARS

    def forget_settings(self) -> None:
        """Settings changed: drop them and the lint made with them."""
        self._settings = None
        self.result = self.quick_result = None
        self.diagnostics = {}
        self.fixed_all = None


def _lint(state: DocumentState) -> LintResult:
    """The full lint; after a quick one (that left scripts unchecked), only ShellCheck's share."""
    from dockerlint.engine import LintResult, lint, selecting

    settings = state.settings
    quick = state.quick_result
    if quick is None:
        return lint(state.text, path=state.path, settings=settings, dockerfile=state.dockerfile, model=state.model,
                    reuse=state.reuse)
    from dockerlint.rules.shellcheck.shellcheck import META

    rest = lint(state.text, path=state.path, settings=settings.copy(select=selecting(settings, META), extend_select=[]),
                dockerfile=state.dockerfile, model=state.model)
    findings = sorted([f for f in quick.findings if f.rule is not META] + rest.findings, key=lambda f: f.sort_key())
    return LintResult(state.path, state.dockerfile, findings, quick.rule_errors + rest.rule_errors,
                      list(dict.fromkeys(quick.notices + rest.notices)))


def _lint_quick(state: DocumentState) -> LintResult:
    """Every rule, without starting ShellCheck: its findings on scripts it has seen before come
    from its cache (so they do not blink out while typing), the others wait for `_lint`."""
    from dockerlint.engine import lint

    return lint(state.text, path=state.path, settings=state.settings, dockerfile=state.dockerfile,
                model=state.model, reuse=state.reuse, processes=False)


async def _resolve_settings(state: DocumentState) -> None:
    """Resolve a document's settings on a worker thread: finding and reading its config files
    touches the disk (a slow mount, or a FIFO named pyproject.toml) and must not hold up the loop."""
    if state._settings is None:
        await asyncio.get_running_loop().run_in_executor(None, lambda: state.settings)


def _default_settings(state: DocumentState) -> Settings:
    return Settings()


async def _nothing_to_fetch(uri: str) -> None:
    return None


class Documents:
    """The open documents of a server (`server.documents`), backed by the pygls workspace."""

    def __init__(self, server: Any) -> None:
        self._server = server
        self._states: dict[str, DocumentState] = {}
        self._rule_errors_logged: dict[str, tuple[int | None, set[str]]] = {}
        self._too_large_logged: set[str] = set()
        self._notices_logged: set[str] = set()
        # Versions replaced by a later one, freed by `release` once that one's diagnostics are out:
        # freeing a large document's tree, model and lint takes ~0.5 ms, not worth a keystroke's wait.
        self._retired: list[DocumentState] = []
        # Replaced by the settings feature; maps a document to the settings its lint uses.
        self.resolve_settings: SettingsResolver = _default_settings
        # Awaited before a lint, so settings the client serves on request are in place.
        self.fetch_settings: SettingsFetcher = _nothing_to_fetch

    def _workspace(self) -> Workspace | None:
        try:
            return self._server.workspace
        except RuntimeError:  # before `initialize`
            return None

    def get(self, uri: str) -> DocumentState | None:
        """The current state of an open document, or None when the client has not opened it."""
        workspace = self._workspace()
        if workspace is None:
            return None
        key = unquote(uri)
        doc = workspace.text_documents.get(key)
        if doc is None:
            self._states.pop(key, None)
            return None
        text = doc.source
        state = self._states.get(key)
        if state is not None and state.version == doc.version and state.text is text:
            return state
        if state is not None:
            if len(self._retired) >= RETIRED_MAX:
                del self._retired[0]
            self._retired.append(state)
        state = DocumentState(doc.uri, doc.version, text, str(workspace.position_encoding or "utf-16"),
                              doc.language_id, self.resolve_settings, earlier=state)
        self._states[key] = state
        return state

    def parseable(self, uri: str) -> DocumentState | None:
        """`get`, for the features that parse: None for a document too large to lint, whose parse
        would hold up every request for many seconds (20 MB: ~10 s)."""
        state = self.get(uri)
        return None if state is None or state.too_large else state

    def release(self) -> None:
        """Free the versions replaced since the last call."""
        self._retired.clear()

    def uris(self) -> list[str]:
        workspace = self._workspace()
        return [] if workspace is None else [doc.uri for doc in workspace.text_documents.values()]

    def __iter__(self) -> Iterator[DocumentState]:
        for uri in self.uris():
            state = self.get(uri)
            if state is not None:
                yield state

    def forget(self, uri: str) -> None:
        key = unquote(uri)
        self._states.pop(key, None)
        self._rule_errors_logged.pop(key, None)
        self._too_large_logged.discard(key)

    def lint(self, state: DocumentState) -> LintResult | None:
        """The lint of this version with its settings, computed once; None for a document too large to lint."""
        if state.result is None and not self._refuse(state):
            self._keep(state, _lint(state))
        return state.result

    async def lint_async(self, state: DocumentState) -> LintResult | None:
        """`lint`: on a worker thread, so requests keep being answered while a long lint runs,
        unless the quick lint was the whole lint."""
        if state.result is None and not self._refuse(state):
            quick = state.quick_result
            if quick is not None and quick.complete:
                self._keep(state, quick)
            else:
                await _resolve_settings(state)
                settings = state.settings  # the lint's: kept only if no change replaced them meanwhile
                result = await asyncio.get_running_loop().run_in_executor(None, _lint, state)
                if state.result is None and state._settings is settings:  # not if settings changed meanwhile
                    self._keep(state, result)
        return state.result

    async def lint_quick_async(self, state: DocumentState) -> LintResult | None:
        """The lint that starts no ShellCheck process; it is the whole lint (kept as `result`)
        when ShellCheck is off or has seen every script."""
        if state.result is not None or self._refuse(state):
            return state.result
        if state.quick_result is None:
            await _resolve_settings(state)
            settings = state.settings
            if len(state.text) <= (INLINE_EDIT_CHARS if state.edited else INLINE_CHARS):
                state.quick_result = _lint_quick(state)
            else:
                quick = await asyncio.get_running_loop().run_in_executor(None, _lint_quick, state)
                if state._settings is not settings:  # settings changed meanwhile: this lint is stale
                    return await self.lint_quick_async(state)
                state.quick_result = quick
        if state.quick_result.complete and state.result is None:
            self._keep(state, state.quick_result)
        return state.quick_result

    def _refuse(self, state: DocumentState) -> bool:
        if not state.too_large:
            return False
        if unquote(state.uri) not in self._too_large_logged:
            self._too_large_logged.add(unquote(state.uri))
            self._server.log_to_client(f"dockerlint: {state.uri} has more than {MAX_LINT_CHARS} characters: "
                                       "not linted in the editor (run `dockerlint` on it)")
        return True

    def _keep(self, state: DocumentState, result: LintResult) -> None:
        state.result = result
        if result.rule_errors:
            self._log_rule_errors(state, result.rule_errors)
        for notice in result.notices:
            if notice not in self._notices_logged:  # e.g. "shellcheck is not installed": say it once
                self._notices_logged.add(notice)
                self._server.log_to_client(f"dockerlint: {notice}")

    def _log_rule_errors(self, state: DocumentState, errors: list[str]) -> None:
        """Tell the client about crashed rules, once per rule per document version."""
        key = unquote(state.uri)
        version, logged = self._rule_errors_logged.get(key, (None, set()))
        if version != state.version:
            logged = set()
            self._rule_errors_logged[key] = (state.version, logged)
        for error in errors:
            head = error.split(":", 1)[0]  # "rule CODE (name) failed"
            if head not in logged:
                logged.add(head)
                self._server.log_to_client(f"dockerlint: {error.rstrip()}")

    def forget_settings(self) -> None:
        for state in self._states.values():
            state.forget_settings()


class SyncedTextDocument(TextDocument):
    """A pygls TextDocument that applies edits with LSP's line breaks and clamped positions.

    pygls splits lines with `str.splitlines`, which also breaks at form feeds, U+2028
    and other characters LSP clients do not, and so corrupts such documents on edit.
    """

    @property
    def lines(self) -> tuple[str, ...]:
        text = self.source
        pm = PositionMap(text)
        return tuple(text[pm.line_start(i) : pm.line_start(i + 1) if i + 1 < pm.line_count else len(text)]
                     for i in range(pm.line_count))

    def _apply_incremental_change(self, change: types.TextDocumentContentChangePartial) -> None:
        text = self.source
        span = PositionMap.of(text, str(self.position_codec.encoding or "utf-16")).span(change.range)
        self._source = text[: span.start] + change.text + text[span.end :]


class SyncedWorkspace(Workspace):
    def _create_text_document(self, doc_uri: str, source: str | None = None, version: int | None = None,
                              language_id: str | None = None) -> TextDocument:
        return SyncedTextDocument(doc_uri, source=source, version=version, language_id=language_id,
                                  sync_kind=self._sync_kind, position_codec=self._position_codec)
