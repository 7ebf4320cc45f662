"""Lint snippets in-process and describe findings compactly: ("DKL101", "2:6-2:12")."""
from __future__ import annotations

from dockerlint.engine import LintResult, lint
from dockerlint.settings import Settings


def run(source: str, *codes: str, path: str | None = None, **settings: object) -> LintResult:
    chosen = Settings(select=list(codes) if codes else None, **settings)
    result = lint(source, path=path, settings=chosen)
    assert not result.rule_errors, result.rule_errors
    return result


def finds(source: str, *codes: str, path: str | None = None, **settings: object) -> list[tuple[str, str]]:
    """(code, "line:col-line:col") of every finding of `codes` (all rules when none)."""
    result = run(source, *codes, path=path, **settings)
    out = []
    for f in result.findings:
        a, b = result.lines.position(f.span.start), result.lines.position(f.span.end)
        out.append((f.rule.code, f"{a.line}:{a.column}-{b.line}:{b.column}"))
    return out


def codes(source: str, *codes: str, path: str | None = None, **settings: object) -> list[str]:
    return [c for c, _ in finds(source, *codes, path=path, **settings)]
