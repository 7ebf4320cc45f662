"""`--format json`: the list of findings, the contract tests and scripts use."""
from __future__ import annotations

from dockerlint.output import dumps
from dockerlint.reporters._helpers import Report


def render(report: Report) -> str:
    return dumps(report.findings(), indent=2) + "\n"
