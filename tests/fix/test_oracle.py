"""The fix oracle over the shared corpus and over the shapes that broke before: safe means safe.

Every file of the corpus goes through `--fix`, `--fix --unsafe-fixes` and `format` in-process
(tests/fix/oracle.py says what is checked); any violation fails with an example.
"""
from __future__ import annotations

import os

import pytest

from dockerlint.rules import registry
from dockerlint.rules.api import Edit, Finding, Fix
from dockerlint.syntax.span import Span
from tests import corpus
from tests.fix import oracle

MODES = ("safe", "unsafe", "format")


@pytest.fixture(scope="module")
def files() -> list[tuple[str, str]]:
    if not (corpus.CORPUS / "MANIFEST.tsv").exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the corpus is missing at {corpus.CORPUS} (set DOCKERLINT_CORPUS)")
        pytest.skip(f"no corpus at {corpus.CORPUS} (set DOCKERLINT_CORPUS)")
    return [(e["path"], corpus.source(e["path"])) for e in corpus.entries()]


@pytest.mark.parametrize("mode", MODES)
def test_corpus_fixes_keep_what_files_mean(files: list[tuple[str, str]], mode: str) -> None:
    figures = oracle.over(files, mode)
    assert figures.changed > len(files) // 3, "the fixes (formatter) should have work on the corpus"
    assert figures.one_run == figures.changed
    found = {f"{kind} {rule}: {n}, e.g. {figures.examples[kind, rule]}" for (kind, rule), n in figures.violations.items()}
    assert not found, "\n".join(sorted(found))


# -- the shapes found by review, each a class of bug -----------------------------------------------

F = "FROM debian:12\n"
SHAPES = [
    ("heredoc read by bash", F + "RUN <<EOT bash\napt-get update\napt-get install -y curl=1\nEOT\n"),
    ("a later install needs the lists", F + "RUN apt-get update && apt-get install -y a=1\nRUN apt-get install -y b=1\n"),
    ("a stage built FROM it installs", "FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN apt-get install -y b=1\n"),
    ("legacy values with escapes and quotes",
     F + "ENV JAVA_HOME C:\\\\openjdk-27\nLABEL STOP 'docker kill ${NAME}'\nENV A \"quoted value\"\nENV B a\"b c\"\\ d  e\n"),
    ("legacy values under a backtick escape", "# escape=`\n" + F + "ENV A \"x\" `$y z\n"),
    ("one wildcard source", F + "COPY ignore/* /foo\n"),
    ("a destination that does not expand", F + "COPY a b ${.\n"),
    ("shell lines that lost their continuation", F + "RUN true\nset -e\n--add x y\n"),
    ("ADD without a context", F + "ADD rootfs /\n"),
    ("a lone carriage return at the end", "FROM alpine\n\n\r"),
    ("tabs and comments in continuations", F + "RUN a \\\n\t# one\n\t&& b \\\n  # two\n  && c\n"),
    ("a stray shell line", F + "RUN apt-get install -y \\\n    curl\ngit clone x\n"),
]


@pytest.mark.parametrize("source", [s for _, s in SHAPES], ids=[n for n, _ in SHAPES])
@pytest.mark.parametrize("mode", MODES)
def test_shapes_that_broke_before(source: str, mode: str) -> None:
    out = oracle.formatted(source) if mode == "format" else oracle.fix(source, unsafe=mode == "unsafe")
    assert out.violations == []
    assert oracle.bash_syntax(out.scripts) == []
    again = oracle.formatted(out.text) if mode == "format" else oracle.fix(out.text, unsafe=mode == "unsafe")
    assert again.text == out.text  # a second run changes nothing


def test_no_guess_is_applied_for_a_stray_shell_line() -> None:
    out = oracle.fix(F + "RUN true\nset -e\n--add x y\n", unsafe=True)
    assert "DKL619" not in out.applied


def test_a_single_wildcard_keeps_its_destination_under_fix() -> None:
    assert oracle.fix(F + "COPY ignore/* /foo\n", unsafe=False).text == F + "COPY ignore/* /foo\n"


# -- the oracle itself finds what it is meant to find ---------------------------------------------

def _done(code: str, *edits: tuple[int, int, str]) -> Finding:
    meta = registry.resolve(code)
    assert meta is not None
    return Finding(meta, Span(edits[0][0], edits[0][1]), "x", Fix("x", tuple(Edit(*e) for e in edits)))


@pytest.mark.parametrize("before, after, done, kind", [
    # a re-spelling that changes the value BuildKit sets
    ("FROM a\nENV A 1\n", 'FROM a\nENV A="\\1"\n', _done("DKL603", (12, 14, '="\\1"')), "meaning"),
    # an edit that reaches an instruction its fix was not about
    ("FROM a\nENV A=1\nRUN b\n", "FROM a\nENV A=1\nRUN c\n", _done("DKL204", (19, 20, "c")), "meaning"),
    ("FROM a\nENV A=1\n", "FROM a\nENV A\n", _done("DKL603", (12, 14, "")), "parse"),
    ("FROM a\nRUN apt-get update\nRUN apt-get install -y b\n",
     "FROM a\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y b\n",
     _done("DKL821", (25, 25, " && rm -rf /var/lib/apt/lists/*")), "needed"),
    ("FROM a\nRUN echo 'x'\n", "FROM a\nRUN echo 'x\n", _done("DKL822", (18, 19, "")), "shell"),
])
def test_the_oracle_sees_a_broken_fix(before: str, after: str, done: Finding, kind: str) -> None:
    violations = oracle.check_pass(before, after, [done], [])
    assert kind in {v.kind for v in violations}


def test_the_oracle_sees_an_untargeted_change() -> None:
    before, after = "FROM a\nuser b\nRUN c\n", "FROM a\nUSER b\nRUN d\n"
    violations = oracle.check_pass(before, after, [_done("DKL602", (7, 11, "USER"))], [])
    assert [v.kind for v in violations] == ["untargeted"]


def test_bash_syntax_reports_only_what_a_fix_broke() -> None:
    pairs = [("echo ok", "echo ok && rm x"), ("echo 'x'", "echo 'x"), ("if true", "if true; then")]
    assert oracle.bash_syntax(pairs) == ["echo 'x"]
