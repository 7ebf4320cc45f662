"""RUN scripts: which text the shell runs, and offsets mapped back into the Dockerfile."""
from __future__ import annotations

import pytest

from dockerlint.engine import Context
from dockerlint.semantics.scripts import run_scripts
from dockerlint.settings import Settings
from dockerlint.syntax import nodes
from dockerlint.syntax.parser import parse

F = "FROM debian:12\n"


def scripts(source: str):
    df = parse(source)
    ctx = Context(df, None, Settings())
    run = [i for i in df.walk() if isinstance(i, nodes.Run)][-1]
    return source, run_scripts(ctx, run)


@pytest.mark.parametrize(("source", "texts", "pipefail"), [
    (F + "RUN a && \\\n  b\n", ["a &&   b"], False),
    (F + "RUN <<EOF\na\nEOF\n", ["a\n"], False),
    (F + "RUN <<EOF1 <<EOF2\na\nEOF1\nb\nEOF2\n", ["a\n", "b\n"], False),
    (F + "RUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n", [], False),
    (F + "RUN cat <<EOF > /x\nline\nEOF\n", ["cat <<EOF > /x\nline\nEOF"], False),
    (F + "RUN [\"sh\", \"-c\", \"a | b\"]\n", ["a | b"], False),
    (F + "RUN [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\", \"a | b\"]\n", ["a | b"], True),
    (F + "RUN [\"make\", \"-C\", \"x\"]\n", [], False),
    (F + "SHELL [\"/bin/bash\", \"-euo\", \"pipefail\", \"-c\"]\nRUN a | b\n", ["a | b"], True),
    (F + "SHELL [\"/bin/bash\", \"-c\"]\nRUN a | b\n", ["a | b"], False),
])
def test_script_text(source: str, texts: list[str], pipefail: bool) -> None:
    _, found = scripts(source)
    assert [rs.script.text for rs in found] == texts
    assert all(rs.pipefail == pipefail for rs in found)


@pytest.mark.parametrize(("source", "word", "exact"), [
    (F + "RUN a && \\\n  target\n", "target", True),
    (F + "RUN cat <<EOF > /x && target\nline\nEOF\n", "target", True),
    (F + "RUN cat <<EOF\nline\nEOF\n", "line", True),  # a word in the appended body
    (F + "RUN [\"sh\", \"-c\", \"echo target\"]\n", "target", True),
    (F + "RUN [\"sh\", \"-c\", \"echo \\\"q\\\" target\"]\n", "target", False),
])
def test_offsets_map_to_the_source(source: str, word: str, exact: bool) -> None:
    src, found = scripts(source)
    rs = found[0]
    start = rs.script.text.index(word)
    span = rs.span(start, start + len(word))
    assert rs.exact is exact
    if exact:
        assert src[span.start:span.end] == word
    else:  # only the whole argument is known
        assert word in src[span.start:span.end]


@pytest.mark.parametrize(("source", "dialect"), [
    (F + "RUN a\n", "posix"),
    (F + "SHELL [\"/bin/bash\", \"-c\"]\nRUN a\n", "bash"),
    ("FROM debian:12 AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nRUN a\n", "bash"),
    ("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN dir | findstr x\n", "cmd"),
    ("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN a\n", "powershell"),
])
def test_dialect_follows_the_shell_in_force(source: str, dialect: str) -> None:
    _, found = scripts(source)
    assert [rs.script.dialect for rs in found] == [dialect]
