"""A real LSP client (pytest-lsp) talking to `dockerlint lsp` over stdio.

`client` is VS Code 1.65's capabilities (push diagnostics); indirect parameters
tweak the handshake: `{"options": initializationOptions, "pull": True, "encodings": [...],
"capabilities": ClientCapabilities, "initialized": False}`.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

SERVER = [sys.executable, "-m", "dockerlint", "lsp"]


def capabilities(spec: dict[str, Any]) -> types.ClientCapabilities:
    caps = spec.get("capabilities") or pytest_lsp.client_capabilities("visual-studio-code")
    if spec.get("pull"):
        caps.text_document.diagnostic = types.DiagnosticClientCapabilities(related_document_support=False)
        caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    if "encodings" in spec:
        caps.general = types.GeneralClientCapabilities(position_encodings=spec["encodings"])
    return caps


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, request: Any):
    spec = getattr(request, "param", {})
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:  # VS Code accepts dynamic registrations
        lsp_client.registrations.extend(params.registrations)

    lsp_client.set_configuration(spec.get("configuration", {}), section="dockerlint")
    params = types.InitializeParams(capabilities=capabilities(spec), initialization_options=spec.get("options"))
    if spec.get("initialized", True):
        lsp_client.init_result = await lsp_client.initialize_session(params)
    else:  # a client that never sends `initialized`
        lsp_client.capabilities = params.capabilities
        params.process_id = None
        lsp_client.init_result = await lsp_client.initialize_async(params)
    yield
    await lsp_client.shutdown_session()


def open_doc(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="dockerfile", version=version, text=text)))


def change_doc(client: LanguageClient, uri: str, version: int,
               *changes: tuple[tuple[int, int, int, int], str] | str) -> None:
    """Each change is the new full text, or ((line, char, line, char), text) for a range."""
    events: list[types.TextDocumentContentChangeEvent] = []
    for change in changes:
        if isinstance(change, str):
            events.append(types.TextDocumentContentChangeWholeDocument(text=change))
        else:
            (sl, sc, el, ec), text = change
            events.append(types.TextDocumentContentChangePartial(range=types.Range(
                start=types.Position(line=sl, character=sc), end=types.Position(line=el, character=ec)), text=text))
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=events))


async def published(client: LanguageClient, uri: str, version: int | None = None) -> types.PublishDiagnosticsParams:
    """The next publishDiagnostics for `uri` (and `version`, when given)."""
    while True:
        params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri and (version is None or params.version == version):
            return params


async def pulled(client: LanguageClient, uri: str, previous: str | None = None) -> Any:
    return await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous))


def spans(diagnostics: list[types.Diagnostic]) -> list[tuple[str, str]]:
    """[(code, "line:char-line:char")], 0-based as on the wire."""
    return [(str(d.code), f"{d.range.start.line}:{d.range.start.character}-{d.range.end.line}:{d.range.end.character}")
            for d in diagnostics]


TWO_SERVICES = """\
services:
  api:
    build: {context: ./api, dockerfile: ../Dockerfile, args: {EXT: py}}
  web:
    build:
      context: ./web
      dockerfile: ../Dockerfile
      args: ["EXT=js"]
"""


def two_services(root: Path) -> str:
    """A Compose project whose services `api` and `web` build `root/Dockerfile` from contexts of
    their own (`api/`, `web/`) with their own `EXT`; the Dockerfile's URI."""
    from tests.rules.helpers import tree

    tree(root, {"compose.yaml": TWO_SERVICES, "api/main.py": "", "api/conf/a.yaml": "", "api/shared.txt": "",
                "web/main.js": "", "web/conf/a.yaml": "", "web/shared.txt": "", "web/index.html": ""})
    return (root / "Dockerfile").as_uri()
