"""Editor settings, layered over the config files the CLI reads.

Sources, later ones winning: the config files found from the document's path
(`dockerlint.config`), `initializationOptions.settings`, the payload of
`workspace/didChangeConfiguration` (`{"settings": {"dockerlint": {...}}}`), and the
client's answer to `workspace/configuration` (section `dockerlint`, scoped to the
document) when it supports that request. Keys:

    {"select": [..], "ignore": [..], "severity": {rule: level}, "shellcheck": {"enable": bool},
     "format": {"enable": bool}, "debounce": milliseconds}

An absent, null or empty value (`null`, `[]`, `{}`, `""`) is not an instruction: editors send
their defaults (`"select": []`) or nothing (`null` options, `[null]` answers), and either must
leave the configuration file's choice, else the defaults, in place. So an empty list never
disables every rule, and an earlier source's value stands when a later one sends an empty one.

A change re-resolves every open document's settings and emits the "settings" event; so does a change
to a Compose file (watched with the config files), after dropping the build contexts resolved from it.
"""
from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from dockerlint.config import DOCKERLINT_FILES, HADOLINT_FILES
from dockerlint.rules.api import SEVERITIES
from dockerlint.semantics.compose import COMPOSE_FILES, ENV_FILE, OVERRIDE_FILES
from dockerlint.semantics.devcontainer import DEV_CONTAINER_FILES
from dockerlint.settings import Settings

if TYPE_CHECKING:
    from dockerlint.server.app import DockerlintServer
    from dockerlint.server.documents import DocumentState

log = logging.getLogger("dockerlint.server.settings")

SECTION = "dockerlint"
CONFIG_FILES = DOCKERLINT_FILES + HADOLINT_FILES
# Compose files (their override files and `.env` too) and dev container configurations say which
# build contexts and args a Dockerfile has
WATCHED = CONFIG_FILES + COMPOSE_FILES + OVERRIDE_FILES + (ENV_FILE,) + DEV_CONTAINER_FILES
CONFIG_TIMEOUT = 2.0  # seconds to wait for the client to answer workspace/configuration


def given(value: Any) -> bool:
    """Whether a setting's value says anything (see the module docstring)."""
    return value is not None and not (isinstance(value, (list, dict, str)) and not value)


class EditorSettings:
    """What the client says, per document; merged onto file settings by `resolve`."""

    def __init__(self, server: DockerlintServer) -> None:
        self.server = server
        self.initial: dict[str, Any] = {}  # initializationOptions.settings
        self.pushed: dict[str, Any] = {}  # didChangeConfiguration payload
        self.scoped: dict[str, dict[str, Any]] = {}  # uri -> workspace/configuration answer
        self.initialized = False
        # uri -> the workspace/configuration request under way. Callers wait on it shielded: a
        # cancelled pull must not cancel the request (its answer would land on a dead future and
        # the document would keep half-fetched settings); the next pull finds its answer stored.
        self._fetching: dict[str, asyncio.Future[None]] = {}
        self._generation = 0  # bumped by `changed`: an answer to an older request is stale
        self._reported: set[str] = set()
        self._resolver: Any = None  # dockerlint.config.Resolver, caching each directory's config

    def pulls(self) -> bool:
        return bool(self.server.capability("workspace.configuration")) and self.initialized

    def sources(self, uri: str) -> tuple[dict[str, Any], ...]:
        return self.initial, self.pushed, self.scoped.get(uri, {})

    def for_uri(self, uri: str) -> dict[str, Any]:
        """The editor's settings for a document: later sources win, key by key, where they say something."""
        merged: dict[str, Any] = {}
        for source in self.sources(uri):
            for key, value in source.items():
                if isinstance(value, dict) and key in ("shellcheck", "format"):  # nested tables merge key by key
                    value = {**merged.get(key, {}), **{k: v for k, v in value.items() if given(v)}}
                if given(value):
                    merged[key] = value
        return merged

    def get(self, uri: str, dotted: str, default: Any = None) -> Any:
        value: Any = self.for_uri(uri)
        for part in dotted.split("."):
            if not isinstance(value, dict) or part not in value:
                return default
            value = value[part]
        return value

    async def fetch(self, uri: str) -> None:
        """Ask the client for this document's settings once (until they change)."""
        if uri in self.scoped or not self.pulls():
            return
        request = self._fetching.get(uri)
        if request is None:
            request = self._fetching[uri] = asyncio.ensure_future(self._fetch(uri, self._generation))
        await asyncio.shield(request)

    async def _fetch(self, uri: str, generation: int) -> None:
        answer: Any = None
        try:
            answer = await asyncio.wait_for(self.server.workspace_configuration_async(types.ConfigurationParams(
                items=[types.ConfigurationItem(scope_uri=uri, section=SECTION)])), CONFIG_TIMEOUT)
        except Exception as err:  # no answer or an error: keep the other sources, and do not ask again
            log.info("workspace/configuration failed: %r", err)
        finally:
            if self._fetching.get(uri) is asyncio.current_task():
                del self._fetching[uri]
        if generation != self._generation:
            return  # the settings changed meanwhile: whoever needs them asks again
        self.scoped[uri] = answer[0] if answer and isinstance(answer[0], dict) else {}  # `[null]`: nothing set
        state = self.server.documents.get(uri)
        if state is not None:
            state.forget_settings()

    def forget(self, uri: str) -> None:
        self.scoped.pop(uri, None)
        self._fetching.pop(uri, None)

    def changed(self) -> None:
        """The client's settings changed: every document's are asked for again."""
        self._generation += 1
        self.scoped.clear()
        self._fetching.clear()  # requests under way finish, but their answers are dropped

    def resolve(self, state: DocumentState) -> Settings:
        base = self._file_settings(state.path)
        return self.apply(base, self.for_uri(state.uri))

    def apply(self, base: Settings, editor: dict[str, Any]) -> Settings:
        changes: dict[str, Any] = {}
        select = self._strings("select", editor.get("select"))
        if select:  # none named (`[]`: a client's default) is no choice: the file's or the default one stands
            changes["select"] = select
        ignore = self._strings("ignore", editor.get("ignore"))
        if ignore:
            changes["ignore"] = [*base.ignore, *ignore]
        severity = editor.get("severity")
        if isinstance(severity, dict):
            levels = {str(k): str(v).lower() for k, v in severity.items()
                      if str(v).lower() in (*SEVERITIES, "off") or self._bad("severity", f"{k}={v}")}
            changes["severity"] = {**base.severity, **levels}
        elif severity is not None:
            self._bad("severity", severity)
        enable = editor["shellcheck"].get("enable") if isinstance(editor.get("shellcheck"), dict) else None
        if isinstance(enable, bool):
            changes["shellcheck"] = enable
        return base.copy(**changes) if changes else base

    def _strings(self, key: str, value: Any) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            value = [s for s in value.replace(",", " ").split() if s]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return [v for v in value if v.strip()]
        self._bad(key, value)
        return []

    def _bad(self, key: str, value: Any) -> bool:
        self._report(f"dockerlint: ignoring setting {SECTION}.{key} = {value!r} (see the documentation for its values)")
        return False

    def _report(self, message: str) -> None:
        if message not in self._reported:  # once per server: settings are re-resolved on every change
            self._reported.add(message)
            self.server.log_to_client(message)

    def reload_files(self) -> None:
        """Config files may have changed: read them again on next use."""
        self._resolver = None

    def _file_settings(self, path: str | None) -> Settings:
        from dockerlint.config import ConfigError, Resolver

        try:
            if self._resolver is None:
                self._resolver = Resolver()
            return self._resolver.settings_for(path)
        except ConfigError as err:  # a broken config file: say so, lint with the defaults
            self._report(f"dockerlint: {err}")
            return Settings()


_KEYS = ("select", "ignore", "severity", "shellcheck", "format", "debounce")


def _section(payload: Any) -> dict[str, Any] | None:
    """The `dockerlint` table of a didChangeConfiguration payload (`{"dockerlint": {...}}`), if any."""
    if not isinstance(payload, dict):
        return None
    if isinstance(payload.get(SECTION), dict):
        return payload[SECTION]
    return payload if any(key in payload for key in _KEYS) else None


def setup(server: DockerlintServer) -> None:
    editor = EditorSettings(server)
    server.editor_settings = editor
    server.documents.resolve_settings = editor.resolve
    server.documents.fetch_settings = editor.fetch

    def on_initialize(params: types.InitializeParams) -> None:
        settings = server.initialization_options.get("settings")
        if isinstance(settings, dict):
            editor.initial = settings

    async def on_initialized(params: types.InitializedParams) -> None:
        editor.initialized = True
        registrations = []
        if server.capability("workspace.did_change_configuration.dynamic_registration"):
            # Without this registration VS Code sends no didChangeConfiguration to a pulling server.
            registrations.append(types.Registration(id="dockerlint-configuration",
                                                    method=types.WORKSPACE_DID_CHANGE_CONFIGURATION,
                                                    register_options={"section": SECTION}))
        if server.capability("workspace.did_change_watched_files.dynamic_registration"):
            registrations.append(types.Registration(
                id="dockerlint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=[
                    types.FileSystemWatcher(glob_pattern=f"**/{{{','.join(WATCHED)}}}")])))
        if registrations:
            try:
                await asyncio.wait_for(server.client_register_capability_async(
                    types.RegistrationParams(registrations=registrations)), CONFIG_TIMEOUT)
            except Exception as err:
                log.info("client/registerCapability failed: %r", err)

    server.listen("initialize", on_initialize)
    server.listen("initialized", on_initialized)
    server.listen("close", lambda params: editor.forget(params.text_document.uri))

    async def changed() -> None:
        server.documents.forget_settings()
        await server.emit("settings")

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched_files(ls: DockerlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        names = {change.uri.rsplit("/", 1)[-1] for change in params.changes}
        if names & set(WATCHED):
            from dockerlint.semantics import context

            editor.reload_files()
            context.forget()
            await changed()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: DockerlintServer, params: types.DidChangeConfigurationParams) -> None:
        # No section of ours in the payload means "ask me" (VS Code sends null): drop the last one.
        editor.pushed = _section(params.settings) or {}
        editor.changed()  # re-pull each document's settings
        await changed()
