"""Exit status: 0 clean, 1 findings at or above the threshold, 2 usage or config error, 3 internal error."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.cli.helpers import CLEAN, WARNS, dockerlint, write

INFO_ONLY = "FROM debian:12.8-slim\nUSER app\n"  # numeric-user: info


@pytest.mark.parametrize("source, args, status", [
    (CLEAN, [], 0),
    (WARNS, [], 1),
    (INFO_ONLY, [], 1),  # default threshold: style, any finding fails
    (INFO_ONLY, ["--failure-threshold", "warning"], 0),
    (WARNS, ["--failure-threshold", "warning"], 1),
    (WARNS, ["-t", "error"], 0),
    (WARNS, ["--no-fail"], 0),
    (WARNS, ["--severity", "DL3006=error", "--ignore", "DKL301", "-t", "error"], 1),
    (WARNS, ["--severity", "untagged-from=off", "--severity", "DKL301=off"], 0),
    (WARNS, ["--select", "DKL2"], 0),
])
def test_findings_and_threshold(tmp_path: Path, source: str, args: list[str], status: int) -> None:
    write(tmp_path, {"Dockerfile": source})
    result = dockerlint(*args, "Dockerfile", cwd=tmp_path)
    assert result.returncode == status, result.stdout + result.stderr


@pytest.mark.parametrize("args, message", [
    (["--bogus"], "unrecognized arguments: --bogus"),
    (["missing/Dockerfile"], "missing/Dockerfile: no such file or directory"),
    (["--format", "xml", "Dockerfile"], "invalid choice: 'xml'"),
    (["--select", "DL9999x", "Dockerfile"], "--select: unknown rule `DL9999x`"),
    (["--severity", "DL3006", "Dockerfile"], "--severity expects KEY=VALUE"),
    (["--severity", "DL3006=loud", "Dockerfile"], "`loud` is not one of"),
    (["--require-label", "version:number", "Dockerfile"], "`number` is not one of"),
    (["--jobs", "-1", "Dockerfile"], "--jobs"),
    (["--config", "nowhere.toml", "Dockerfile"], "--config nowhere.toml: no such file"),
    (["-", "-"], "only once"),
])
def test_usage_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    write(tmp_path, {"Dockerfile": CLEAN})
    result = dockerlint(*args, cwd=tmp_path, stdin="")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("dockerlint: error: ")
    assert message in result.stderr


CRASH_DRIVER = """
import sys
from dockerlint.rules import registry
def boom(node, ctx):
    raise RuntimeError("kaboom")
registry.resolve("DKL101").check = boom
from dockerlint.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_crashing_rule_exits_3_with_a_bug_report_request(tmp_path: Path) -> None:
    import subprocess

    write(tmp_path, {"Dockerfile": WARNS})
    proc = subprocess.run([sys.executable, "-c", CRASH_DRIVER, "-f", "json", "Dockerfile"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3
    assert '"DKL301"' in proc.stdout  # the other rules still report
    assert "rule DKL101 (untagged-from) failed on Dockerfile: RuntimeError: kaboom" in proc.stderr
    assert "Please report it at https://" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_version_and_help(tmp_path: Path) -> None:
    from dockerlint import __version__

    version = dockerlint("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"dockerlint {__version__}"
    helptext = dockerlint("--help", cwd=tmp_path)
    assert helptext.returncode == 0
    for words in ("examples:", "--fix", "--format", "Exit status", "format --check", "rule DL3006", ".hadolint.yaml"):
        assert words in helptext.stdout


def test_notices_are_printed_once_per_run(tmp_path, monkeypatch) -> None:
    """A notice (here: ShellCheck missing) is told once on stderr, however many files say it."""
    import subprocess
    import sys

    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "Dockerfile").write_text("FROM alpine:3.22\nRUN echo $HOME\nUSER nobody\n")
    env = {"PATH": "/nonexistent", "HOME": str(tmp_path)}
    code = ("import sys; from dockerlint.rules.shellcheck import _runner; _runner.executable = lambda: None; "
            "from dockerlint.cli import main; sys.exit(main(sys.argv[1:]))")
    out = subprocess.run([sys.executable, "-c", code, "--no-fail", "-j", "1", str(tmp_path)],
                         capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stderr.count("shellcheck is not installed") == 1, out.stderr
