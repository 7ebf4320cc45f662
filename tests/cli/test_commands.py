"""`dockerlint format`, `dockerlint rules` and `dockerlint rule`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import dockerlint, write

UGLY = "from debian:12.8-slim\nrun  apt-get update &&\\\n  apt-get install -y curl\n"
PRETTY = "FROM debian:12.8-slim\nRUN apt-get update && \\\n    apt-get install -y curl\n"


def test_format_rewrites_in_place(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": UGLY, "ok/Dockerfile": PRETTY})
    result = dockerlint("format", ".", cwd=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "Dockerfile").read_text() == PRETTY
    assert result.stderr == "1 file reformatted, 1 file left unchanged\n"
    assert dockerlint("format", "--check", ".", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("args, status, stdout", [
    (["--check"], 1, "Would reformat: Dockerfile\n"),
    (["--diff"], 1, "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n-from debian:12.8-slim\n"
                    "-run  apt-get update &&\\\n-  apt-get install -y curl\n+FROM debian:12.8-slim\n"
                    "+RUN apt-get update && \\\n+    apt-get install -y curl\n"),
])
def test_format_check_and_diff_write_nothing(tmp_path: Path, args: list[str], status: int, stdout: str) -> None:
    write(tmp_path, {"Dockerfile": UGLY})
    result = dockerlint("format", *args, "Dockerfile", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (status, stdout)
    assert (tmp_path / "Dockerfile").read_text() == UGLY


@pytest.mark.parametrize("data, expected", [
    (UGLY.encode(), PRETTY.encode()),
    (b"\xef\xbb\xbf" + UGLY.replace("\n", "\r\n").encode(), b"\xef\xbb\xbf" + PRETTY.replace("\n", "\r\n").encode()),
    (PRETTY.encode(), PRETTY.encode()),
])
def test_format_stdin(tmp_path: Path, data: bytes, expected: bytes) -> None:
    result = dockerlint("format", "-", cwd=tmp_path, stdin=data)
    assert result.returncode == 0 and result.stdout.encode() == expected
    check = dockerlint("format", "--check", "--stdin-filename", "x/Dockerfile", cwd=tmp_path, stdin=data)
    assert check.returncode == (0 if data == expected else 1)


def test_format_usage_errors(tmp_path: Path) -> None:
    result = dockerlint("format", "missing", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr == "dockerlint: error: missing: no such file or directory\n"


def test_rules_table_and_json(tmp_path: Path) -> None:
    table = dockerlint("rules", cwd=tmp_path).stdout.splitlines()
    assert table[0].split() == ["CODE", "NAME", "SEVERITY", "ALIASES", "FIX"]
    assert any(line.split()[:3] == ["DKL101", "untagged-from", "warning"] for line in table)
    rules = json.loads(dockerlint("rules", "--format", "json", cwd=tmp_path).stdout)
    untagged = next(r for r in rules if r["code"] == "DKL101")
    assert untagged["aliases"] == ["DL3006", "CKV_DOCKER_7"] and untagged["url"].endswith("#dkl101-untagged-from")
    assert len(rules) == len(table) - 1


@pytest.mark.parametrize("name", ["DKL101", "untagged-from", "dl3006"])
def test_rule_explains_by_code_name_or_alias(tmp_path: Path, name: str) -> None:
    result = dockerlint("rule", name, cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("# DKL101 untagged-from\n") and "**Bad:**" in result.stdout


def test_unknown_rule_suggests(tmp_path: Path) -> None:
    result = dockerlint("rule", "untaged-from", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "dockerlint: error: unknown rule `untaged-from` (did you mean `untagged-from`?)\n"


@pytest.mark.parametrize("command", ["format", "rules", "rule", "check", "lsp", "parse"])
def test_subcommand_help(tmp_path: Path, command: str) -> None:
    result = dockerlint(command, "--help", cwd=tmp_path)
    assert result.returncode == 0 and "usage: dockerlint" in result.stdout
