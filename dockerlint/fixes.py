"""Applying the fixes findings offer, without losing a byte of the rest of the file.

A fix is a set of text edits on the decoded source. `apply_fixes` applies as many
as can go together in one pass: each fix entirely or not at all, the first by
position winning an overlap (the loser is left for the next pass). `fix_loop`
re-lints and repeats until nothing changes, so a second run changes nothing; a fix
that comes back once applied (it did not clear its finding) is not applied again.
Defence in depth: a fix whose result re-parses with a syntax error the source did
not have, or with a number of instructions its edits do not account for (those it
deletes whole, those its text holds), is rejected.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, NamedTuple

from dockerlint._edits import apply_edits, conflicts, match_line_endings, valid
from dockerlint.rules.api import Edit, Finding
from dockerlint.syntax.parser import parse


class FixOutcome(NamedTuple):
    text: str  # the fixed text (the source itself when nothing applied)
    applied: int  # findings whose fix was applied
    remaining: list[Finding]  # findings still there (see each function for whose offsets)


def apply_fixes(source: str, findings: list[Finding], *, unsafe: bool = False) -> FixOutcome:
    """One pass over `findings` (as linted from `source`).

    `remaining` holds the findings not fixed in this pass, with offsets into `source`.
    """
    chosen: list[tuple[Finding, tuple[Edit, ...]]] = []
    taken: list[Edit] = []
    duplicates: list[tuple[Finding, tuple[Edit, ...]]] = []  # the very edits of a fix already chosen
    for finding in sorted(_candidates(source, findings, unsafe), key=_position):
        edits = _effective(source, finding)
        if not edits:
            continue
        if all(e in taken for e in edits):
            duplicates.append((finding, edits))
        elif not any(conflicts(e, t) for e in edits for t in taken):
            chosen.append((finding, edits))
            taken.extend(edits)
    chosen = _parse_safe(source, chosen)
    final = {e for _, edits in chosen for e in edits}
    fixed = {id(f) for f, _ in chosen} | {id(f) for f, edits in duplicates if final.issuperset(edits)}
    return FixOutcome(apply_edits(source, final), len(fixed), [f for f in findings if id(f) not in fixed])


def fix_loop(source: str, lint_fn: Callable[[str], list[Finding]], *, unsafe: bool = False,
             max_passes: int = 10) -> FixOutcome:
    """Lint, fix, re-lint... until a pass changes nothing (or `max_passes`).

    `remaining` is the last lint of the returned text, so its offsets are into `text`.
    """
    text, applied = source, 0
    findings = lint_fn(text)
    # How often each fix may still apply: as often as it was first offered. A fix that comes
    # back after it was applied did not clear its finding (a rule bug): it is not applied again,
    # so the text cannot grow pass after pass.
    budget: Counter[tuple[object, ...]] = Counter()
    for _ in range(max_passes):
        offered = Counter(_key(f) for f in findings if f.fix is not None)
        for key, n in offered.items():
            budget.setdefault(key, n)
        allowed = Counter(budget)
        usable = [f for f in findings if f.fix is None or _take(allowed, _key(f))]
        outcome = apply_fixes(text, usable, unsafe=unsafe)
        if outcome.text == text:
            break
        left = {id(f) for f in outcome.remaining}
        budget.subtract(_key(f) for f in usable if f.fix is not None and id(f) not in left)
        text, applied = outcome.text, applied + outcome.applied
        findings = lint_fn(text)
    return FixOutcome(text, applied, findings)


def _key(f: Finding) -> tuple[object, ...]:
    assert f.fix is not None
    return (f.rule.code, f.fix.title, tuple(e.text for e in f.fix.edits))


def _take(allowed: Counter[tuple[object, ...]], key: tuple[object, ...]) -> bool:
    if allowed[key] <= 0:
        return False
    allowed[key] -= 1
    return True


def _candidates(source: str, findings: list[Finding], unsafe: bool) -> list[Finding]:
    out = []
    for f in findings:
        if f.fix is None or not f.fix.edits or not (f.fix.safe or unsafe):
            continue
        if valid(source, f.fix.edits):  # a malformed fix is a rule bug: never half-apply it
            out.append(f)
    return out


def _position(f: Finding) -> tuple[int, int, str]:
    assert f.fix is not None
    edits = f.fix.edits
    return (min(e.start for e in edits), max(e.end for e in edits), f.rule.code)


def _effective(source: str, f: Finding) -> tuple[Edit, ...]:
    """The fix's edits that change something, newlines written in the file's own line ending."""
    assert f.fix is not None
    out = []
    for e in f.fix.edits:
        text = match_line_endings(source, e.text, e.start)
        if source[e.start:e.end] != text:
            out.append(Edit(e.start, e.end, text))
    return tuple(out)


def _parse_safe(source: str, chosen: list[tuple[Finding, tuple[Edit, ...]]]) -> list[tuple[Finding, tuple[Edit, ...]]]:
    """The chosen fixes minus any that would break the parse; one parse when all is well."""
    if not chosen:
        return chosen
    before = parse(source)
    spans = [ins.span for ins in before.instructions]
    issues = Counter(i.message for i in before.issues)

    def ok(subset: list[tuple[Finding, tuple[Edit, ...]]]) -> bool:
        edits = [e for _, fix in subset for e in fix]
        after = parse(apply_edits(source, edits))
        deleted = sum(any(e.start <= s.start and s.end <= e.end for e in edits) for s in spans)
        written = sum(len(parse(e.text).instructions) for e in edits if "\n" in e.text)  # whole new lines
        return (len(spans) - deleted <= len(after.instructions) <= len(spans) + written
                and not Counter(i.message for i in after.issues) - issues)

    if ok(chosen):
        return chosen
    kept: list[tuple[Finding, tuple[Edit, ...]]] = []
    for item in chosen:  # find the culprits, keeping every fix that is fine with those before it
        if ok(kept + [item]):
            kept.append(item)
    return kept
