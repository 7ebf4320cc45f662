"""User rules added with the Dockerfile-level families: numeric-user (DKL302)."""
from __future__ import annotations

import pytest

from tests.rules.helpers import finds

CASES = [
    ("name", "FROM a:1\nUSER app\n", ["2:6-2:9"]),
    ("name-with-group", "FROM a:1\nUSER app:app\n", ["2:6-2:9"]),
    ("numeric", "FROM a:1\nUSER 1000\n", []),
    ("numeric-with-named-group", "FROM a:1\nUSER 1000:staff\n", []),
    ("root-is-missing-users", "FROM a:1\nUSER root\n", []),
    ("only-last-counts", "FROM a:1\nUSER app\nRUN make\nUSER 1000\n", []),
    ("builder-stage-ignored", "FROM a:1 AS b\nUSER builder\nFROM c:1\nUSER 1000\n", []),
    ("inherited-from-stage", "FROM a:1 AS b\nUSER app\nFROM b\nRUN ls\n", ["2:6-2:9"]),
    ("arg-numeric", "FROM a:1\nARG UID=1001\nUSER $UID\n", []),
    ("arg-name", "FROM a:1\nARG U=app\nUSER $U\n", ["3:6-3:8"]),
    ("arg-unknown", "FROM a:1\nARG UID\nUSER $UID\n", []),
    ("lowercase-keyword-crlf", "from a:1\r\nuser app\r\n", ["2:6-2:9"]),
    ("no-user", "FROM a:1\n", []),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_numeric_user(source: str, expected: list[str]) -> None:
    assert finds(source, "DKL302") == [("DKL302", span) for span in expected]
