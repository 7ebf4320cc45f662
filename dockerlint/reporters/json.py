"""`--format json`: the list of findings, the contract tests and scripts use."""
from __future__ import annotations

import json

from dockerlint.reporters._helpers import Report


def render(report: Report) -> str:
    return json.dumps(report.findings(), indent=2, ensure_ascii=False) + "\n"
