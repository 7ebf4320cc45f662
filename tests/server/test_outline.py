"""Document symbols, folding ranges, semantic tokens, links and inlay hints (pure)."""
from __future__ import annotations

import pytest

from dockerlint.semantics.model import Model
from dockerlint.semantics.references import References
from dockerlint.server._inlay_hints import hints
from dockerlint.server._links import links
from dockerlint.server._outline import folds, symbols
from dockerlint.server._semantic_tokens import LEGEND, tokens
from dockerlint.syntax.parser import parse
from dockerlint.syntax.span import LineIndex, Span

DOC = (
    "# syntax=docker/dockerfile:1\n"   # 0
    "ARG BASE=alpine:3.19\n"           # 1
    "FROM ${BASE} AS build\n"          # 2
    "# one\n"                          # 3
    "# two\n"                          # 4
    "ENV APP=/app \\\n"                # 5
    "    X=1\n"                        # 6
    "RUN <<EOF\n"                      # 7
    "echo $APP\n"                      # 8
    "EOF\n"                            # 9
    "MAINTAINER me\n"                  # 10
    "FROM build\n"                     # 11
    "COPY --from=build --chown=1 /a /b\n"  # 12
    "EXPOSE 80\n"                      # 13
)


def model(src: str = DOC) -> Model:
    return Model(parse(src))


def line_of(src: str):
    lines = LineIndex(src)
    return lambda offset: lines.position(offset).line - 1


def test_symbols_are_stages_holding_their_instructions():
    out = symbols(model())
    assert [(s.name, s.kind, s.detail) for s in out] == [
        ("# syntax=docker/dockerfile:1", "directive", "parser directive"),
        ("ARG BASE", "variable", ""),
        ("build", "stage", "FROM alpine:3.19"),
        ("stage 1", "stage", "FROM build"),
    ]
    assert [(c.name, c.kind, c.deprecated) for c in out[2].children] == [
        ("ENV APP X", "variable", False), ("RUN <<EOF", "instruction", False), ("MAINTAINER me", "instruction", True)]
    assert [c.detail for c in out[3].children] == ["--from=build --chown=1", ""]
    assert DOC[out[2].selection.start:out[2].selection.end] == "build"


def test_folds():
    assert folds(model(), line_of(DOC)) == [
        (2, 10, "region"), (3, 4, "comment"), (5, 6, "region"), (7, 9, "region"), (11, 13, "region")]


def test_folds_crlf_and_empty():
    src = DOC.replace("\n", "\r\n")
    assert folds(model(src), line_of(src)) == folds(model(), line_of(DOC))
    assert folds(model(""), line_of("")) == []


def _typed(src: str, within: Span | None = None) -> list[str]:
    return [f"{LEGEND[k]}:{src[s:e]}" for s, e, k in tokens(References(model(src)), within)]


def test_semantic_tokens():
    assert _typed(DOC) == [
        "macro:# syntax", "string:docker/dockerfile:1",
        "keyword:ARG", "variable:BASE", "operator:=", "string:alpine:3.19",
        "keyword:FROM", "string:${", "variable:BASE", "string:}", "keyword:AS", "class:build",
        "comment:# one", "comment:# two",
        "keyword:ENV", "variable:APP", "operator:=", "string:/app", "variable:X", "operator:=", "string:1",
        "keyword:RUN", "variable:APP",
        "keyword:MAINTAINER", "string:me", "keyword:FROM", "class:build",
        "keyword:COPY", "parameter:--from", "class:build", "parameter:--chown", "string:1", "string:/a", "string:/b",
        "keyword:EXPOSE", "number:80",
    ]


def test_semantic_tokens_stay_on_one_line_and_in_range():
    src = "FROM a\nLABEL x=\"one \\\n  two\"\r\nRUN echo\n"
    typed = _typed(src)
    assert typed == ["keyword:FROM", "string:a", "keyword:LABEL", "property:x", "operator:=", 'string:"one \\',
                     'string:two"', "keyword:RUN"]
    assert _typed(src, Span(7, 12)) == ["keyword:LABEL"]
    assert _typed("") == []


def test_links():
    src = "FROM node:20\nFROM bitnami/redis AS r\nFROM r\nFROM quay.io/a/b@sha256:" + "0" * 64 + "\nFROM $X\n" \
          "FROM example.com/x\nFROM scratch\n"
    assert [(src[link.span.start:link.span.end], link.url) for link in links(model(src))] == [
        ("node", "https://hub.docker.com/_/node"),
        ("bitnami/redis", "https://hub.docker.com/r/bitnami/redis"),
        ("quay.io/a/b", "https://quay.io/repository/a/b"),
    ]


@pytest.mark.parametrize(("src", "expected"), [
    (DOC, [("${BASE}", "= alpine:3.19")]),
    ("ARG V\nFROM a:$V\n", []),  # no default: unknown
    ("FROM a\nARG V=1\nRUN echo $V\nWORKDIR /x/$V\nLABEL l=${V:+set} m=${U:-d}\n",
     [("/x/$V", "= /x/1"), ("${V:+set}", "= set"), ("${U:-d}", "= d")]),
    ("FROM a\nENV A=1\nENV A=2 B=$A\n", [("$A", "= 1")]),  # BuildKit expands an ENV line before it applies
    ("ARG T=1\nFROM --platform=$BUILDPLATFORM a:$T\n", [("a:$T", "= a:1")]),
])
def test_inlay_hints(src, expected):
    # the tooltip names the word: "`word` expands to `value`"
    assert [(h.tooltip.split("`")[1], h.label) for h in hints(model(src))] == expected
    for h in hints(model(src)):
        assert src[:h.offset].endswith(h.tooltip.split("`")[1])
