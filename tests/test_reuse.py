"""Findings reused between lints of a document's versions must equal a lint from scratch."""
from __future__ import annotations

from pathlib import Path

from dockerlint.engine import LintResult, lint
from dockerlint.reuse import Reuse
from dockerlint.rules import registry
from dockerlint.settings import Settings
from dockerlint.syntax.incremental import reparse
from dockerlint.syntax.parser import parse
from tests.random_edits import sessions

SETTINGS = Settings(shellcheck=False)


def _described(result: LintResult) -> list[tuple[object, ...]]:
    return [(f.rule.code, tuple(f.span), f.message, f.fix, f.severity, f.sub_code) for f in result.findings]


def test_random_edits_of_real_dockerfiles() -> None:
    """Every rule but ShellCheck, on 200 corpus files edited 12 times each as an editor would,
    reusing the previous lint's findings; each result is compared with a fresh lint."""
    reused = 0
    for path, versions in sessions(seed=1126, files=200, edits=12):
        reuse = Reuse()
        df = parse(versions[0])
        lint(versions[0], settings=SETTINGS, dockerfile=df, reuse=reuse)
        for text in versions[1:]:
            df = reparse(df, text)
            incremental = lint(text, settings=SETTINGS, dockerfile=df, reuse=reuse)
            assert _described(incremental) == _described(lint(text, settings=SETTINGS)), (path, text)
            reused += sum(len(kept._entries) for kept in reuse._builds.values())
    assert reused > 10_000  # the comparison is not vacuous: most instructions came from the table


def _checks_run(monkeypatch, text: str, reuse: Reuse, settings: Settings = SETTINGS) -> list[str]:
    """The instruction checks `lint` runs on `text` (file-level ones always run)."""
    ran: list[str] = []
    for meta in registry.all_rules():
        if (meta.on is not None or meta.per_stage) and meta.check is not None:
            def spy(*args, _meta=meta, _check=meta.check):
                where = f"stage {args[0].index}" if _meta.per_stage else args[0].keyword.text
                ran.append(f"{_meta.code}@{where}")
                return _check(*args)
            monkeypatch.setattr(meta, "check", spy)
    lint(text, settings=settings, reuse=reuse)
    monkeypatch.undo()
    return ran


BASE = "FROM alpine:3.20\nENV A=1\nRUN echo $A\nRUN apt-get install curl\nCOPY a /a\n"


def test_an_edit_re_runs_only_the_checks_of_the_changed_instruction(monkeypatch) -> None:
    reuse = Reuse()
    first = _checks_run(monkeypatch, BASE, reuse)
    assert {r.split("@")[1] for r in first} == {"FROM", "ENV", "RUN", "COPY", "stage 0"}
    again = _checks_run(monkeypatch, BASE.replace("apt-get install curl", "apt-get install -y curl"), reuse)
    # the stage checks look at the whole stage
    assert {r.split("@")[1] for r in again} == {"RUN", "stage 0"}
    assert len([r for r in again if r.endswith("@RUN")]) < len([r for r in first if r.endswith("@RUN")])


def test_a_context_edit_re_runs_the_instructions_it_reaches(monkeypatch) -> None:
    text = "FROM alpine:3.20\nENV A=1\nWORKDIR /w/$A\nRUN echo hi\nFROM debian:12\nRUN echo other\n"
    reuse = Reuse()
    first = _checks_run(monkeypatch, text, reuse)
    edited = text.replace("ENV A=1", "ENV B=1")
    again = _checks_run(monkeypatch, edited, reuse)
    # the first stage, whose variables changed; not the second stage's RUN
    assert {"ENV", "WORKDIR", "RUN"} <= {r.split("@")[1] for r in again}
    assert sum(r.endswith("@RUN") for r in again) * 2 == sum(r.endswith("@RUN") for r in first)
    assert "undefined-var" in {f.rule.name for f in lint(edited, settings=SETTINGS, reuse=reuse).findings}


def test_new_settings_start_afresh(monkeypatch) -> None:
    reuse = Reuse()
    _checks_run(monkeypatch, BASE, reuse)
    other = Settings(shellcheck=False, trusted_registries=["docker.io"])
    assert {r.split("@")[1] for r in _checks_run(monkeypatch, BASE, reuse, other)} == {
        "FROM", "ENV", "RUN", "COPY", "stage 0"}


def test_checks_that_read_the_disk_always_run(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    text = "FROM alpine:3.20\nCOPY secrets.txt /app/\nUSER 1000\n"
    dockerfile.write_text(text)
    (tmp_path / "secrets.txt").write_text("x")
    reuse = Reuse()
    before = lint(text, path=str(dockerfile), settings=SETTINGS, reuse=reuse)
    (tmp_path / ".dockerignore").write_text("secrets.txt\n")
    after = lint(text, path=str(dockerfile), settings=SETTINGS, reuse=reuse)
    assert "copy-ignored-file" not in {f.rule.name for f in before.findings}
    assert "copy-ignored-file" in {f.rule.name for f in after.findings}


def test_findings_are_moved_with_their_instruction() -> None:
    reuse = Reuse()
    text = "FROM alpine:3.20\nRUN apt-get install curl\n"
    lint(text, settings=SETTINGS, reuse=reuse)
    moved = "FROM alpine:3.20\n# a comment\nRUN apt-get install curl\n"
    assert _described(lint(moved, settings=SETTINGS, reuse=reuse)) == _described(lint(moved, settings=SETTINGS))
    fixes = [f.fix for f in lint(moved, settings=SETTINGS, reuse=reuse).findings if f.fix is not None]
    assert fixes and all(e.start > len("FROM alpine:3.20\n# a comment\n") for fix in fixes for e in fix.edits)


def test_a_fix_reaching_outside_its_instruction_is_computed_anew() -> None:
    """text-after-json-array's fix re-inserts the comment with the instruction's indentation,
    which lies before the instruction: when only the indentation changes, the fix must follow."""
    reuse = Reuse()
    text = 'FROM alpine:3.20\n  CMD ["sh"] # start a shell\n'
    lint(text, settings=SETTINGS, reuse=reuse)
    indented = text.replace("  CMD", "    CMD")
    assert _described(lint(indented, settings=SETTINGS, reuse=reuse)) == _described(lint(indented, settings=SETTINGS))
    assert any(f.fix is not None and f.rule.name == "text-after-json-array"
               for f in lint(indented, settings=SETTINGS).findings)


def test_a_new_day_starts_afresh(monkeypatch) -> None:
    """End-of-life findings depend on today's date: the table does not outlive the day."""
    import datetime

    import dockerlint.reuse

    reuse = Reuse()
    _checks_run(monkeypatch, BASE, reuse)

    class Tomorrow(datetime.date):
        @classmethod
        def today(cls) -> datetime.date:
            return datetime.date.fromordinal(datetime.date.today().toordinal() + 1)

    monkeypatch.setattr(dockerlint.reuse, "date", Tomorrow)
    ran: list[str] = []
    for meta in registry.all_rules():
        if meta.on is not None and meta.check is not None:
            monkeypatch.setattr(meta, "check", lambda *a, _c=meta.check: ran.append(a[0].keyword.text) or _c(*a))
    lint(BASE, settings=SETTINGS, reuse=reuse)
    assert {"FROM", "ENV", "RUN", "COPY"} <= set(ran)


TWO_STAGES = ("FROM alpine:3.20 AS a\nRUN apk add curl\nRUN wget -q x\nCOPY a /a\n"
              "FROM debian:12\nRUN apt-get install curl\nRUN echo b\n")


def test_an_unchanged_stage_is_not_checked_again(monkeypatch) -> None:
    reuse = Reuse()
    first = _checks_run(monkeypatch, TWO_STAGES, reuse)
    assert {"stage 0", "stage 1"} <= {r.split("@")[1] for r in first}
    edited = TWO_STAGES.replace("echo b", "echo c")
    again = _checks_run(monkeypatch, edited, reuse)
    # the second stage's stage checks and its edited RUN; nothing of the first
    assert {r.split("@")[1] for r in again} == {"stage 1", "RUN"}
    assert all(not r.endswith("@stage 0") for r in again)
    assert sum(r.endswith("@RUN") for r in again) * 4 == sum(r.endswith("@RUN") for r in first)
    assert _described(lint(edited, settings=SETTINGS, reuse=reuse)) == _described(lint(edited, settings=SETTINGS))


def test_a_kept_stage_keeps_its_instructions_for_the_next_edit(monkeypatch) -> None:
    reuse = Reuse()
    _checks_run(monkeypatch, TWO_STAGES, reuse)
    _checks_run(monkeypatch, TWO_STAGES.replace("echo b", "echo c"), reuse)  # the first stage kept whole
    # now an edit in the first stage: only its edited RUN is checked again, not its other instructions
    again = _checks_run(monkeypatch, TWO_STAGES.replace("echo b", "echo c").replace("wget -q x", "wget -q y"), reuse)
    assert {r.split("@")[1] for r in again} == {"stage 0", "RUN"}
    assert sum(r.endswith("@RUN") for r in again) * 4 == sum(r.endswith("@RUN") for r in _checks_run(
        monkeypatch, TWO_STAGES, Reuse()))


def test_each_compose_service_keeps_its_own_findings(monkeypatch, tmp_path: Path) -> None:
    """Three services build the file, with their own contexts and args: an edit re-runs the
    edited instruction's checks once per build, and each build still gets its own findings."""
    from dockerlint.semantics.context import forget
    from tests.rules.helpers import tree

    tree(tmp_path, {"compose.yaml": "services:\n" + "".join(
        f"  {name}:\n    build:\n      context: ./{name}\n      dockerfile: ../Dockerfile\n"
        f"      args:\n        APP: {name}\n" for name in ("api", "web", "worker")), "api/": "", "web/": "", "worker/": ""})
    path = str(tmp_path / "Dockerfile")
    text = "FROM alpine:3.20\nARG APP\nRUN echo $APP\nRUN apt-get install curl\nUSER $APP\n"
    forget()
    reuse = Reuse()
    ran: list[str] = []
    for meta in registry.all_rules():
        if meta.on is not None and meta.check is not None:
            monkeypatch.setattr(meta, "check", lambda *a, _c=meta.check: ran.append(a[0].keyword.text) or _c(*a))
    lint(text, path=path, settings=SETTINGS, reuse=reuse)
    first = list(ran)
    ran.clear()
    edited = text.replace("apt-get install curl", "apt-get install -y curl")
    again = lint(edited, path=path, settings=SETTINGS, reuse=reuse)
    assert set(ran) == {"RUN"} and ran.count("RUN") * 2 == first.count("RUN")
    monkeypatch.undo()
    assert _described(again) == _described(lint(edited, path=path, settings=SETTINGS))
    assert len(reuse._builds) == 3
