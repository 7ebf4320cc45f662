"""Every corpus file parses exactly as BuildKit's parser does (v0.12.5, see the corpus README)."""
from __future__ import annotations

import pytest

from dockerlint.syntax.buildkit import document
from dockerlint.syntax.parser import parse
from tests import corpus

FIELDS = ("cmd", "sub_cmd", "json", "flags", "value", "start_line", "end_line")


def _reference(instruction: dict) -> dict:
    out = {k: instruction[k] for k in FIELDS}
    out["heredocs"] = [{"name": h["name"], "content": h["content"]} for h in instruction["heredocs"]]
    return out


@pytest.mark.parametrize("path", corpus.paths())
def test_file_matches_buildkit(path: str) -> None:
    expected = corpus.expected(path)
    got = document(parse(corpus.source(path)))
    if isinstance(expected, dict):
        assert "errors" in got, f"BuildKit rejects this file ({expected['error']}); we accepted it"
        for error in got["errors"]:
            assert error["line"] >= 1 and error["column"] >= 1 and error["message"]
        return
    assert "errors" not in got, got.get("errors")
    assert got["instructions"] == [_reference(i) for i in expected]


def test_corpus_is_complete() -> None:
    entries = corpus.entries()
    assert len(entries) >= 1000
    assert sum(e["parser"] == "error" for e in entries) == 6
