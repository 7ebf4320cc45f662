"""Hover content (pure: no server)."""
from __future__ import annotations

import pytest

from dockerlint.engine import lint
from dockerlint.server._hover import hover
from tests.server.helpers import at_cursor

DOC = (
    "# syntax=docker/dockerfile:1\n"
    "# check=skip=DL3006,untagged-from\n"
    "ARG BASE=alpine:3.19\n"
    "FROM ${BASE} AS build\n"
    "ARG BASE\n"
    "ENV APP=/app\n"
    "# dockerlint ignore=DL3007\n"
    "RUN --mount=type=cache,target=/c echo $APP\n"
    "FROM ghcr.io/org/tool:1.2 AS tool\n"
    "COPY --from=build /a /b\n"
    "HEALTHCHECK --interval=5s CMD true\n"
    "ONBUILD RUN echo\n"
)


def show(marker: str, nth: int = 0) -> tuple[str, str] | None:
    """Hover with the cursor on the `nth` occurrence of `marker`'s `¦` position."""
    before, after = marker.split("¦")
    index = -1
    for _ in range(nth + 1):
        index = DOC.index(before + after, index + 1)
    model, offset = at_cursor(DOC[:index + len(before)] + "¦" + DOC[index + len(before):])
    found = hover(model, offset)
    return None if found is None else (found.markdown, DOC[found.span.start:found.span.end])


@pytest.mark.parametrize(("marker", "nth", "text", "span"), [
    ("FR¦OM", 0, "**FROM**: Start a build stage", "FROM"),
    ("RUN --mo¦unt", 0, "`--mount=type=<type>", "--mount"),
    ("type=cache,tar¦get", 0, "`target` (cache mount)", "target"),
    ("--inter¦val", 0, "Time between checks", "--interval"),
    ("ONBUILD R¦UN", 0, "**RUN**", "RUN"),
    (" A¦S build", 0, "**AS**", "AS"),
    ("5s C¦MD", 0, "**CMD**", "CMD"),
    ("# syn¦tax", 0, "The BuildKit frontend", "syntax"),
    ("${BA¦SE}", 0, "`BASE` = `alpine:3.19`", "BASE"),
    ("ARG BA¦SE\nENV", 0, "`alpine:3.19` (the global ARG's default)", "BASE"),
    ("ENV AP¦P", 0, "`ENV APP` = `/app`", "APP"),
    ("echo $AP¦P", 0, "`APP` = `/app`\n\nDefined by `ENV` (line 6).", "APP"),
    ("--from=bu¦ild", 0, "Stage 0 `build`, built FROM `alpine:3.19`", "build"),
    ("ghcr.io/org/to¦ol", 0, "Base image `ghcr.io/org/tool`", "ghcr.io/org/tool:1.2"),
    ("skip=DL30¦06", 0, "### DKL", "DL3006"),
    ("DL3006,untagged-fr¦om", 0, "untagged-from", "untagged-from"),
    ("ignore=DL30¦07", 0, "DL3007", "DL3007"),
    ("/c ec¦ho", 0, None, None),
])
def test_hover(marker, nth, text, span):
    found = show(marker, nth)
    if text is None:
        assert found is None
    else:
        assert found is not None and text in found[0] and found[1] == span, found


def test_hover_adds_the_diagnostics_under_the_cursor():
    src = "FROM node\n"
    result = lint(src)
    model, offset = at_cursor("FROM no¦de\n")
    found = hover(model, offset, result.findings)
    assert found is not None and "Base image `node`" in found.markdown
    assert "untagged-from" in found.markdown and "rules.md#" in found.markdown


@pytest.mark.parametrize("marked", ["¦", "FROM a\n\n¦\n", "\x00¦\xff", "FROM a\nRUN <<EOF\n¦echo\nEOF\n"])
def test_nothing_to_show(marked):
    model, offset = at_cursor(marked)
    assert hover(model, offset) is None


@pytest.mark.parametrize(("marked", "text"), [
    ("FROM alpine:3 AS base-amd64\nFROM ba¦se-${TARGETARCH}\n",
     "built FROM stage `base-amd64` in a build for linux/amd64"),
    ("FROM gol¦ang:1.23-${TARGETOS}\n", "Base image `golang` in a build for linux/amd64\n- registry: `docker.io`\n- repository: `library/golang`\n- tag: `1.23-linux`"),
    ("FROM golang:1.23-alp¦ine\n", "Base image `golang`\n"),
])
def test_a_from_with_platform_args_says_which_platform_it_shows(marked: str, text: str) -> None:
    found = hover(*at_cursor(marked))
    assert found is not None and text in found.markdown, found
