"""Test data kept outside the repository, in ../shared (or where an environment variable says).

A fresh clone has no ../shared: the tests that need it skip, naming the variable to set, so the
rest of the suite (and the editor tests after it) still run. Under CI (`CI=true`) the data is part
of the set-up, and its absence is a failure of each test that needs it.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def location(variable: str, default: str) -> Path:
    """Where the shared data named `default` is: $variable, else ../shared/default."""
    return Path(os.environ.get(variable) or SHARED / default)


def require(path: Path, variable: str) -> None:
    """Skip the calling test when `path` is missing (fail it under CI), naming `variable`."""
    if path.exists():
        return
    message = f"{path} not found: set {variable} to the directory that holds it"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)
