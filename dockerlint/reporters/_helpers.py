"""What every report format is made from: one `FileReport` per linted file, findings as plain dicts.

A finding record is the JSON contract (`file`, `line`, `column`, `end_line`, `end_column` —
1-based, end exclusive — `code`, `name`, `aliases`, `severity`, `message`, `fix`, `related`: the
further places the finding is about, each with its range and `message`), so records
cross process boundaries cheaply and the json format is just their list.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dockerlint.rules.api import Finding
    from dockerlint.syntax.span import LineIndex

Record = dict[str, Any]
# Messages quote the file (an unknown keyword, a value): a binary or minified file is not quoted at length.
MAX_MESSAGE = 300


class FileReport:
    __slots__ = ("path", "text", "findings", "fixed", "changed", "diff", "rule_errors", "error", "notices")

    def __init__(self, path: str, text: str = "", findings: list[Record] | None = None, *, fixed: int = 0,
                 changed: bool = False, diff: str | None = None, rule_errors: list[str] | None = None,
                 error: str | None = None, notices: list[str] | None = None) -> None:
        self.path = path  # as shown: as given or found, relative when under the current directory
        self.text = text  # the text the findings' positions refer to (after fixes)
        self.findings = findings or []
        self.fixed = fixed  # fixes applied (or that would be, with --diff)
        self.changed = changed  # the file was (or would be) rewritten
        self.diff = diff  # the unified diff, with --diff
        self.rule_errors = rule_errors or []  # rules that crashed on this file, with their traceback
        self.error = error  # why the file could not be linted at all
        self.notices = notices or []  # things worth knowing that are no finding (e.g. ShellCheck is missing)


class Report:
    """Everything a format renders."""

    __slots__ = ("files", "color", "fix_mode")

    def __init__(self, files: list[FileReport], *, color: bool = False, fix_mode: str = "check") -> None:
        self.files = files
        self.color = color
        self.fix_mode = fix_mode  # check | fix | diff

    def findings(self) -> list[Record]:
        return [f for report in self.files for f in report.findings]


def record(path: str, finding: Finding, lines: LineIndex) -> Record:
    start, end = lines.position(finding.span.start), lines.position(finding.span.end)
    fix = None
    if finding.fix is not None:
        edits = []
        for edit in finding.fix.edits:
            a, b = lines.position(edit.start), lines.position(edit.end)
            edits.append({"line": a.line, "column": a.column, "end_line": b.line, "end_column": b.column,
                          "text": edit.text})
        fix = {"title": finding.fix.title, "safe": finding.fix.safe, "edits": edits}
    related = []
    for place in finding.related:
        a, b = lines.position(place.span.start), lines.position(place.span.end)
        related.append({"line": a.line, "column": a.column, "end_line": b.line, "end_column": b.column,
                        "message": _shorten(place.message)})
    meta = finding.rule
    return {
        "file": path, "line": start.line, "column": start.column, "end_line": end.line, "end_column": end.column,
        "code": meta.code, "name": meta.name, "aliases": list(meta.aliases), "severity": finding.severity,
        "message": _shorten(finding.message), "fix": fix, "related": related,
    }


def _shorten(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE - 1] + "…"


def fingerprints(report: FileReport) -> list[str]:
    """A stable id per finding that survives unrelated edits: file, rule and the flagged line's text
    (not its number), with an occurrence count for identical lines."""
    import hashlib

    lines = report.text.split("\n")
    seen: dict[str, int] = {}
    out = []
    for f in report.findings:
        text = lines[f["line"] - 1].strip() if 0 < f["line"] <= len(lines) else ""
        key = "\0".join((report.path.replace(os.sep, "/"), f["code"], text))
        seen[key] = seen.get(key, 0) + 1
        out.append(hashlib.sha256(f"{key}\0{seen[key]}".encode("utf-8", "replace")).hexdigest())
    return out


def posix_path(path: str) -> str:
    return path.replace(os.sep, "/")


def rule_meta(code: str):
    from dockerlint.rules import registry

    return registry.resolve(code)
