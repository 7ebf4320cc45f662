"""The ShellCheck pass-through (DKL900) and SC-code selectors."""
from __future__ import annotations

import json

import pytest

from dockerlint.rules.shellcheck import _runner
from dockerlint.settings import Settings
from tests.rules.helpers import run

needs_shellcheck = pytest.mark.skipif(_runner.executable() is None, reason="shellcheck is not installed")
F = "FROM debian:12\n"


@pytest.fixture(autouse=True)
def _no_cached_results(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_runner, "_CACHE", {})


def sc(source: str, **settings: object) -> list[tuple[str, str, str]]:
    result = run(source, "DKL900", **settings)
    out = []
    for f in result.findings:
        a, b = result.lines.position(f.span.start), result.lines.position(f.span.end)
        out.append((f.sub_code, f"{a.line}:{a.column}-{b.line}:{b.column}", f.severity))
    return out


@needs_shellcheck
@pytest.mark.parametrize(("source", "expected"), [
    (F + "RUN echo $1\n", [("SC2086", "2:10-2:12", "info")]),
    # positions through continuations and heredocs; ARG/ENV names are declared
    (F + "ARG lower=1\nRUN true && \\\n    echo $lower $missing\n",
     [("SC2086", "4:17-4:25", "info"), ("SC2154", "4:17-4:25", "warning")]),
    # values are declared: quoting is judged on what the variable holds
    (F + "ARG unknown\nENV SPACED=\"a b\"\nRUN echo $unknown $SPACED\n", [("SC2086", "4:19-4:26", "info")]),
    (F + "RUN <<EOF\nset -e\necho $1\nEOF\n", [("SC2086", "4:6-4:8", "info")]),
    (F + "RUN <<EOF\n#!/bin/bash\necho $1\nEOF\n", [("SC2086", "4:6-4:8", "info")]),
    (F + "RUN [\"sh\", \"-c\", \"echo $1\"]\n", [("SC2086", "2:24-2:26", "info")]),
    # bash features: fine under a bash SHELL, reported under sh
    (F + "SHELL [\"/bin/bash\", \"-c\"]\nRUN [[ -f /x ]] && echo y\n", []),
    (F + "RUN [[ -f /x ]] && echo y\n", [("SC3010", "2:5-2:16", "warning")]),
    (F + "SHELL [\"powershell\", \"-Command\"]\nRUN echo $1\n", []),
    (F + "RUN . /etc/os-release && echo \"$ID\"\n", []),  # SC1091 is excluded
])
def test_findings(source: str, expected: list[tuple[str, str, str]]) -> None:
    assert sc(source) == expected


@needs_shellcheck
@pytest.mark.parametrize(("pragma", "settings", "expected"), [
    ("", {}, ["SC2086", "SC2070", "SC2086"]),
    ("# hadolint ignore=SC2086\n", {}, ["SC2070"]),
    ("# dockerlint ignore=SC2086,DL3059\n", {}, ["SC2070"]),
    ("# dockerlint global ignore=sc2086\n", {}, ["SC2070"]),
    ("# dockerlint ignore=shellcheck\n", {}, []),
    ("", {"ignore": ["SC2086"]}, ["SC2070"]),
    ("", {"per_file_ignores": {"*Dockerfile": ["SC2086"]}}, ["SC2070"]),
    ("", {"shellcheck": False}, []),
])
def test_sub_codes_are_suppressed_alone(pragma: str, settings: dict, expected: list[str]) -> None:
    result = run(F + pragma + "RUN echo $1 && [ -n $5 ]\n", "DKL900", path="Dockerfile", **settings)
    assert [f.sub_code for f in result.findings] == expected


@needs_shellcheck
def test_severity_of_a_sub_code_can_be_set() -> None:
    assert sc(F + "RUN echo $1\n", severity={"SC2086": "error"}) == [("SC2086", "2:10-2:12", "error")]
    assert sc(F + "RUN echo $1\n", severity={"shellcheck": "warning"}) == [("SC2086", "2:10-2:12", "warning")]


@needs_shellcheck
@pytest.mark.parametrize(("select", "extend", "expected"), [
    (["SC2086"], [], ["SC2086", "SC2086"]),
    (["sc2070", "DKL1"], [], ["SC2070"]),
    (["DKL1"], ["SC2070"], ["SC2070"]),
    (["SC2086", "shellcheck"], [], ["SC2086", "SC2070", "SC2086"]),
    (None, ["SC2086"], ["SC2086", "SC2070", "SC2086"]),  # every rule is selected already
])
def test_sub_codes_select_their_findings_alone(select: list[str] | None, extend: list[str], expected: list[str]) -> None:
    from dockerlint.engine import lint

    result = lint(F + "RUN echo $1 && [ -n $5 ]\n", settings=Settings(select=select, extend_select=extend))
    assert [f.sub_code for f in result.findings if f.rule.code == "DKL900"] == expected


def test_the_language_servers_shellcheck_share_keeps_the_sub_code_selection() -> None:
    from dockerlint.engine import selecting
    from dockerlint.rules.shellcheck.shellcheck import META

    assert selecting(Settings(select=["DKL1", "SC2086"]), META) == ["SC2086"]
    assert selecting(Settings(select=["SC2086", "DKL900"]), META) == ["DKL900"]
    assert selecting(Settings(), META) == ["DKL900"]


def test_a_sub_code_is_explained_by_its_rule(tmp_path) -> None:
    from tests.cli.helpers import dockerlint

    out = dockerlint("rule", "SC2086", cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.startswith("`SC2086` is a ShellCheck check, reported by DKL900 shellcheck")
    assert "https://www.shellcheck.net/wiki/SC2086" in out.stdout and "# DKL900 shellcheck" in out.stdout


def test_missing_executable_is_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_runner, "_executable", [None])
    result = run(F + "RUN echo $1\nRUN echo $2\n", "DKL900")
    assert result.findings == []
    assert len(result.notices) == 1 and "shellcheck is not installed" in result.notices[0]


def test_timeout_is_a_notice(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    slow = tmp_path / "shellcheck"
    slow.write_text("#!/bin/sh\nsleep 5\n")
    slow.chmod(0o755)
    monkeypatch.setattr(_runner, "_executable", [str(slow)])
    monkeypatch.setattr(_runner, "TIMEOUT", 0.2)
    result = run(F + "RUN echo $1\n", "DKL900")
    assert result.findings == [] and "took more than 0.2 s" in result.notices[0]


def test_sub_codes_are_known_selectors() -> None:
    from dockerlint.rules.registry import resolve_many

    assert resolve_many(["SC2086", "sc1000"]) == (set(), [])


@needs_shellcheck
def test_unchanged_scripts_are_not_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []
    real_start = _runner.start
    monkeypatch.setattr(_runner, "start", lambda jobs: started.append(len(jobs)) or real_start(jobs))
    first = "FROM debian:12\nRUN echo $A\nRUN echo $B\n"
    assert sc(first) == sc(first)
    edited = first.replace("$B", "$C")
    assert [f[0] for f in sc(edited)] == ["SC2086", "SC2086"]
    assert started == [2, 1]  # the second lint ran nothing; the edit re-checked one script


@needs_shellcheck
def test_a_script_being_checked_is_waited_for_not_checked_twice(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """The server lints each new version while the last one's shellcheck still runs: the
    scripts both need go to one process, and both lints report its findings."""
    import threading

    calls = tmp_path / "calls"
    slow = tmp_path / "shellcheck"
    slow.write_text("#!/bin/sh\nn=0\nfor a; do case $a in -|*.sh) n=$((n+1));; esac; done\n"
                    f"echo $n >> {calls}\nsleep 0.5\nexec {_runner.executable()} \"$@\"\n")
    slow.chmod(0o755)
    monkeypatch.setattr(_runner, "_executable", [str(slow)])
    monkeypatch.setattr(_runner, "_RUNNING", {})
    source = F + "RUN echo $1\nRUN echo $2\n"
    results: list[list[tuple[str, str, str]]] = []
    first = threading.Thread(target=lambda: results.append(sc(source)))
    first.start()
    while not _runner._RUNNING:  # the first lint has claimed its scripts
        first.join(0.01)
    edited = sc(source + "RUN echo $3\n")  # meanwhile: one new script, two being checked
    first.join()
    expected = [("SC2086", "2:10-2:12", "info"), ("SC2086", "3:10-3:12", "info")]
    assert results == [expected]
    assert edited == [*expected, ("SC2086", "4:10-4:12", "info")]
    assert sorted(calls.read_text().split()) == ["1", "2"]  # the first lint's two scripts; the edit's new one
    assert _runner._RUNNING == {}


@needs_shellcheck
def test_without_processes_only_what_shellcheck_said_before() -> None:
    """The language server's first lint of a version starts no process: it reports ShellCheck's
    findings on scripts already checked, and says when one is left unchecked."""
    from dockerlint.engine import lint

    text = F + "RUN echo $1\n"
    before = lint(text, processes=False)
    assert [f.sub_code for f in before.findings if f.sub_code] == [] and not before.complete
    assert [f.sub_code for f in lint(text).findings if f.sub_code] == ["SC2086"]
    after = lint(text, processes=False)
    assert [f.sub_code for f in after.findings if f.sub_code] == ["SC2086"] and after.complete
    assert not lint(text + "RUN echo $2\n", processes=False).complete


@needs_shellcheck
def test_findings_known_by_stage_follow_their_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without processes, a stage whose scripts were all checked keeps its findings by its
    key: they move with the stage, and an edited stage is looked at anew."""
    from dockerlint.engine import lint
    from dockerlint.reuse import Reuse
    from dockerlint.rules.shellcheck import shellcheck as rule

    monkeypatch.setattr(rule, "_BY_STAGE", {})
    text = F + "RUN echo $1\n" + F + "RUN echo $2 $3\n"
    lint(text)  # ShellCheck's process checks both scripts

    def known(source: str, reuse: Reuse, **settings: object) -> list[tuple[str | None, int, str]]:
        result = lint(source, reuse=reuse, processes=False, settings=Settings(**settings))
        return [(f.sub_code, f.span.start, f.severity) for f in result.findings if f.rule.code == "DKL900"]

    reuse = Reuse()
    first = known(text, reuse)
    assert [c for c, _, _ in first] == ["SC2086", "SC2086", "SC2086"] and len(rule._BY_STAGE) == 2
    moved = known("# top\n" + text, reuse)
    assert [(c, at - 6, sev) for c, at, sev in moved] == first
    assert known("# top\n" + text, reuse, severity={"SC2086": "error"}) == [(c, at + 6, "error") for c, at, _ in first]
    assert known("# top\n" + text, reuse) == moved  # the override did not stick to the shared findings
    edited = known("# top\n" + text.replace("$2 $3", "$2 $4"), reuse)
    assert len(edited) == 1  # the edited stage's script is new: left for ShellCheck's process


@needs_shellcheck
@pytest.mark.parametrize("runs", [1, 2], ids=["stdin", "files"])
def test_no_shellcheckrc_of_the_temporary_folder_or_home_applies(tmp_path, runs: int) -> None:
    """`/tmp` is writable by any local user: a `.shellcheckrc` there must not silence ShellCheck."""
    from tests.cli.helpers import dockerlint, write

    tmp, home = tmp_path / "tmp", tmp_path / "home"
    write(tmp_path, {"tmp/.shellcheckrc": "disable=all\n", "home/.shellcheckrc": "disable=all\n",
                     "project/Dockerfile": F + "RUN echo $1\n" * runs})
    result = dockerlint("--format", "json", "--select", "DKL900", "Dockerfile", cwd=tmp_path / "project",
                        env={"TMPDIR": str(tmp)}, home=home)
    assert [f["message"].split(":")[0] for f in json.loads(result.stdout)] == ["SC2086"] * runs


@needs_shellcheck
@pytest.mark.parametrize("runs", [1, 2], ids=["stdin", "files"])
def test_a_script_that_is_not_utf8_is_checked(tmp_path, runs: int) -> None:
    from tests.cli.helpers import dockerlint, write

    write(tmp_path, {"Dockerfile": (F + "RUN echo \xff $1\n" * runs).encode("latin-1")})
    result = dockerlint("--format", "json", "--select", "DKL900", "Dockerfile", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert [f["message"].split(":")[0] for f in json.loads(result.stdout)] == ["SC2086"] * runs
