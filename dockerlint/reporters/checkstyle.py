"""`--format checkstyle`: Checkstyle XML, read by Jenkins' warnings plugin, reviewdog and others."""
from __future__ import annotations

import re
from xml.sax.saxutils import quoteattr

from dockerlint.reporters._helpers import Report

_SEVERITY = {"error": "error", "warning": "warning", "info": "info", "style": "info"}
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # characters XML 1.0 forbids


def _attr(text: str) -> str:
    return quoteattr(_NOT_XML.sub("\ufffd", text))


def render(report: Report) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n', '<checkstyle version="4.3">\n']
    for file in report.files:
        if not file.findings:
            continue
        out.append(f"  <file name={_attr(file.path)}>\n")
        for f in file.findings:
            out.append(
                f"    <error line=\"{f['line']}\" column=\"{f['column']}\" severity=\"{_SEVERITY[f['severity']]}\""
                f" message={_attr(f['message'])} source={_attr('dockerlint.' + f['code'] + '.' + f['name'])}/>\n"
            )
        out.append("  </file>\n")
    out.append("</checkstyle>\n")
    return "".join(out)
