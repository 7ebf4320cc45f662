"""The subcommands behind `dockerlint`: check (the default), format, rules, rule and lsp.

`cli.py` dispatches here for everything but `parse`. Each command imports what it uses
when it runs, so `dockerlint rules` never loads the parser and `check` never loads pygls.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple, Sequence

from dockerlint.cli import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from dockerlint.rules.api import SEVERITIES

if TYPE_CHECKING:
    from dockerlint.config import Resolver
    from dockerlint.files import Source
    from dockerlint.reporters._helpers import FileReport
    from dockerlint.settings import Settings
    from dockerlint.syntax.nodes import Dockerfile

FORMATS = ("text", "json", "sarif", "github", "gitlab", "checkstyle")
BUG_URL = "https://github.com/dockerlint/dockerlint/issues"
# Below this many files per worker, starting processes costs more than it saves (see _lint_all).
_FILES_PER_WORKER = 24


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit status 2) rather than the whole usage text."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def run(command: str, argv: Sequence[str]) -> int:
    if command == "lsp":
        from dockerlint.server.app import main as lsp_main

        return lsp_main(list(argv))
    handlers: dict[str, Callable[[list[str]], int]] = {
        "check": _check, "format": _format, "rules": _rules, "rule": _rule,
    }
    try:
        return handlers[command](list(argv))
    except UsageError as err:
        _err(f"error: {err}")
        return EXIT_USAGE


def _err(message: str) -> None:
    _note(f"dockerlint: {message}")


def _note(message: str) -> None:
    from dockerlint import output

    sys.stderr.write(output.text(message) + "\n")
    sys.stderr.flush()


def _write(text: str, path: str | None = None) -> None:
    from dockerlint import output

    output.write(text.encode("utf-8", "replace"), path)


def _write_diff(diff: str) -> None:
    """A diff as it is (so that it applies) into a pipe or file; escaped for a terminal."""
    if sys.stdout.isatty():
        from dockerlint import output

        diff = "".join(output.text(line[:-1]) + "\n" for line in diff.splitlines(keepends=True))
    _write(diff)


# --- check --------------------------------------------------------------------------------------

_CHECK_EPILOG = """\
examples:
  dockerlint                              lint every Dockerfile under the current directory
  dockerlint Dockerfile services/         a file, and a directory searched recursively
  dockerlint --fix Dockerfile             apply the safe fixes in place (--diff: only show them)
  dockerlint - --stdin-filename Dockerfile < Dockerfile
  dockerlint --format sarif -o dockerlint.sarif .
  dockerlint --select DKL1 --ignore DL3008 --failure-threshold warning .
  dockerlint format --check .             check the formatting (dockerlint format . rewrites)
  dockerlint rules                        every rule; `dockerlint rule DL3006` explains one

Files found in directories: Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
Containerfile, Containerfile.*, minus what .gitignore ignores.

Configuration: [tool.dockerlint] in pyproject.toml or .dockerlint.toml, the nearest one
above each file (else .hadolint.yaml and HADOLINT_* variables); flags override it.

Other commands: format, rules, rule, lsp, parse (`dockerlint COMMAND --help`).

Exit status: 0 nothing at or above the failure threshold, 1 findings,
2 usage or configuration error, 3 internal error (please report it)."""


def _check_parser() -> _Parser:
    from dockerlint import __version__

    ap = _Parser(
        prog="dockerlint",
        usage="dockerlint [check] [options] [PATH ...]",
        description="Lint Dockerfiles: report bugs, security and reproducibility problems, and fix them.",
        epilog=_CHECK_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("paths", nargs="*", metavar="PATH",
                    help="Dockerfiles and directories to lint (default: the current directory; '-': standard input)")
    ap.add_argument("--version", action="version", version=f"dockerlint {__version__}")
    out = ap.add_argument_group("output")
    out.add_argument("-f", "--format", choices=FORMATS, default="text", metavar="FORMAT",
                     help="text (default, for people), json, sarif (GitHub code scanning), github (Actions "
                          "annotations), gitlab (Code Climate), checkstyle")
    out.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    out.add_argument("--no-color", action="store_true", help="no colours (also: NO_COLOR=1; FORCE_COLOR=1 forces them)")
    fix = ap.add_argument_group("fixes")
    fix.add_argument("--fix", action="store_true", help="apply the safe fixes in place")
    fix.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: also apply the fixes that may change behaviour; "
                          "alone: write nothing, list them as available")
    fix.add_argument("--diff", action="store_true", help="print the fixes as a unified diff instead of writing (exit 1 if any)")
    rules = ap.add_argument_group("rules (override the configuration file)")
    rules.add_argument("--select", action="append", metavar="RULES",
                       help="only these rules: codes, names, aliases, code prefixes (DKL1) or ALL, comma-separated")
    rules.add_argument("--extend-select", action="append", metavar="RULES", help="these rules too")
    rules.add_argument("--ignore", action="append", metavar="RULES", help="not these rules")
    rules.add_argument("--severity", action="append", metavar="RULE=LEVEL",
                       help="change a rule's severity: error, warning, info, style or off")
    rules.add_argument("-t", "--failure-threshold", choices=SEVERITIES[::-1], metavar="LEVEL",
                       help="exit 1 only for findings at least this severe: error, warning, info or style "
                            "(the default: any finding)")
    rules.add_argument("--no-fail", action="store_true", default=None, help="exit 0 even with findings")
    rules.add_argument("--trusted-registry", action="append", metavar="REGISTRY",
                       help="a registry base images may come from (enables the untrusted-registry rule)")
    rules.add_argument("--require-label", action="append", metavar="LABEL:FORMAT",
                       help="a required label and its format: text, url, semver, hash, rfc3339, spdx, email")
    rules.add_argument("--strict-labels", action="store_true", default=None, help="report labels not in the schema")
    rules.add_argument("--shellcheck", action=argparse.BooleanOptionalAction, default=None,
                       help="run ShellCheck on RUN scripts when it is installed (default: on)")
    cfg = ap.add_argument_group("configuration and input")
    cfg.add_argument("-c", "--config", metavar="FILE",
                     help="use this config file (TOML, or a hadolint YAML) for every file")
    cfg.add_argument("--isolated", action="store_true", help="ignore every configuration file and HADOLINT_* variable")
    cfg.add_argument("--stdin-filename", metavar="PATH",
                     help="the name of the file read from standard input: shown in the report, used to find config")
    cfg.add_argument("-j", "--jobs", type=int, metavar="N", help="lint in N processes (default: one per CPU)")
    _discovery_arguments(cfg)
    return ap


def _discovery_arguments(group: argparse._ArgumentGroup) -> None:
    group.add_argument("--exclude", action="append", metavar="PATTERNS",
                       help="gitignore-style patterns of files and folders not to look at (replaces `exclude`)")
    group.add_argument("--extend-exclude", action="append", metavar="PATTERNS", help="these patterns too")
    group.add_argument("--force-exclude", action="store_true",
                       help="apply the exclusions to files named on the command line too (as pre-commit names them)")


def _discover(paths: list[str], resolver: Resolver, force_exclude: bool) -> Iterator[tuple[str, bool]]:
    """The files to read, each with whether templates among them are left out: those named (unless
    excluded, with --force-exclude), and the Dockerfiles found in the directories named. A file
    named with --force-exclude is treated as found (pre-commit names every file it matches).
    '-' (standard input) is passed through."""
    from dockerlint.discovery import walk

    for given in paths:
        if given != "-" and os.path.isdir(given):
            yield from ((found, True) for found in walk(given, resolver.excluded, _warn))
        elif given == "-" or not (force_exclude and resolver.excludes_file(given)):
            yield given, force_exclude and given != "-"


def _listed(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or () for v in value.split(",") if v.strip()]


def _pairs(values: list[str] | None, sep: str, flag: str) -> dict[str, str]:
    out = {}
    for value in values or ():
        key, found, level = value.partition(sep)
        if not found or not key.strip():
            raise UsageError(f"{flag} expects KEY{sep}VALUE, got `{value}`")
        out[key.strip()] = level.strip()
    return out


def _check(argv: list[str]) -> int:
    ns = _check_parser().parse_args(argv)
    if ns.jobs is not None and ns.jobs < 0:
        raise UsageError("--jobs must be 0 (one per CPU) or more")
    from dockerlint.config import ConfigError, Overrides, Resolver

    overrides = Overrides(
        select=_listed(ns.select) if ns.select else None, ignore=_listed(ns.ignore),
        extend_select=_listed(ns.extend_select), severity=_pairs(ns.severity, "=", "--severity"),
        failure_threshold=ns.failure_threshold, trusted_registries=_listed(ns.trusted_registry),
        label_schema=_pairs(ns.require_label, ":", "--require-label"), strict_labels=ns.strict_labels,
        shellcheck=ns.shellcheck, no_fail=ns.no_fail,
        exclude=_listed(ns.exclude) if ns.exclude else None, extend_exclude=_listed(ns.extend_exclude),
    )
    mode = "diff" if ns.diff else "fix" if ns.fix else "check"
    try:
        resolver = Resolver(overrides, ns.config, ns.isolated)
        tasks = _tasks(ns, mode, resolver)
    except ConfigError as err:
        _err(f"error: {err}")
        return EXIT_USAGE
    if not tasks:
        _err("warning: no Dockerfiles found (names: Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile)")
        return EXIT_OK
    reports = _lint_all(tasks, ns.jobs)
    return _finish(ns, mode, tasks, reports)


class _Task(NamedTuple):
    path: str | None  # the file to read; None: standard input, already in `source`
    shown: str  # the name in the report
    lint_path: str | None  # what rules see as the file's place (the build context is its folder)
    settings: Settings
    mode: str  # check | fix | diff
    unsafe: bool
    source: Source | None
    found: bool = False  # found in a folder (or named with --force-exclude): a template is skipped


def _tasks(ns: argparse.Namespace, mode: str, resolver: Resolver) -> list[_Task]:
    paths = ns.paths or (["-"] if ns.stdin_filename else ["."])
    missing = [p for p in paths if p != "-" and not os.path.exists(p)]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or directory")
    if paths.count("-") > 1:
        raise UsageError("standard input ('-') can be read only once")
    tasks: list[_Task] = []
    seen: set[str] = set()
    for path, found in _discover(paths, resolver, ns.force_exclude):
        if path == "-":
            from dockerlint.files import read_source

            name = ns.stdin_filename
            try:
                source = read_source("-")
            except OSError as err:
                raise UsageError(f"standard input: {err.strerror or err}") from None
            tasks.append(_Task(None, name or "-", name, resolver.settings_for(name), mode, ns.unsafe_fixes, source))
            continue
        shown = os.path.normpath(path)
        key = os.path.realpath(path)
        if key in seen:
            continue
        seen.add(key)
        tasks.append(_Task(path, shown, path, resolver.settings_for(path), mode, ns.unsafe_fixes, None, found))
    return tasks


def _warn(message: str) -> None:
    _err(f"warning: {message}")


def _lint_all(tasks: list[_Task], jobs: int | None) -> list[FileReport]:
    """Lint every task, in processes when there are enough files to pay for starting them; results
    come back in task order whatever finishes first."""
    jobs = jobs or os.cpu_count() or 1
    workers = min(jobs, len(tasks) // _FILES_PER_WORKER)
    if workers < 2:
        return [_lint_one(t) for t in tasks]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from dockerlint.rules import registry

    registry.all_rules()  # loaded once here, inherited by forked workers
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods and sys.platform == "linux" else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(_lint_one, tasks, chunksize=max(1, len(tasks) // (workers * 4))))


def _lint_one(task: _Task) -> FileReport:
    from dockerlint.reporters._helpers import FileReport

    try:
        return _lint_unguarded(task)
    except OSError as err:
        return FileReport(task.shown, error=err.strerror or str(err))
    except Exception:  # a crash outside any rule (parser, model, fixer): reported, other files go on
        import traceback

        return FileReport(task.shown, rule_errors=[f"dockerlint failed:\n{traceback.format_exc()}"])


def _lint_unguarded(task: _Task) -> FileReport:
    from dockerlint.engine import LintResult, lint
    from dockerlint.files import read_source
    from dockerlint.reporters._helpers import FileReport, record

    source = task.source if task.source is not None else read_source(task.path)  # type: ignore[arg-type]
    parsed = _parse_found(source.text) if task.found else None
    if parsed is not None and parsed[0]:
        from dockerlint.discovery import TEMPLATE_NOTICE

        return FileReport(task.shown, source.text, [], notices=[TEMPLATE_NOTICE])
    last: list[LintResult] = []

    def lint_text(text: str) -> list:
        given = parsed[1] if parsed is not None and text == source.text else None  # parsed once
        last.append(lint(text, path=task.lint_path, settings=task.settings, dockerfile=given))
        return last[-1].findings

    text, fixed, diff = source.text, 0, None
    if task.mode == "check":
        lint_text(text)
    else:
        from dockerlint.fixes import fix_loop

        outcome = fix_loop(source.text, lint_text, unsafe=task.unsafe)
        text, fixed = outcome.text, outcome.applied
        if text != source.text:
            if task.mode == "diff":
                diff = _unified_diff(source.text, text, task.shown)
            elif task.path is not None:
                from dockerlint.files import write_back

                write_back(task.path, source.encode(text), source)
    result = last[-1]
    errors = [e for r in last for e in r.rule_errors]
    notices = [n for r in last for n in r.notices]
    return FileReport(task.shown, text, [record(task.shown, f, result.lines) for f in result.findings],
                      fixed=fixed, changed=text != source.text, diff=diff, rule_errors=list(dict.fromkeys(errors)),
                      notices=list(dict.fromkeys(notices)))


def _parse_found(text: str) -> tuple[bool, Dockerfile]:
    """Whether a file found in a folder is a template (dockerlint.discovery.template_line), and its
    parse, made once for that question and the lint or format after it."""
    from dockerlint.discovery import template_line
    from dockerlint.syntax.parser import parse

    parsed = parse(text)
    return template_line(parsed) is not None, parsed


def _unified_diff(before: str, after: str, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 f"a/{name}", f"b/{name}")
    # A last line without a newline is marked the way `diff` marks it, so the diff stays applicable.
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _use_color(no_color: bool, output: str | None) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return output is None and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _finish(ns: argparse.Namespace, mode: str, tasks: list[_Task], reports: list[FileReport]) -> int:
    import importlib

    from dockerlint.reporters._helpers import Report

    report = Report(reports, color=_use_color(ns.no_color, ns.output), fix_mode=mode)
    stdin = next((r for t, r in zip(tasks, reports) if t.path is None), None)
    if mode == "diff":
        from dockerlint.reporters.text import summary

        _write_diff("".join(r.diff for r in reports if r.diff))
        _note(summary(report))
    else:
        renderer = importlib.import_module(f"dockerlint.reporters.{ns.format}")
        rendered = renderer.render(report)
        if mode == "fix" and stdin is not None and ns.output is None:
            # Fixed standard input goes to standard output (for editors and pipes); the report goes to stderr.
            source = tasks[reports.index(stdin)].source
            _write_bytes(source.encode(stdin.text))  # type: ignore[union-attr]
            sys.stderr.write(rendered)
        else:
            _write(rendered, ns.output)
    return _status(ns, mode, tasks, reports)


def _status(ns: argparse.Namespace, mode: str, tasks: list[_Task], reports: list[FileReport]) -> int:
    from dockerlint.rules.api import Severity

    status = EXIT_OK
    for notice in dict.fromkeys(n for r in reports for n in r.notices):  # once per run, not per file
        _err(notice)
    for task, report in zip(tasks, reports):
        if report.error:
            _err(f"error: {_shown(report.path)}: {report.error}")
            status = max(status, EXIT_USAGE)
        for error in report.rule_errors:
            _report_crash(report.path, error)
            status = EXIT_INTERNAL
    if status != EXIT_OK:
        return status
    if mode == "diff":
        return EXIT_FINDINGS if any(r.changed for r in reports) else EXIT_OK
    for task, report in zip(tasks, reports):
        threshold = Severity.rank(task.settings.failure_threshold)
        if not task.settings.no_fail and any(Severity.rank(f["severity"]) >= threshold for f in report.findings):
            return EXIT_FINDINGS
    return EXIT_OK


def _report_crash(path: str, error: str) -> None:
    """One crash, told the way a user can act on: what failed, on which file, where to report it."""
    lines = error.rstrip().splitlines()
    what = lines[0].rstrip(":")
    cause = lines[-1] if len(lines) > 1 else ""
    frames = [ln.strip() for ln in lines if ln.strip().startswith('File "')]
    where = f"\n  at {frames[-1]}" if frames else ""
    _err(f"internal error: {what} on {_shown(path)}: {cause}{where}\n"
         f"  This is a bug in dockerlint; the other findings are reported. Please report it at {BUG_URL} "
         f"with the Dockerfile (or the smallest part of it that still fails).")


def _shown(path: str) -> str:
    from dockerlint import output

    return output.name(path)


def _write_bytes(data: bytes) -> None:
    from dockerlint import output

    output.write(data)


# --- format -------------------------------------------------------------------------------------

def _format(argv: list[str]) -> int:
    ap = _Parser(
        prog="dockerlint format",
        description="Format Dockerfiles: instruction case, continuation indentation (with the file's own "
                    "tabs or spaces), spacing, JSON-form arrays. Heredoc bodies, comments and line endings are "
                    "kept as they are; a file or instruction that does not parse is left alone, with a note.",
        epilog="examples:\n  dockerlint format .               rewrite every Dockerfile under here\n"
               "  dockerlint format --check .       exit 1 if a file would change (for CI)\n"
               "  dockerlint format --diff Dockerfile\n"
               "  dockerlint format - < Dockerfile  formatted text on standard output",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("paths", nargs="*", metavar="PATH", help="files and directories (default: '.'; '-': standard input)")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    ap.add_argument("--diff", action="store_true", help="write nothing; print a unified diff (exit 1 if any)")
    ap.add_argument("--stdin-filename", metavar="PATH", help="the name of standard input in messages")
    _discovery_arguments(ap.add_argument_group("discovery"))
    ns = ap.parse_args(argv)
    from dockerlint.config import ConfigError, Overrides, Resolver
    from dockerlint._edits import apply_edits
    from dockerlint.files import read_source, write_back
    from dockerlint.formatter import format_file

    paths = ns.paths or (["-"] if ns.stdin_filename else ["."])
    missing = [p for p in paths if p != "-" and not os.path.exists(p)]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or directory")
    try:
        resolver = Resolver(Overrides(exclude=_listed(ns.exclude) if ns.exclude else None,
                                      extend_exclude=_listed(ns.extend_exclude)))
        files = list(_discover(paths, resolver, ns.force_exclude))
        from dockerlint.discovery import TEMPLATE_NOTICE
    except ConfigError as err:
        _err(f"error: {err}")
        return EXIT_USAGE
    changed = unchanged = 0
    status = EXIT_OK
    templates = False
    for path, found in files:
        shown = (ns.stdin_filename or "-") if path == "-" else os.path.normpath(path)
        try:
            source = read_source(path)
            template, parsed = _parse_found(source.text) if found else (False, None)
            if template:
                templates = True  # a template's own markup is no Dockerfile: left as it is
                continue
            result = format_file(source.text, dockerfile=parsed)
            formatted = apply_edits(source.text, result.edits)
        except OSError as err:
            _err(f"error: {_shown(shown)}: {err.strerror or err}")
            status = max(status, EXIT_USAGE)
            continue
        except Exception:
            import traceback

            _report_crash(shown, f"the formatter failed:\n{traceback.format_exc()}")
            status = EXIT_INTERNAL
            continue
        for note in result.notes:  # what it cannot parse, it leaves alone: say so
            _err(f"{_shown(shown)}: {note}")
        if formatted == source.text:
            unchanged += 1
            if path == "-" and not (ns.check or ns.diff):
                _write_bytes(source.encode())
            continue
        if ns.diff:
            _write_diff(_unified_diff(source.text, formatted, shown))
        elif ns.check:
            _write(f"Would reformat: {_shown(shown)}\n")
        elif path == "-":
            _write_bytes(source.encode(formatted))
        else:
            try:
                write_back(path, source.encode(formatted), source)
            except OSError as err:  # reported; the other files are still formatted
                _err(f"error: {_shown(shown)}: {err.strerror or err}")
                status = max(status, EXIT_USAGE)
                continue
        changed += 1
    if templates:
        _err(TEMPLATE_NOTICE)
    verb = "would be reformatted" if ns.check or ns.diff else "reformatted"
    _note(f"{changed} file{'s' * (changed != 1)} {verb}, {unchanged} file{'s' * (unchanged != 1)} left unchanged")
    if status == EXIT_OK and changed and (ns.check or ns.diff):
        return EXIT_FINDINGS
    return status


# --- rules, rule --------------------------------------------------------------------------------

def _rules(argv: list[str]) -> int:
    ap = _Parser(prog="dockerlint rules", description="List every rule: code, name, default severity, aliases "
                 "(hadolint, BuildKit, Trivy, Checkov ids) and whether it can fix what it finds.")
    ap.add_argument("--format", choices=("text", "json"), default="text")
    ns = ap.parse_args(argv)
    from dockerlint import explain
    from dockerlint.rules import registry

    rules = registry.all_rules()
    if ns.format == "json":
        from dockerlint.output import dumps

        _write(dumps([{
            "code": r.code, "name": r.name, "severity": r.severity, "aliases": list(r.aliases), "fix": r.fix,
            "summary": r.summary, "family": r.family, "implemented": r.implemented, "options": r.options,
            "url": explain.url(r),
        } for r in rules], indent=2) + "\n")
        return EXIT_OK
    from dockerlint.output import name

    rows = [("CODE", "NAME", "SEVERITY", "ALIASES", "FIX")] + [  # plugins' metadata is escaped like any other text
        tuple(map(name, (r.code, r.name + ("" if r.implemented else " (not implemented)"), r.severity,
                         ", ".join(r.aliases), r.fix)))
        for r in rules
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    _write("".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[4] + "\n" for row in rows))
    return EXIT_OK


def _rule(argv: list[str]) -> int:
    ap = _Parser(prog="dockerlint rule", description="Explain a rule: what it finds, why, examples, its fix and options.")
    ap.add_argument("rule", metavar="RULE", help="a code (DKL101), name (untagged-from) or alias (DL3006)")
    ns = ap.parse_args(argv)
    from dockerlint import explain
    from dockerlint.rules import registry

    meta = registry.resolve(ns.rule) or registry.sub_code_rule(ns.rule)
    if meta is None:
        from dockerlint.config import did_you_mean

        hint = did_you_mean(ns.rule, [n for r in registry.all_rules() for n in r.names])
        raise UsageError(f"unknown rule `{ns.rule}`{hint or ' (`dockerlint rules` lists them)'}")
    code = registry.sub_code(ns.rule) if registry.resolve(ns.rule) is None else None
    head = (f"`{code}` is a ShellCheck check, reported by {meta.code} {meta.name} and selectable on its own "
            f"(`--select {code}`, `--ignore {code}`): https://www.shellcheck.net/wiki/{code}\n\n" if code else "")
    from dockerlint.output import text

    _write(text(head + explain.render(meta, heading="#").rstrip("\n") + f"\n\n{explain.url(meta)}\n"))
    return EXIT_OK
