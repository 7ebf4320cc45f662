"""The .dockerignore matcher against Docker's own semantics (moby/patternmatcher)."""
from __future__ import annotations

import pytest

from dockerlint.semantics.dockerignore import BadPattern, DockerIgnore, clean, ignore_file, load

CASES = [
    # (ignore file, path, ignored?)
    ("*", "main.go", True),
    ("*", "src/main.go", True),  # the parent `src` matches
    ("*.go", "main.go", True),
    ("*.go", "src/main.go", False),  # `*` stays inside one segment
    ("**/*.go", "src/pkg/main.go", True),
    ("**/*.go", "main.go", True),
    ("**", "anything/at/all", True),
    ("**/", "file", True),
    ("dir/**", "dir/a/b", True),
    ("dir/**", "dir", False),
    ("**/secret", "secret", True),
    ("**/secret", "a/b/secret", True),
    ("**/secret", "notsecret", False),
    ("**secret", "topsecret", True),  # a leading `**` is a plain suffix match in Docker
    ("a/**/b", "a/b", True),
    ("a/**/b", "a/x/y/b", True),
    ("a?c", "abc", True),
    ("a?c", "a/c", False),
    ("a[b-d]e", "ace", True),
    ("a[^b]e", "abe", False),
    ("a[^b]e", "ace", True),
    ("node_modules", "node_modules/pkg/index.js", True),
    ("/build", "build/out.bin", True),  # a leading slash is dropped
    ("./foo/../bar", "bar", True),  # patterns are cleaned
    ("bar/", "bar/x", True),
    ("*.md\n!README.md", "README.md", False),
    ("*.md\n!README.md", "CHANGES.md", True),
    ("*.md\n!README*.md\nREADME-secret.md", "README-secret.md", True),  # the last match wins
    ("!keep\n*", "keep", True),  # an exception before any match undoes nothing
    ("docs\n!docs/api", "docs/api/x.md", False),
    ("# comment\nfoo", "foo", True),
    ("#foo", "#foo", False),  # a comment, not a pattern
    (" # x", "# x", True),  # only a line *starting* with # is a comment
    ("\ufeffsecret", "secret", True),  # BOM dropped
    ("  spaced  \n", "spaced", True),
    ("\\*.txt", "*.txt", True),
    ("\\*.txt", "a.txt", False),
    ("file.(1)", "file.(1)", True),  # regexp characters are literal
    ("a+b", "aab", False),
    ("", "anything", False),
    (".git\n.env", ".git/HEAD", True),
    (".git\n.env", ".envrc", False),
    ("*.pem", "key.pem", True),
    ("arr[[]0].txt", "arr[0].txt", True),  # `[` in a class is literal (and no FutureWarning from `re`)
    ("arr[[]0].txt", "arr0.txt", False),
]


@pytest.mark.parametrize(("text", "path", "expected"), CASES)
def test_matching(text: str, path: str, expected: bool) -> None:
    assert DockerIgnore.parse(text).ignores(path) is expected


@pytest.mark.parametrize(("path", "cleaned"), [
    ("", "."), ("a//b", "a/b"), ("./a/./b/", "a/b"), ("a/../../b", "../b"), ("/../a", "/a"), ("//a", "/a"),
])
def test_clean_is_go_path_clean(path: str, cleaned: str) -> None:
    assert clean(path) == cleaned


@pytest.mark.parametrize("text", ["[", "a[b", "!", "x\\", "[]a]"])
def test_bad_patterns_are_refused(text: str) -> None:
    with pytest.raises(BadPattern):
        DockerIgnore.parse(text)


def test_exceptions_are_noticed() -> None:
    assert DockerIgnore.parse("*\n!src").has_exceptions
    assert not DockerIgnore.parse("*.log").has_exceptions


def test_dockerfile_specific_ignore_file_wins(tmp_path) -> None:
    (tmp_path / ".dockerignore").write_text("a\n")
    (tmp_path / "api.Dockerfile.dockerignore").write_text("b\n")
    assert ignore_file(tmp_path, "api.Dockerfile") == tmp_path / "api.Dockerfile.dockerignore"
    assert ignore_file(tmp_path, "Dockerfile") == tmp_path / ".dockerignore"
    specific = load(tmp_path, "api.Dockerfile")
    assert specific is not None and specific.ignores("b") and not specific.ignores("a")


def test_load_without_and_with_a_broken_file(tmp_path) -> None:
    empty = load(tmp_path, "Dockerfile")
    assert empty is not None and not empty.patterns and not empty.ignores("x")
    (tmp_path / ".dockerignore").write_text("[oops\n")
    assert load(tmp_path, "Dockerfile") is None
