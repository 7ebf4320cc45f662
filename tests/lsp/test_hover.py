"""Hover over the wire: Markdown, exact ranges in UTF-16 columns, rule docs and diagnostics."""
from __future__ import annotations

import pytest
from lsprotocol import types

from tests.lsp._editing import open_marked, text_of
from tests.lsp.conftest import open_doc, published, two_services
from tests.rules.helpers import tree

pytestmark = pytest.mark.asyncio
URI = "file:///tmp/lsp-editing/Dockerfile"


@pytest.mark.parametrize(("marked", "expect", "covers"), [
    ("FROM alpine:3\nLABEL a=\"😀中\" b=1\nENV 名=x\nRUN echo $名¦\n", "`名` = `x`", "名"),
    ("FROM alpine:3\r\nRUN --mo¦unt=type=cache,target=/c ls\r\n", "--mount", "--mount"),
    ("# hadolint ignore=DL300¦7\nFROM alpine:latest\n", "latest", "DL3007"),
    ("FROM alpine:3\nW¦ORKDIR /app\n", "**WORKDIR**", "WORKDIR"),
])
async def test_hover(client, marked, expect, covers):
    doc, pos = open_marked(client, URI, marked)
    found = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=pos))
    assert found.contents.kind == types.MarkupKind.Markdown and expect in found.contents.value
    assert text_of(marked.replace("¦", ""), found.range) == covers


async def test_hover_on_a_diagnostic_and_nowhere(client):
    doc, pos = open_marked(client, URI, "FROM no¦de\n")
    await published(client, URI)  # the lint ran
    found = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=pos))
    assert "Base image `node`" in found.contents.value and "hub.docker.com/_/node" in found.contents.value
    assert "rules.md#" in found.contents.value  # the untagged image's rule, with its link
    for position in (types.Position(line=50, character=3), types.Position(line=1, character=400)):
        assert await client.text_document_hover_async(types.HoverParams(text_document=doc, position=position)) is None


@pytest.mark.parametrize(("marked", "expect"), [
    ("FROM node:18-alpine3.17¦\n", ["- OS: Alpine Linux 3.17", "- package manager: `apk`", "- shell: `/bin/sh`",
                                     "- runs as: `root`", "- unprivileged users: `node`",
                                     "- end of life: Node.js 18, ended 2025-04-30", "[image table]("]),
    ("FROM mcr.microsoft.com/windows/nano¦server:ltsc2022\n", ["- OS: Windows Nano Server", "- runs as: `ContainerUser`"]),
    ("FROM gcr.io/distroless/static-debian12:non¦root\n", ["- shell: none (use the exec form)", "- runs as: `nonroot`"]),
    ("FROM bitnami/postgres¦ql:16\n", ["- OS: Debian (Bitnami minideb) bookworm", "`apt-get`", "`install_packages`",
                                       "- shell: `/bin/sh`", "- runs as: `1001` (a user id with no root rights)",
                                       "[image table](https://github.com/bitnami/containers/blob/main/bitnami/"
                                       "postgresql/16/debian-12/Dockerfile)"]),
    ("FROM bitnami/no¦de:22\n", ["- OS: Debian (Bitnami minideb) bookworm", "- runs as: `root`",
                                "- end of life: Bitnami's free catalog, ended 2025-08-28\n"]),
    ("FROM public.ecr.aws/lambda/python:3.1¦2\n", ["- OS: Amazon Linux 2023 minimal", "- package manager: `dnf`, `microdnf`",
                                                 "- runs as: an unprivileged user when [AWS Lambda]("]),
    ("FROM mcr.microsoft.com/devcontainers/ba¦se:bookworm\n", ["- runs as: `vscode` when [Dev Containers]("]),
    ("FROM postgres:1¦6\n", ["- runs as: `root`, and its entrypoint runs the service as `postgres`"]),
    ("FROM amazon¦linux:2\n", ["- OS: Amazon Linux 2\n", "- package manager: `yum`\n"]),
    ("FROM public.ecr.aws/lambda/ja¦va:21\n", ["**What is known of this image**\n- runs as: an unprivileged user when [AWS Lambda]"]),
])
async def test_hover_on_an_image_shows_what_is_known(client, marked, expect):
    doc, pos = open_marked(client, URI, marked)
    found = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=pos))
    for line in expect:
        assert line in found.contents.value


async def test_hover_on_an_unknown_image_claims_nothing(client):
    doc, pos = open_marked(client, URI, "FROM myorg/ba¦se:1\n")
    found = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=pos))
    assert "Base image `myorg/base`" in found.contents.value and "What is known" not in found.contents.value


async def test_hover_on_a_source_lists_what_it_matches(client, tmp_path):
    for name in ("conf/a.yaml", "conf/b.yaml", "conf/local.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    (tmp_path / ".dockerignore").write_text("# local settings\nconf/local.*\n")
    marked = "FROM alpine:3\nARG DIR=conf\nCOPY $DIR/*.y¦aml gone.txt /etc/app/\n"
    doc, pos = open_marked(client, (tmp_path / "Dockerfile").as_uri(), marked)
    found = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=pos))
    assert found.contents.value == (
        f"`conf/*.yaml` matches 2 paths in the build context `{tmp_path}`:\n\n- `conf/a.yaml`\n- `conf/b.yaml`\n"
        "- ~~`conf/local.yaml`~~ excluded by `conf/local.*` (line 2 of the ignore file)")
    assert text_of(marked.replace("¦", ""), found.range) == "$DIR/*.yaml"
    gone = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=types.Position(line=2, character=20)))
    assert gone.contents.value.startswith("`gone.txt` matches nothing in the build context")


async def test_hover_on_a_source_reads_every_compose_service(client, tmp_path):
    uri = two_services(tmp_path)
    text = "FROM alpine:3\nARG EXT\nCOPY main.$EXT conf/*.yaml /srv/\n"
    open_doc(client, uri, text)
    doc = types.TextDocumentIdentifier(uri=uri)
    own = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=types.Position(line=2, character=7)))
    # each service's args and context: said per service
    assert own.contents.value == (
        f"`main.py` matches 1 path in the build context `{tmp_path / 'api'}` (service `api`):\n\n- `main.py`\n\n"
        f"`main.js` matches 1 path in the build context `{tmp_path / 'web'}` (service `web`):\n\n- `main.js`")
    assert text_of(text, own.range) == "main.$EXT"
    same = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=types.Position(line=2, character=18)))
    assert same.contents.value == (
        "`conf/*.yaml` matches 1 path in the build context of every service (`api`, `web`):\n\n- `conf/a.yaml`")


@pytest.mark.parametrize(("copy", "expected"), [
    # --parents: `**` spans folders, zero included; `/./` marks no path
    ("COPY --parents src/./**/*.txt /p/", "`src/./**/*.txt` matches 2 paths in {where}:\n\n- `src/a.txt`\n- `src/x/y/b.txt`"),
    ("COPY --exclude=*.md --exclude=x src/* /p/",
     "`src/*` matches 1 path in {where}:\n\n- `src/a.txt`\n- ~~`src/b.md`~~ excluded by `--exclude=*.md`\n"
     "- ~~`src/x/`~~ excluded by `--exclude=x`"),
])
async def test_hover_on_a_source_with_parents_or_exclude(client, tmp_path, copy, expected):
    tree(tmp_path, {"src/a.txt": "", "src/b.md": "", "src/x/y/b.txt": ""})
    marked = f"FROM alpine:3\n{copy.replace(' src', ' s¦rc', 1)}\n"
    doc, pos = open_marked(client, (tmp_path / "Dockerfile").as_uri(), marked)
    found = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=pos))
    assert found.contents.value == expected.format(where=f"the build context `{tmp_path}`")
