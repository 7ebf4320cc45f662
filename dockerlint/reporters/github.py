"""`--format github`: workflow commands that GitHub Actions shows as annotations on the diff."""
from __future__ import annotations

from dockerlint.output import text
from dockerlint.reporters._helpers import Report

_LEVEL = {"error": "error", "warning": "warning", "info": "notice", "style": "notice"}


def _data(value: str) -> str:
    # The runner's log is a terminal too: escape sequences are escaped; newlines become %0A.
    return text(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    out = []
    for f in report.findings():
        props = ",".join((
            f"file={_property(f['file'])}", f"line={f['line']}", f"col={f['column']}",
            f"endLine={f['end_line']}", f"endColumn={f['end_column']}",
            f"title={_property(f['code'] + ' ' + f['name'])}",
        ))
        out.append(f"::{_LEVEL[f['severity']]} {props}::{_data(f['message'])}\n")
    return "".join(out)
