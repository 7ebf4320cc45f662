"""Every rule, and the fix loop and formatter, over generated hostile Dockerfiles: random
instruction soup, deep nesting and huge words. None may fail (a rule error is exit 3)."""
from __future__ import annotations

import random
import time

import pytest

from dockerlint.engine import lint
from dockerlint.fixes import fix_loop
from dockerlint.formatter import format_text
from dockerlint.rules import registry
from dockerlint.settings import Settings


KEYWORDS = ["FROM", "RUN", "CMD", "ENTRYPOINT", "SHELL", "HEALTHCHECK", "ENV", "LABEL", "ARG", "COPY", "ADD",
            "VOLUME", "EXPOSE", "USER", "WORKDIR", "MAINTAINER", "STOPSIGNAL", "ONBUILD", "BOGUS", "from", "onbuild"]
PIECES = ["$A", "${A}", "${A:-x}", "${A:+y}", "${A#*}", "${A%%.*}", "${A/a/b}", "${A//*/}", "${", "}", "$", "\\", "`",
          '"', "'", "[", "]", '["a"]', "[\"a\", 1]", "--from=", "--mount=type=cache,target=/x", "--platform=$X",
          "AS", "as", "x", "=", "==", "a=b", "<<EOF", "EOF", "\\\n", "#", "# syntax=x", "# escape=`", "\t", " ",
          "\ud800", "\x00", "\x1b[2J", "\u2028", "é", "0", "-1", "99999999999999999999", "/", "..", "*", "**", "?",
          "&&", "||", ";", "|", "(", ")", "{", "}", "apt-get install -y", "pip install", "curl", "wget", "sudo",
          "useradd", "cd", "${A:?err}", "${A:-${B:-${C}}}", "alpine", "alpine:3.12", "scratch", "@sha256:",
          "ubuntu:latest", "0.0.0.0", "80/tcp", "SIGKILL", "CMD", "NONE", "--interval=0s", "--chmod=7777"]


def _soup(rnd: random.Random, lines: int) -> str:
    out = []
    for _ in range(lines):
        kw = rnd.choice(KEYWORDS)
        n = rnd.randint(0, 6)
        out.append(kw + " " + " ".join(rnd.choice(PIECES) for _ in range(n)))
    return "\n".join(out) + rnd.choice(["", "\n", "\\", "\r\n"])


def _deep(rnd: random.Random) -> str:
    d = rnd.choice([100, 1000, 5000])
    kind = rnd.randrange(6)
    if kind == 0:
        return "FROM alpine\nRUN " + "(" * d + "true" + ")" * d + "\n"
    if kind == 1:
        return "FROM alpine\nENV A=" + "${a:-" * d + "x" + "}" * d + "\n"
    if kind == 2:
        return "FROM alpine\nRUN " + "$(" * d + "echo" + ")" * d + "\n"
    if kind == 3:
        return "FROM alpine\nRUN " + "echo \"" + "$(echo \"" * d + "\n"
    if kind == 4:
        return "FROM alpine\n" + "ONBUILD " * d + "RUN x\n"
    return "FROM alpine\nRUN " + "if true; then " * d + "echo" + "; fi" * d + "\n"


def _huge(rnd: random.Random) -> str:
    n = rnd.choice([10_000, 100_000])
    kind = rnd.randrange(5)
    if kind == 0:
        return "FROM " + "a" * n + "\n"
    if kind == 1:
        return "FROM alpine\nRUN echo " + "x" * n + "\n"
    if kind == 2:
        return "FROM alpine\nLABEL " + " ".join(f"k{i}=v" for i in range(n // 10)) + "\n"
    if kind == 3:
        return "FROM alpine\nRUN " + " && ".join(["apt-get install -y foo"] * (n // 100)) + "\n"
    return "FROM alpine\nCOPY " + " ".join(["a"] * (n // 10)) + " /x/\n"


def _every_rule() -> Settings:
    settings = Settings()
    settings.select = [r.code for r in registry.all_rules() if r.implemented]  # off-by-default ones too
    settings.shellcheck = False  # a process per script: tests/rules/test_shellcheck.py covers it
    return settings


@pytest.mark.parametrize("block", range(4))
def test_no_rule_fails_on_hostile_input(block: int) -> None:
    settings = _every_rule()
    start = time.perf_counter()
    for seed in range(block * 30, block * 30 + 30):
        rnd = random.Random(seed)
        source = (_soup(rnd, rnd.randint(1, 40)), _deep(rnd), _huge(rnd))[seed % 3]
        result = lint(source, settings=settings)
        assert not result.rule_errors, (seed, result.rule_errors)
        if seed % 3 == 0:
            fix_loop(source, lambda text: lint(text, settings=settings).findings, unsafe=True)
            format_text(source)
    assert time.perf_counter() - start < 120  # about 5 s
