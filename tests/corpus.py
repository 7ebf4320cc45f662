"""Access to the shared Dockerfile corpus (../shared/corpus, or $DOCKERLINT_CORPUS)."""
from __future__ import annotations

import csv
import json

from tests.shared import location, require

CORPUS = location("DOCKERLINT_CORPUS", "corpus")
MANIFEST = CORPUS / "MANIFEST.tsv"


def entries() -> list[dict[str, str]]:
    """The corpus manifest; skips the calling test without the corpus (fails it under CI)."""
    require(MANIFEST, "DOCKERLINT_CORPUS")
    return _rows()


def paths() -> list[str]:
    """Every corpus path, for parametrizing at collection; empty without the corpus, where the
    module's tests that call `entries()` report its absence."""
    return [row["path"] for row in _rows()] if MANIFEST.is_file() else []


def _rows() -> list[dict[str, str]]:
    with open(MANIFEST, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def source(path: str) -> str:
    return (CORPUS / path).read_bytes().decode("utf-8", "surrogateescape")


def expected(path: str) -> object:
    return json.loads((CORPUS / "expected" / (path + ".json")).read_text(encoding="utf-8"))
