"""Settings (initializationOptions, workspace/configuration, didChangeConfiguration, config files) and formatting."""
from __future__ import annotations

import pytest
from lsprotocol import types

from tests.lsp.conftest import change_doc, open_doc, published, pulled

pytestmark = pytest.mark.asyncio

URI = "file:///tmp/lsp-tests/Dockerfile"
DOC = "FROM example.com/go:1.23 as build\nUSER app\n"  # DKL204 (style) and DKL302 (info)


@pytest.mark.parametrize(("client", "expected"), [
    ({}, [("DKL204", types.DiagnosticSeverity.Hint), ("DKL302", types.DiagnosticSeverity.Information)]),
    ({"options": {"settings": {"ignore": ["DKL204"]}}}, [("DKL302", types.DiagnosticSeverity.Information)]),
    ({"options": {"settings": {"select": ["from-as-casing"]}}}, [("DKL204", types.DiagnosticSeverity.Hint)]),
    ({"options": {"settings": {"severity": {"DKL302": "error", "DKL204": "off"}}}},
     [("DKL302", types.DiagnosticSeverity.Error)]),
    ({"configuration": {"ignore": ["DKL302"]}}, [("DKL204", types.DiagnosticSeverity.Hint)]),
    # workspace/configuration wins over initializationOptions.
    ({"options": {"settings": {"ignore": ["DKL302"]}}, "configuration": {"ignore": ["DKL204"]}},
     [("DKL302", types.DiagnosticSeverity.Information)]),
], indirect=["client"])
async def test_settings_sources(client, expected):
    open_doc(client, URI, DOC)
    params = await published(client, URI)
    assert [(d.code, d.severity) for d in params.diagnostics] == expected


# What VS Code's extension sent before it sent only what the user set: every key, at its default.
VSCODE_DEFAULTS = {"select": [], "ignore": [], "severity": {}, "shellcheck": {"enable": True},
                   "format": {"enable": True}}
ALL = [("DKL204", types.DiagnosticSeverity.Hint), ("DKL302", types.DiagnosticSeverity.Information)]


@pytest.mark.parametrize(("client", "expected"), [
    # Empty lists are no instruction: every default rule still runs.
    ({"options": {"settings": VSCODE_DEFAULTS}, "configuration": VSCODE_DEFAULTS}, ALL),
    ({"options": None, "configuration": None}, ALL),  # Neovim, Helix: nothing at all
    ({"options": {"settings": None}, "configuration": {"select": None, "ignore": None}}, ALL),
    # An empty value later does not undo an earlier source's value.
    ({"options": {"settings": {"select": ["DKL302"]}}, "configuration": VSCODE_DEFAULTS},
     [("DKL302", types.DiagnosticSeverity.Information)]),
], indirect=["client"])
async def test_unset_settings_keep_the_defaults(client, expected):
    open_doc(client, URI, DOC)
    assert [(d.code, d.severity) for d in (await published(client, URI)).diagnostics] == expected


@pytest.mark.parametrize("client", [
    {"options": {"settings": VSCODE_DEFAULTS}, "configuration": VSCODE_DEFAULTS, "pull": True},
    {"options": None, "configuration": None, "pull": True},
], indirect=True)
@pytest.mark.parametrize("config", [
    ("pyproject.toml", '[tool.dockerlint]\nselect = ["DKL204"]\nseverity = {from-as-casing = "error"}\n'),
    (".dockerlint.toml", 'select = ["DKL204"]\nseverity = {from-as-casing = "error"}\n'),
])
async def test_config_file_survives_an_editor_that_sets_nothing(client, tmp_path, config):
    name, text = config
    (tmp_path / name).write_text(text)
    uri = (tmp_path / "Dockerfile").as_uri()
    open_doc(client, uri, DOC)
    report = await pulled(client, uri)
    assert [(d.code, d.severity) for d in report.items] == [("DKL204", types.DiagnosticSeverity.Error)]


async def test_did_change_configuration(client):
    open_doc(client, URI, DOC)
    await published(client, URI)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"dockerlint": {"ignore": ["DKL302"]}}))
    assert [d.code for d in (await published(client, URI)).diagnostics] == ["DKL204"]
    # An empty payload: the server forgets the last one and asks again through workspace/configuration.
    client.set_configuration({"ignore": ["DKL204"]}, section="dockerlint")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert [d.code for d in (await published(client, URI)).diagnostics] == ["DKL302"]


async def test_registers_for_configuration_changes(client):
    open_doc(client, URI, DOC)
    await published(client, URI)  # the registration request came before, right after `initialized`
    methods = {r.method for r in client.registrations}
    assert {types.WORKSPACE_DID_CHANGE_CONFIGURATION, types.WORKSPACE_DID_CHANGE_WATCHED_FILES} <= methods


async def test_bad_setting_is_reported(client):
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"dockerlint": {"severity": {"DKL302": "loud"}}}))
    open_doc(client, URI, DOC)
    params = await published(client, URI)
    assert [(d.code, d.severity) for d in params.diagnostics][-1] == ("DKL302", types.DiagnosticSeverity.Information)
    assert any("severity" in m.message and "loud" in m.message for m in client.log_messages)


async def test_config_file_on_disk(client, tmp_path):
    (tmp_path / ".dockerlint.toml").write_text('ignore = ["DKL204"]\n')
    uri = (tmp_path / "Dockerfile").as_uri()
    open_doc(client, uri, DOC)
    assert [d.code for d in (await published(client, uri)).diagnostics] == ["DKL302"]
    (tmp_path / ".dockerlint.toml").write_text('ignore = ["DKL302"]\n')
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(tmp_path / ".dockerlint.toml").as_uri(), type=types.FileChangeType.Changed)]))
    assert [d.code for d in (await published(client, uri)).diagnostics] == ["DKL204"]


def _fmt_options(size: int = 4) -> types.FormattingOptions:
    return types.FormattingOptions(tab_size=size, insert_spaces=True)


UGLY = "from example.com/go:1.23\nrun  apt-get update && \\\napt-get install -y make\nuser   app\n"


async def test_document_formatting(client):
    open_doc(client, URI, UGLY)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=URI), options=_fmt_options(2)))
    from tests.lsp.test_code_actions import apply

    assert apply(UGLY, list(edits)) == (
        "FROM example.com/go:1.23\nRUN apt-get update && \\\n  apt-get install -y make\nUSER app\n")


async def test_formatting_leaves_an_unknown_instruction_alone_and_says_so(client):
    source = "from example.com/go:1.23\ngit  clone x\nUSER app\n"
    open_doc(client, URI, source)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=URI), options=_fmt_options(4)))
    from tests.lsp.test_code_actions import apply

    assert apply(source, list(edits)) == "FROM example.com/go:1.23\ngit  clone x\nUSER app\n"
    assert any("`git` is not an instruction" in m.message for m in client.log_messages)


async def test_range_and_on_type_formatting(client):
    open_doc(client, URI, UGLY)
    edits = await client.text_document_range_formatting_async(types.DocumentRangeFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=URI), options=_fmt_options(),
        range=types.Range(start=types.Position(line=3, character=0), end=types.Position(line=99, character=99))))
    from tests.lsp.test_code_actions import apply

    assert apply(UGLY, list(edits)) == UGLY.replace("user   app", "USER app")
    change_doc(client, URI, 2, "FROM example.com/go:1.23\nRUN make \\\n")
    edits = await client.text_document_on_type_formatting_async(types.DocumentOnTypeFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=URI), options=_fmt_options(),
        position=types.Position(line=2, character=0), ch="\n"))
    assert apply("FROM example.com/go:1.23\nRUN make \\\n", list(edits)) == "FROM example.com/go:1.23\nRUN make \\\n    "


@pytest.mark.parametrize("client", [{"options": {"settings": {"format": {"enable": False}}}}], indirect=True)
async def test_formatting_can_be_disabled(client):
    open_doc(client, URI, UGLY)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=URI), options=_fmt_options()))
    assert edits is None


@pytest.mark.parametrize(("arg", "changed"), [("{}", "compose.yaml"), ("${{APP}}", ".env")])
async def test_compose_file_on_disk(client, tmp_path, arg, changed):
    """A Compose file's build args (written out, or from its `.env`) reach the lint, and changes
    to either file are watched."""
    (tmp_path / "api").mkdir()
    (tmp_path / "api/main.py").write_text("")
    compose = "services:\n  app:\n    build:\n      context: .\n      args:\n        APP: " + arg + "\n"
    (tmp_path / "compose.yaml").write_text(compose.format("api"))
    (tmp_path / ".env").write_text("APP=api\n")
    uri = (tmp_path / "Dockerfile").as_uri()
    open_doc(client, uri, "FROM alpine:3.20\nARG APP\nCOPY $APP/main.py /app/\nUSER 1000\n")
    assert "DKL409" not in [d.code for d in (await published(client, uri)).diagnostics]
    (tmp_path / "compose.yaml").write_text(compose.format("web"))
    (tmp_path / ".env").write_text("APP=web\n")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(tmp_path / changed).as_uri(), type=types.FileChangeType.Changed)]))
    [diagnostic] = [d for d in (await published(client, uri)).diagnostics if d.code == "DKL409"]
    assert "`web/main.py`" in diagnostic.message


async def test_dev_container_configuration_on_disk(client, tmp_path):
    """A dev container configuration's context and args reach the lint, and its changes are watched."""
    (tmp_path / ".devcontainer").mkdir()
    (tmp_path / "api").mkdir()
    (tmp_path / "api/main.py").write_text("")
    config = '{{\n  // the repository is the context\n  "build": {{"dockerfile": "Dockerfile", "context": "..",' \
             ' "args": {{"APP": "{}"}}}},\n}}'
    (tmp_path / ".devcontainer/devcontainer.json").write_text(config.format("api"))
    uri = (tmp_path / ".devcontainer/Dockerfile").as_uri()
    open_doc(client, uri, "FROM alpine:3.20\nARG APP\nCOPY $APP/main.py /app/\nUSER 1000\n")
    assert "DKL409" not in [d.code for d in (await published(client, uri)).diagnostics]
    (tmp_path / ".devcontainer/devcontainer.json").write_text(config.format("web"))
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(tmp_path / ".devcontainer/devcontainer.json").as_uri(), type=types.FileChangeType.Changed)]))
    [diagnostic] = [d for d in (await published(client, uri)).diagnostics if d.code == "DKL409"]
    assert "`web/main.py`" in diagnostic.message
