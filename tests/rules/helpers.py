"""Lint snippets in-process and describe findings compactly: ("DKL101", "2:6-2:12")."""
from __future__ import annotations

from pathlib import Path

from dockerlint.engine import LintResult, lint
from dockerlint.settings import Settings


def run(source: str, *codes: str, path: str | None = None, **settings: object) -> LintResult:
    chosen = Settings(select=list(codes) if codes else None, **settings)
    result = lint(source, path=path, settings=chosen)
    assert not result.rule_errors, result.rule_errors
    return result


def finds(source: str, *codes: str, path: str | None = None, **settings: object) -> list[tuple[str, str]]:
    """(code, "line:col-line:col") of every finding of `codes` (all rules when none), each
    followed by its related places as (code, "+line:col-line:col")."""
    result = run(source, *codes, path=path, **settings)
    out = []
    for f in result.findings:
        for mark, span in (("", f.span), *(("+", r.span) for r in f.related)):
            a, b = result.lines.position(span.start), result.lines.position(span.end)
            out.append((f.rule.code, f"{mark}{a.line}:{a.column}-{b.line}:{b.column}"))
    return out


def codes(source: str, *codes: str, path: str | None = None, **settings: object) -> list[str]:
    return [c for c, _ in finds(source, *codes, path=path, **settings)]


def tree(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (relative name -> text; a name ending in `/` is a folder) under `root`."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith("/"):
            path.mkdir(exist_ok=True)
        else:
            path.write_text(text)
    return root
