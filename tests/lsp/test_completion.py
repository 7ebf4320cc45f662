"""Completion over the wire: items, ranges in UTF-16 columns, capability-gated snippets."""
from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types

from tests.lsp._editing import open_marked, text_of
from tests.lsp.conftest import two_services
from tests.rules.helpers import tree

pytestmark = pytest.mark.asyncio
URI = "file:///tmp/lsp-editing/Dockerfile"


async def complete(client, marked: str) -> tuple[list[types.CompletionItem], str]:
    doc, pos = open_marked(client, URI, marked)
    result = await client.text_document_completion_async(types.CompletionParams(text_document=doc, position=pos))
    return result.items, marked.replace("¦", "")


@pytest.mark.parametrize(("marked", "labels", "replaced"), [
    ("¦", ["FROM", "ARG"], ""),
    ("FROM a AS b\nFROM c\nLABEL x=\"😀 中\"\nCOPY --from=¦", ["b"], ""),
    ("FROM a\r\nRUN --mount=type=cache,ta¦ echo", None, "ta"),  # CRLF, text after the cursor
    ("FROM a\nRUN echo \"😀中\" ${HTTP¦", ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"], "HTTP"),
    ("# escape=`\nFROM a\nRUN echo `\n  $no_pr¦", None, "no_pr"),
])
async def test_items_and_replaced_range(client, marked, labels, replaced):
    items, text = await complete(client, marked)
    assert items
    if labels is not None:
        assert [i.label for i in items][:len(labels)] == labels
    for item in items:
        assert text_of(text, item.text_edit.range) == replaced


async def test_variable_item_documents_the_value(client):
    items, _ = await complete(client, "FROM a\nENV APP=/app\nRUN echo ${A¦")
    assert (items[0].label, items[0].text_edit.new_text, items[0].kind) == ("APP", "APP}", types.CompletionItemKind.Variable)
    assert "`/app`" in items[0].documentation.value


async def test_snippets_for_vscode(client):
    items, _ = await complete(client, "FROM a\nCO¦")
    copy = next(i for i in items if i.label == "COPY")
    assert copy.insert_text_format == types.InsertTextFormat.Snippet
    assert copy.text_edit.new_text == "COPY ${1:source} ${2:dest}"
    mount = (await complete(client, "FROM a\nRUN --m¦"))[0][0]
    assert mount.text_edit.new_text == "--mount=" and mount.kind == types.CompletionItemKind.Property
    # re-triggering suggestions is VS Code's own command: a client that did not say it is VS Code gets none
    assert mount.command is None


@pytest.mark.parametrize("client", [{"capabilities": pytest_lsp.client_capabilities("neovim@v0.6.1")}], indirect=True)
async def test_plain_text_without_snippet_support(client):
    items, _ = await complete(client, "FROM a\nCO¦")
    copy = next(i for i in items if i.label == "COPY")
    assert copy.insert_text_format == types.InsertTextFormat.PlainText and copy.text_edit.new_text == "COPY "


async def test_unknown_document_and_past_the_end(client):
    none = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri="file:///nope/Dockerfile"), position=types.Position(line=0, character=0)))
    assert none is None
    doc, _ = open_marked(client, URI, "FROM a\n¦")
    far = await client.text_document_completion_async(types.CompletionParams(
        text_document=doc, position=types.Position(line=40, character=99)))
    assert "RUN" in [i.label for i in far.items]


@pytest.mark.parametrize(("marked", "label", "new_text"), [
    ("FROM alpine:3.20\nRUN ¦", "apk add", "apk add --no-cache ${1:package}"),
    ("ARG BASE=debian:12\nFROM $BASE AS base\nFROM base\nRUN apt-get update && ¦", "apt-get install",
     "apt-get install -y --no-install-recommends ${1:package} && rm -rf /var/lib/apt/lists/*"),
    ("FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN mi¦", "microdnf install",
     "microdnf install -y ${1:package} && microdnf clean all"),
    ("FROM bitnami/postgresql:16\nUSER root\nRUN ins¦", "install_packages", "install_packages ${1:package}"),
    ("FROM bitnami/minideb:bookworm\nRUN apt-get update && apt¦", "apt-get install",
     "apt-get install -y --no-install-recommends ${1:package} && rm -rf /var/lib/apt/lists/*"),
])
async def test_install_command_of_the_stages_package_manager(client, marked, label, new_text):
    items, text = await complete(client, marked)
    assert [i.label for i in items] == [label]
    assert items[0].text_edit.new_text == new_text and items[0].insert_text_format == types.InsertTextFormat.Snippet


@pytest.mark.parametrize("marked", ["FROM myorg/base:1\nRUN ¦", "FROM alpine:3.20\nRUN echo hi ¦",
                                    "FROM scratch\nRUN ¦"])
async def test_no_install_command_when_the_manager_is_not_known(client, marked):
    items, _ = await complete(client, marked)
    assert not items


async def test_paths_of_the_build_context(client, tmp_path):
    for name in ("src/app.py", "src/app.pyc", "src/lib/x.py", "setup.py", ".dockerignore"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("*/*.pyc\n" if name == ".dockerignore" else "")
    marked = "FROM a\nCOPY src/ap¦ /app/\n"
    doc, pos = open_marked(client, (tmp_path / "Dockerfile").as_uri(), marked)
    result = await client.text_document_completion_async(types.CompletionParams(text_document=doc, position=pos))
    items = [(i.label, i.kind, i.detail, bool(i.tags)) for i in result.items]
    assert items == [("app.py", types.CompletionItemKind.File, None, False),
                     ("app.pyc", types.CompletionItemKind.File, "excluded by .dockerignore (`*/*.pyc`)", True)]
    assert text_of(marked.replace("¦", ""), result.items[0].text_edit.range) == "ap"  # the last segment
    folders = await client.text_document_completion_async(types.CompletionParams(
        text_document=doc, position=types.Position(line=1, character=5)))
    assert [(i.label, i.kind) for i in folders.items] == [
        (".dockerignore", types.CompletionItemKind.File), ("setup.py", types.CompletionItemKind.File),
        ("src/", types.CompletionItemKind.Folder)]


async def test_no_paths_without_a_context_or_from_another_stage(client, tmp_path):
    (tmp_path / "a.txt").write_text("")
    for uri, marked in (("untitled:Untitled-1", "FROM a\nCOPY ¦"), ((tmp_path / "Dockerfile").as_uri(), "FROM a\nCOPY --from=b ¦")):
        doc, pos = open_marked(client, uri, marked)
        result = await client.text_document_completion_async(types.CompletionParams(text_document=doc, position=pos))
        assert not result.items


async def test_paths_of_every_compose_services_context(client, tmp_path):
    uri = two_services(tmp_path)
    doc, pos = open_marked(client, uri, "FROM a\nARG EXT\nCOPY ¦\n")
    result = await client.text_document_completion_async(types.CompletionParams(text_document=doc, position=pos))
    # once each; a path not every service's context has says which have it
    assert sorted((i.label, i.detail) for i in result.items) == [
        ("conf/", None), ("index.html", "only in service `web`"), ("main.js", "only in service `web`"),
        ("main.py", "only in service `api`"), ("shared.txt", None)]


async def test_paths_left_out_by_exclude(client, tmp_path):
    tree(tmp_path, {"a.txt": "", "b.md": "", ".dockerignore": "*.log\n", "c.log": ""})
    doc, pos = open_marked(client, (tmp_path / "Dockerfile").as_uri(), "FROM a\nCOPY --exclude=*.md ¦\n")
    result = await client.text_document_completion_async(types.CompletionParams(text_document=doc, position=pos))
    assert [(i.label, i.detail, bool(i.tags)) for i in result.items] == [
        (".dockerignore", None, False), ("a.txt", None, False), ("b.md", "excluded by `--exclude=*.md`", True),
        ("c.log", "excluded by .dockerignore (`*.log`)", True)]
