"""dockerlint: a Dockerfile linter and language server.

    >>> import dockerlint
    >>> [f.rule.name for f in dockerlint.lint("FROM debian\\n").findings][:1]
    ['untagged-from']
"""
from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from dockerlint.engine import LintResult
    from dockerlint.syntax.nodes import Dockerfile

__version__ = "0.1.0"


def parse(source: str) -> Dockerfile:
    """The typed AST of a Dockerfile's text (never raises)."""
    from dockerlint.syntax.parser import parse as _parse

    return _parse(source)


def lint(source: str, **kwargs: object) -> LintResult:
    """Lint a Dockerfile's text; keyword arguments as `dockerlint.engine.lint`."""
    from dockerlint.engine import lint as _lint

    return _lint(source, **kwargs)  # type: ignore[arg-type]
