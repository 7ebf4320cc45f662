"""The hooks in .pre-commit-hooks.yaml, driven by the real `pre-commit try-repo`.

`try-repo` on a local path only picks up tracked files (its shadow commit runs
`git add -u`), so the working tree is copied to a fresh repository and committed
there. Each `try-repo` pip-installs that copy into a new environment of its own
(this needs PyPI, and PRE_COMMIT_HOME does not cache it), so the hooks are tried
together, twice: once on a bad Dockerfile, once on the result.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from dockerlint.discovery import NOT_DOCKERFILE_SUFFIXES, is_dockerfile_name

REPO = Path(__file__).resolve().parents[2]
HOOKS = ("dockerlint", "dockerlint-fix", "dockerlint-format")


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.name=dockerlint tests", "-c", "user.email=tests@dockerlint.invalid",
                    "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, check=True, capture_output=True)


def _working_tree() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=REPO, check=True, capture_output=True).stdout.decode()
    # The editor extensions are not part of the Python package.
    return [p for p in listed.split("\0") if p and not p.startswith("editors/") and (REPO / p).is_file()]


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A committed copy of this working tree, and the environment pre-commit runs in."""
    root = tmp_path_factory.mktemp("hooks")
    repo = root / "dockerlint"
    for rel in _working_tree():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, repo / rel)
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "working tree", cwd=repo)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "DOCKERLINT_", "HADOLINT_"))}
    env["PRE_COMMIT_HOME"] = str(root / "cache")
    env["NO_COLOR"] = "1"
    return repo, env


def _try(hooks_repo: tuple[Path, dict[str, str]], project: Path) -> subprocess.CompletedProcess[str]:
    """Every hook of the repository on ./Dockerfile (each try-repo installs afresh: keep these few)."""
    repo, env = hooks_repo
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(repo), "--files", "Dockerfile"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


def _hooks() -> list[dict]:
    return yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_hooks_file_declares_the_three_hooks() -> None:
    assert tuple(h["id"] for h in _hooks()) == HOOKS
    assert all(h["language"] == "python" for h in _hooks())


NAMES = [
    ("Dockerfile", True), ("app/Dockerfile", True), ("Dockerfile.dev", True), ("web.Dockerfile", True),
    ("web.dockerfile", True), ("Containerfile", True), ("ci/Containerfile.arm64", True), ("Dockerfile.ubi8", True),
    ("Dockerfile.dockerignore", False), ("web.Dockerfile.dockerignore", False), ("Dockerfiles/x", False),
    ("MyDockerfile", False), ("README.md", False), ("Dockerfile.j2", False), ("Dockerfile.JINJA2", False),
    ("docs/Dockerfile.md", False), ("Dockerfile.py", False), ("Dockerfile.bak", False), ("Dockerfile~", False),
    ("Dockerfile.template", False), ("web.Dockerfile.tmpl", False), ("Containerfile.in", False),
] + [(f"Dockerfile{suffix}", False) for suffix in NOT_DOCKERFILE_SUFFIXES]


@pytest.mark.parametrize("path, matched", NAMES)
def test_hooks_and_discovery_agree_on_dockerfile_names(path: str, matched: bool) -> None:
    assert is_dockerfile_name(path.rsplit("/", 1)[-1]) is matched
    for hook in _hooks():
        assert (re.search(hook["files"], path) is not None and re.search(hook["exclude"], path) is None) is matched


def test_hooks_exclude_what_discovery_skips() -> None:
    written = "(?i)(" + "|".join(re.escape(s) for s in NOT_DOCKERFILE_SUFFIXES) + ")$"
    assert {h["exclude"] for h in _hooks()} == {written}
    assert all("--force-exclude" in h["entry"] for h in _hooks())


# CRLF on purpose: the hooks rewrite the file and must keep its line endings.
BAD = ("from debian:12.8-slim as build\r\nADD app.txt /app.txt\r\nrun  echo building &&\\\r\n  echo ok  \r\n"
       "user 10001:10001")
FIXED = ("FROM debian:12.8-slim AS build\r\nCOPY app.txt /app.txt\r\nRUN echo building && \\\r\n    echo ok\r\n"
         "USER 10001:10001\r\n")


@pytest.mark.slow  # two pip installs from PyPI: about 70 s
def test_hooks_fail_with_our_findings_then_pass_once_fixed(hooks_repo: tuple[Path, dict[str, str]],
                                                          tmp_path: Path) -> None:
    _git("init", "-q", cwd=tmp_path)
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_bytes(BAD.encode())
    (tmp_path / "app.txt").write_text("hello\n")  # in the context, and no archive: ADD -> COPY is safe
    _git("add", "Dockerfile", "app.txt", cwd=tmp_path)  # pre-commit sees a hook's rewrite as a diff to the index
    first = _try(hooks_repo, tmp_path)
    report = first.stdout + first.stderr
    assert first.returncode == 1, report
    assert re.search(r"^dockerlint\.+Failed$", first.stdout, re.M), report
    assert "Dockerfile:2:1: DKL404 add-instead-of-copy" in first.stdout
    assert re.search(r"^dockerlint \(fix\)\.+Failed$", first.stdout, re.M), report
    assert re.search(r"^dockerlint \(format\)\.+Failed$", first.stdout, re.M), report
    assert first.stdout.count("- files were modified by this hook") == 2, report
    assert dockerfile.read_bytes() == FIXED.encode()

    second = _try(hooks_repo, tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    assert len(re.findall(r"\.+Passed$", second.stdout, re.M)) == 3, second.stdout
