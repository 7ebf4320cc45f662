"""Diagnostics as JSON text: kept across versions, they must equal the text made from scratch."""
from __future__ import annotations

import json

import pytest

from dockerlint.engine import lint
from dockerlint.reuse import Reuse
from dockerlint.server import diagnostic_json
from dockerlint.server.diagnostic_json import DiagnosticJson
from dockerlint.server.positions import PositionMap
from dockerlint.settings import Settings
from dockerlint.syntax.incremental import reparse
from dockerlint.syntax.parser import parse
from tests.random_edits import sessions

SETTINGS = Settings(shellcheck=False)
URI = "file:///work/Dockerfile"


def _fresh(text: str, encoding: str, version: int) -> list[object]:
    positions = PositionMap(text, encoding)
    return [json.loads(DiagnosticJson(URI).encode(f, positions, version))
            for f in lint(text, settings=SETTINGS).findings]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
def test_random_edits_of_real_dockerfiles(encoding: str) -> None:
    """Corpus files edited as an editor would (CRLF, tabs, heredocs, non-ASCII text among
    them), each version's diagnostics encoded with the texts kept from the previous ones."""
    kept_texts = 0
    for path, versions in sessions(seed=1127, files=60, edits=10):
        reuse, texts = Reuse(), DiagnosticJson(URI)
        df = None
        for version, text in enumerate(versions, 1):
            df = parse(text) if df is None else reparse(df, text)
            positions = PositionMap(text, encoding)
            findings = lint(text, settings=SETTINGS, dockerfile=df, reuse=reuse).findings
            got = [json.loads(texts.encode(f, positions, version)) for f in findings]
            assert got == _fresh(text, encoding, version), (path, version)
            kept_texts += sum(f.origin is not None for f in findings)
    assert kept_texts > 2_000  # most findings came with an origin: the kept path was taken


def test_an_edit_writes_only_the_changed_instructions_diagnostics(monkeypatch) -> None:
    text = "FROM ubuntu\n" + "".join(f"RUN apt-get install curl{i}\n" for i in range(30))
    reuse, texts = Reuse(), DiagnosticJson(URI)
    made: list[int] = []
    real = diagnostic_json.template
    monkeypatch.setattr(diagnostic_json, "template", lambda f, *a: made.append(f.span.start) or real(f, *a))

    def encode(source: str, version: int) -> list[dict]:
        positions = PositionMap(source)
        return [json.loads(texts.encode(f, positions, version))
                for f in lint(source, settings=SETTINGS, reuse=reuse).findings]

    first = encode(text, 1)
    assert len(made) == len(first) > 60
    encode(text.replace("curl0", "curl00"), 2)  # the texts are kept once the document is edited
    made.clear()
    # A line break typed into line 3 moves every diagnostic below it down a line.
    edited = text.replace("curl2\n", "curl2\n\n", 1)
    second = encode(edited, 3)
    # only the findings of file-level rules (consecutive-run's 29, missing-user), and of the RUN
    # edited back (its record is new), not the other 29 RUNs' 87
    assert len(made) == 30 + 3
    assert second == _fresh(edited, "utf-16", 3)
    lines = {d["range"]["start"]["line"] for d in second}
    assert 5 in lines and 4 not in lines  # curl3's line, and the blank line typed before it
    assert {d["data"]["version"] for d in second if "data" in d} == {3}


def test_the_same_instruction_twice_renders_at_each_place() -> None:
    """Identical instructions in identical context share one record: each is rendered at its own line."""
    text = "FROM ubuntu\nRUN apt-get install curl\nRUN apt-get install curl\n"
    reuse, texts = Reuse(), DiagnosticJson(URI)
    lint(text, settings=SETTINGS, reuse=reuse)
    edited = "# top\n" + text + "CMD app\n"  # the stage changed: its instructions are looked up one by one
    positions = PositionMap(edited)
    findings = lint(edited, settings=SETTINGS, reuse=reuse).findings
    got = [json.loads(texts.encode(f, positions, 3)) for f in findings]
    assert got == _fresh(edited, "utf-16", 3)
    by_origin: dict[int, list[int]] = {}
    for f, d in zip(findings, got):
        if f.origin is not None:
            by_origin.setdefault(id(f.origin), []).append(d["range"]["start"]["line"])
    assert [2, 3] in by_origin.values()  # one record, rendered on both lines


def test_percent_signs_in_messages_and_fixes_are_kept() -> None:
    """The kept text is a %-format: a `%` written by a rule must come out as it is."""
    from dockerlint.rules.api import Edit, Finding, Fix
    from dockerlint.rules.registry import all_rules
    from dockerlint.syntax.span import Span

    text = "FROM ubuntu\nRUN echo 100%s\n"
    meta = all_rules()[0]
    entry = object()
    finding = Finding(meta, Span(21, 26), "100% of `%s` and %d", Fix("Write %%", (Edit(21, 26, "50%"),)),
                      origin=entry, anchor=12)
    got = json.loads(DiagnosticJson(URI).encode(finding, PositionMap(text), 7))
    assert got["message"] == "100% of `%s` and %d"
    assert got["data"]["fix"]["title"] == "Write %%"
    assert got["data"]["fix"]["edits"][0]["newText"] == "50%"
    assert got["data"]["version"] == 7 and got["range"]["start"] == {"line": 1, "character": 9}
