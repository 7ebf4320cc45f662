"""Suppressions: our pragmas, hadolint's, BuildKit's check=skip; codes, names and aliases alike."""
from __future__ import annotations

import pytest

from tests.rules.helpers import codes

BAD = "FROM debian\nFROM alpine:latest\n"  # DKL101 untagged-from (DL3006), DKL102 latest-tag (DL3007)


@pytest.mark.parametrize("source, expected", [
    pytest.param(BAD, ["DKL101", "DKL102"], id="nothing suppressed"),
    pytest.param("# dockerlint ignore=DKL101\n" + BAD, ["DKL102"], id="line pragma, our code"),
    pytest.param("# dockerlint ignore=untagged-from\n" + BAD, ["DKL102"], id="line pragma, rule name"),
    pytest.param("# hadolint ignore=DL3006\n" + BAD, ["DKL102"], id="hadolint pragma, DL alias"),
    pytest.param("# hadolint ignore=DL3006,DL3007\n" + BAD, ["DKL102"], id="a line pragma covers only the next instruction"),
    pytest.param("FROM debian\n# hadolint ignore=DL3006, DL3007\nFROM alpine:latest\n", ["DKL101"],
                 id="list with spaces applies to the instruction after it"),
    pytest.param(BAD + "# dockerlint global ignore=DKL101,latest-tag\n", [], id="global pragma anywhere"),
    pytest.param("# hadolint global ignore=DL3007\n" + BAD, ["DKL101"], id="hadolint global pragma"),
    pytest.param("# check=skip=all\n" + BAD, [], id="buildkit check=skip=all"),
    pytest.param("# check=skip=DL3006;error=true\n" + BAD, ["DKL102"], id="check=skip with an alias"),
    pytest.param("# dockerlint ignore=DKL101\n\n# a comment\n" + BAD, ["DKL102"], id="comments between pragma and instruction"),
    pytest.param("# dockerlint ignore=nonsense\n" + BAD, ["DKL101", "DKL102"], id="unknown selector is harmless"),
])
def test_suppression(source: str, expected: list[str]) -> None:
    assert codes(source, "DKL101", "DKL102") == expected


def test_disable_ignore_pragma_keeps_findings_but_not_check_skip() -> None:
    assert codes("# hadolint ignore=DL3006\n" + BAD, "DKL101", "DKL102", disable_ignore_pragma=True) == ["DKL101", "DKL102"]
    assert codes("# check=skip=all\n" + BAD, "DKL101", "DKL102", disable_ignore_pragma=True) == []


def test_check_skip_with_a_buildkit_check_covering_several_rules() -> None:
    src = "FROM alpine:3.22\nCMD a\nCMD b\nENTRYPOINT x\nENTRYPOINT y\n"
    assert sorted(codes(src, "multiple-cmd", "multiple-entrypoint")) == ["DKL606", "DKL607"]
    assert codes("# check=skip=MultipleInstructionsDisallowed\n" + src, "multiple-cmd", "multiple-entrypoint") == []


@pytest.mark.parametrize("source, found", [
    ("FROM a\nCOPY .gitignore .\nRUN pip install --ignore-installed x\n", False),  # "ignore", no pragma
    ("FROM a\nRUN echo ignore lint\n", False),  # "lint" after "ignore"
    ("FROM a\n# HadoLint  Global IGNORE=DL3008\nRUN x\n", True),
    ("FROM a\nRUN a \\\n  # dockerlint ignore=DKL101\n  && b\n", True),
])
def test_files_without_a_pragma_are_not_scanned(source: str, found: bool) -> None:
    from dockerlint.suppress import _may_have_pragmas, pragmas
    from dockerlint.syntax.parser import parse

    assert _may_have_pragmas(source) is found
    assert bool(pragmas(parse(source))) is found
