"""Access to the shared Dockerfile corpus (../shared/corpus, or $DOCKERLINT_CORPUS)."""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

CORPUS = Path(os.environ.get("DOCKERLINT_CORPUS", Path(__file__).resolve().parents[1].parent / "shared" / "corpus"))


def entries() -> list[dict[str, str]]:
    with open(CORPUS / "MANIFEST.tsv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def source(path: str) -> str:
    return (CORPUS / path).read_bytes().decode("utf-8", "surrogateescape")


def expected(path: str) -> object:
    return json.loads((CORPUS / "expected" / (path + ".json")).read_text(encoding="utf-8"))
