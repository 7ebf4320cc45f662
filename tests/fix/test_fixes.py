"""Applying fixes: atomic, deterministic on overlap, idempotent, and byte-preserving outside the edits."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dockerlint.engine import lint
from dockerlint.files import decode
from dockerlint.fixes import apply_fixes, fix_loop
from dockerlint.rules import registry
from dockerlint.rules.api import Edit, Finding, Fix, RuleMeta
from dockerlint.settings import Settings
from dockerlint.syntax.parser import parse
from dockerlint.syntax.span import Span

FAKE = RuleMeta(code="TST001", name="fake", severity="warning", summary="fake", rationale="fake", fix="sometimes")


def found(*edits: tuple[int, int, str], safe: bool = True) -> Finding:
    """A finding whose fix makes `edits` (start, end, text)."""
    es = tuple(Edit(*e) for e in edits)
    span = Span(min(e.start for e in es), max(e.end for e in es)) if es else Span(0, 0)
    return Finding(FAKE, span, "fake", Fix("fake", es, safe))


SRC = "FROM a\nRUN b c\n"  # offsets: FROM 0-4, a 5, RUN 7-10, b 11, c 13

# (name, source, fixes, unsafe, fixed text, applied, indices of the findings that remain)
CASES = [
    ("replace", SRC, [found((5, 6, "a:1"))], False, "FROM a:1\nRUN b c\n", 1, []),
    ("insert", SRC, [found((6, 6, ":1"))], False, "FROM a:1\nRUN b c\n", 1, []),
    ("no fix", SRC, [Finding(FAKE, Span(0, 4), "x")], False, SRC, 0, [0]),
    ("a fix without edits", SRC, [found()], False, SRC, 0, [0]),
    ("unsafe kept back", SRC, [found((5, 6, "b"), safe=False)], False, SRC, 0, [0]),
    ("unsafe asked for", SRC, [found((5, 6, "b"), safe=False)], True, "FROM b\nRUN b c\n", 1, []),
    ("first by position wins", SRC, [found((11, 14, "x")), found((5, 12, "q\nRUN y"))], False,
     "FROM q\nRUN y c\n", 1, [0]),
    ("same start: shorter first", SRC, [found((11, 14, "x")), found((11, 12, "y"))], False,
     "FROM a\nRUN y c\n", 1, [0]),
    ("insertion at a replacement's edge conflicts", SRC, [found((11, 12, "y")), found((12, 12, "z"))], False,
     "FROM a\nRUN y c\n", 1, [1]),
    ("adjacent edits both apply", SRC, [found((11, 12, "y")), found((12, 13, "-"))], False,
     "FROM a\nRUN y-c\n", 2, []),
    ("all edits of a fix or none", SRC, [found((5, 6, "x")), found((5, 6, "q"), (11, 12, "z"))], False,
     "FROM x\nRUN b c\n", 1, [1]),
    ("identical fixes: applied once, both fixed", SRC, [found((13, 14, "d")), found((13, 14, "d"))], False,
     "FROM a\nRUN b d\n", 2, []),
    ("a no-op fix is not counted", SRC, [found((0, 4, "FROM"))], False, SRC, 0, [0]),
    ("edit out of range ignored", SRC, [found((5, 99, "x"))], False, SRC, 0, [0]),
    ("edits overlapping each other ignored", SRC, [found((5, 6, "x"), (5, 6, "y"))], False, SRC, 0, [0]),
    ("splitting an instruction is rejected", SRC, [found((12, 13, "\n"))], False, SRC, 0, [0]),
    ("a new syntax error is rejected", "FROM a\nCMD [\"a\"]\n", [found((15, 15, ", 1"))], False,
     "FROM a\nCMD [\"a\"]\n", 0, [0]),
    ("deleting a whole instruction is fine", SRC, [found((7, 15, ""))], False, "FROM a\n", 1, []),
    ("inserting whole instructions is fine", SRC, [found((7, 7, "USER a\nUSER b\n"))], False,
     "FROM a\nUSER a\nUSER b\nRUN b c\n", 1, []),
    ("inserting more instructions than written is rejected", SRC, [found((8, 8, "\nUSER a\n"))], False, SRC, 0, [0]),
    ("a rejected fix does not block the others", SRC, [found((5, 6, "a:1")), found((12, 13, "\n"))], False,
     "FROM a:1\nRUN b c\n", 1, [1]),
    ("newlines follow the file's CRLF", "FROM a\r\nRUN b\r\n", [found((15, 15, "RUN c\n"))], False,
     "FROM a\r\nRUN b\r\nRUN c\r\n", 1, []),
    ("mixed endings: each line keeps its own", "FROM a\nRUN b\r\nRUN c\n", [found((11, 12, "B"))], False,
     "FROM a\nRUN B\r\nRUN c\n", 1, []),
]


@pytest.mark.parametrize("name, source, findings, unsafe, text, applied, remaining", CASES, ids=[c[0] for c in CASES])
def test_apply_fixes(name: str, source: str, findings: list[Finding], unsafe: bool, text: str, applied: int,
                     remaining: list[int]) -> None:
    out = apply_fixes(source, findings, unsafe=unsafe)
    assert out.text == text
    assert out.applied == applied
    assert out.remaining == [findings[i] for i in remaining]


@pytest.mark.parametrize("kind, safe", [("safe", True), ("sometimes", True), ("unsafe", False), ("none", False)])
def test_the_rules_meta_bounds_a_fixs_safety(kind: str, safe: bool) -> None:
    """A shared helper builds `Fix(...)` safe by default: a rule whose META says unsafe stays unsafe."""
    meta = RuleMeta(code="TST002", name="fake-two", severity="warning", summary="x", rationale="x", fix=kind)
    finding = Finding(meta, Span(5, 6), "x", Fix("x", (Edit(5, 6, "b"),)))
    assert finding.fix is not None and finding.fix.safe is safe
    assert (apply_fixes(SRC, [finding]).text != SRC) is safe


def _fake_lint(text: str) -> list[Finding]:
    """Two stateless fake rules whose fixes overlap: upper-case `from`, and tag an untagged `a`."""
    out = []
    if text.startswith("from"):
        out.append(found((0, 4, "FROM")))
    if text[4:7] == " a\n":
        out.append(found((0, 6, text[:4] + " a:1")))
    return out


def test_fix_loop_retries_the_loser_of_an_overlap() -> None:
    out = fix_loop("from a\n", _fake_lint)
    assert (out.text, out.applied, out.remaining) == ("FROM a:1\n", 2, [])


def test_fix_loop_stops_at_max_passes() -> None:
    count = lambda t: [found((0, 0, str(len(t))))]  # noqa: E731 - a different fix each pass, never settling
    out = fix_loop("a\n", count, max_passes=3)
    assert out.applied == 3 and out.text == "432a\n"


def test_a_fix_that_comes_back_is_not_applied_again() -> None:
    """A fix that does not clear its finding (apt lists once appended `rm` ten times) applies once."""
    flip = lambda t: [found((0, 1, "b" if t[0] == "a" else "a"))]  # noqa: E731 - undone, then redone...
    assert fix_loop("a\n", flip).text == "a\n"  # a -> b -> a, then "b" again is refused
    again = lambda t: [found((len(t), len(t), "+"))]  # noqa: E731 - appends forever
    out = fix_loop("a", again)
    assert (out.text, out.applied) == ("a+", 1)


def test_the_same_fix_on_several_instructions_still_applies_to_each() -> None:
    source = "FROM a\nRUN b\nRUN c\nrun x\nrun y\n"
    out = fix_loop(source, _linter("DKL602"))
    assert (out.text, out.applied) == ("FROM a\nRUN b\nRUN c\nRUN x\nRUN y\n", 2)


# -- with the real rules --------------------------------------------------------------

FIXABLE = [r for r in registry.all_rules() if r.implemented and r.fix != "none" and r.bad]


def _linter(*codes: str):
    chosen = Settings(select=list(codes) or None, shellcheck=False)
    return lambda text: lint(text, settings=chosen).findings


def test_there_are_rules_with_fixes() -> None:
    assert len(FIXABLE) >= 5


@pytest.mark.parametrize("rule", FIXABLE, ids=[r.code for r in FIXABLE])
def test_rule_fix_on_its_bad_example(rule: RuleMeta) -> None:
    lint_fn = _linter(rule.code)
    once = fix_loop(rule.bad, lint_fn, unsafe=True)
    if rule.fix in ("safe", "unsafe"):
        assert once.applied >= 1
        assert [f for f in once.remaining if f.rule is rule] == []
    assert not any(i.fatal for i in parse(once.text).issues)
    twice = fix_loop(once.text, lint_fn, unsafe=True)
    assert (twice.text, twice.applied) == (once.text, 0)


def test_all_rules_together_are_idempotent() -> None:
    source = ("from alpine as Build\nmaintainer Jane <j@example.com>\nADD app.py /app\n"
              "ENV HOME /root\nCMD [\"a\"]\ncmd [\"b\"]\nFROM --platform=$TARGETPLATFORM alpine:3.20\n"
              "COPY --from=Build a b /dest\n")
    lint_fn = _linter()
    once = fix_loop(source, lint_fn, unsafe=True)
    assert once.applied >= 6
    assert fix_loop(once.text, lint_fn, unsafe=True)[:2] == (once.text, 0)


def test_bytes_outside_the_fixes_survive() -> None:
    """BOM, CRLF and LF mixed, tabs, trailing blanks and comments: only `as` changes."""
    data = (b"\xef\xbb\xbf# syntax=docker/dockerfile:1  \r\n# note\t\r\n"
            b"FROM alpine:3.20 as build \t\r\n\n\tRUN echo hi   \r\n")
    source = decode(data)
    out = fix_loop(source.text, _linter("DKL204"))
    assert out.applied == 1
    assert source.encode(out.text) == data.replace(b" as ", b" AS ")


def test_whole_instruction_deletion_by_a_real_rule() -> None:
    source = "FROM alpine:3.20\r\nCMD [\"a\"]\r\n# keep me\r\nCMD [\"b\"]\r\n"
    out = fix_loop(source, _linter("DKL606"))
    assert out.text == "FROM alpine:3.20\r\n# keep me\r\nCMD [\"b\"]\r\n"


# -- any text, any non-overlapping edits ------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from("FROM RUN a\\\t\r\n#\"[],=-\u00e9\udcff"), max_size=60)


@st.composite
def _text_and_fixes(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    text = draw(_TEXT)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    # Consecutive pairs of sorted cuts never overlap (an insertion touching a neighbour may conflict).
    return text, [found((a, b, draw(st.text(alphabet="xyz \t", max_size=4)))) for a, b in zip(cuts[::2], cuts[1::2])]


@settings(max_examples=300, deadline=None)
@given(_text_and_fixes())
def test_every_byte_outside_the_applied_edits_is_kept(case: tuple[str, list[Finding]]) -> None:
    text, findings = case
    out = apply_fixes(text, findings)
    applied = [f.fix.edits[0] for f in findings if f not in out.remaining]
    expected, at = [], 0
    for e in sorted(set(applied)):  # identical fixes count as fixed, and apply once
        expected += [text[at:e.start], e.text]
        at = e.end
    assert out.text == "".join(expected) + text[at:]
    assert out.applied == len(applied)
