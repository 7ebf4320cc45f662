"""Without ../shared (a fresh clone) the tests that need it skip, naming the variable; under CI they fail."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NEEDS_CORPUS = ("tests/syntax/test_conformance.py::test_corpus_is_complete",
                "tests/fix/test_formatter.py::test_corpus_is_formatted_at_all",
                "tests/test_reuse.py::test_random_edits_of_real_dockerfiles")


def _pytest(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["DOCKERLINT_CORPUS"] = str(tmp_path / "no-corpus")
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *NEEDS_CORPUS],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("ci", [None, "false"])
def test_a_missing_corpus_skips_with_the_variable_to_set(tmp_path: Path, ci: str | None) -> None:
    proc = _pytest(tmp_path, ci)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 skipped" in proc.stdout and "SKIPPED [3]" in proc.stdout and "set DOCKERLINT_CORPUS" in proc.stdout, proc.stdout


def test_a_missing_corpus_fails_under_ci(tmp_path: Path) -> None:
    proc = _pytest(tmp_path, "true")
    assert proc.returncode == 1 and "3 failed" in proc.stdout, proc.stdout + proc.stderr
    assert "set DOCKERLINT_CORPUS" in proc.stdout
