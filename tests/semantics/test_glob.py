"""The glob matcher behind .dockerignore, .gitignore and per-file-ignores: both dialects, and time
linear in the path even for the patterns that make a backtracking matcher run for minutes."""
from __future__ import annotations

import time

import pytest

from dockerlint.glob import GlobError, compile_glob


@pytest.mark.parametrize("pattern, dialect, path, expected", [
    ("*.go", "docker", "main.go", True),
    ("*.go", "docker", "src/main.go", False),
    ("a/**/b", "docker", "a/b", True),
    ("a/**/b", "docker", "a/x/y/b", True),
    ("a**b", "docker", "a/x/b", True),  # patternmatcher: `**` spans directories wherever it stands
    ("a**b", "git", "a/x/b", False),  # git: inside a name it is `*`
    ("a**b", "git", "axxb", True),
    ("a/**", "git", "a/x/y", True),
    ("**/x", "git", "x", True),
    ("[!a]b", "git", "cb", True),  # git negates with `!` too
    ("[!a]b", "docker", "!b", True),  # Go does not: `!` is a member
    ("[]a]", "git", "]", True),  # git: a leading `]` is a member
    ("[a-c]", "git", "/", False),
    ("[^a]", "docker", "/", True),  # a Go regexp class matches `/`
    ("?", "git", "/", False),
    ("\\*", "git", "*", True),
    ("\\*", "git", "a", False),
])
def test_dialects(pattern: str, dialect, path: str, expected: bool) -> None:
    assert compile_glob(pattern, dialect).match(path) is expected


@pytest.mark.parametrize("pattern, problem", [
    ("[z-a]", "the range `z-a` is out of order"), ("[]", "`[]` is an empty character class"),
    ("a[bc", "`[` is never closed by `]`"), ("a\\", "escapes nothing"), ("[-a]", "between two characters"),
])
def test_bad_docker_patterns_are_errors(pattern: str, problem: str) -> None:
    with pytest.raises(GlobError, match="bad pattern") as caught:
        compile_glob(pattern, "docker")
    assert problem in caught.value.problem


@pytest.mark.parametrize("pattern", ["[z-a]", "[]", "a[bc", "[a-"])
def test_a_broken_git_pattern_matches_nothing_unless_strict(pattern: str) -> None:
    assert not compile_glob(pattern, "git", strict=False).match(pattern)
    with pytest.raises(GlobError):
        compile_glob(pattern, "git")


@pytest.mark.parametrize("dialect", ["docker", "git"])
@pytest.mark.parametrize("pattern, miss, hit", [
    ("*a" * 40 + "*c", "a" * 20_000, "a" * 20_000 + "c"),  # `[^/]*a[^/]*a…c`: backtracking tries ~n^40 splits
    ("**/" * 40 + "x", "a/" * 10_000 + "y", "a/" * 10_000 + "x"),
    ("*" * 199 + "b", "a" * 20_000, "a" * 20_000 + "b"),
])
def test_hostile_patterns_take_linear_time(dialect, pattern: str, miss: str, hit: str) -> None:
    glob = compile_glob(pattern, dialect)
    start = time.perf_counter()
    assert not glob.match(miss) and glob.match(hit)
    assert time.perf_counter() - start < 5  # about 0.1 s; the old regexes ran for minutes
