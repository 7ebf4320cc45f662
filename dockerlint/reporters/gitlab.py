"""`--format gitlab`: Code Climate JSON, which GitLab shows in merge requests (artifacts:reports:codequality)."""
from __future__ import annotations

from dockerlint.output import dumps
from dockerlint.reporters._helpers import Report, fingerprints, posix_path

_SEVERITY = {"style": "info", "info": "minor", "warning": "major", "error": "critical"}


def render(report: Report) -> str:
    issues = []
    for file in report.files:
        for f, fingerprint in zip(file.findings, fingerprints(file)):
            issues.append({
                "type": "issue",
                "check_name": f"{f['code']} {f['name']}",
                "description": f"{f['code']} {f['message']}",
                "categories": ["Style" if f["severity"] == "style" else "Bug Risk"],
                "severity": _SEVERITY[f["severity"]],
                "fingerprint": fingerprint,
                "location": {
                    "path": posix_path(f["file"]),
                    "positions": {
                        "begin": {"line": f["line"], "column": f["column"]},
                        "end": {"line": f["end_line"], "column": f["end_column"]},
                    },
                },
            })
    return dumps(issues, indent=2) + "\n"
