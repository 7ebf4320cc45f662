"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif) and other viewers."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from dockerlint.output import dumps
from dockerlint.reporters._helpers import Record, Report, fingerprints, posix_path, rule_meta

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/dockerlint/dockerlint"
_LEVEL = {"error": "error", "warning": "warning", "info": "note", "style": "note"}


def _rule(code: str) -> dict[str, Any]:
    from dockerlint import explain

    meta = rule_meta(code)
    markdown = explain.render(meta)
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": meta.rationale.strip() or meta.summary},
        "help": {"text": markdown, "markdown": markdown},
        "helpUri": explain.url(meta),
        "defaultConfiguration": {"level": _LEVEL[meta.severity]},
        "properties": {"tags": ["dockerfile", meta.family or "plugin", *meta.aliases]},
    }


def _uri(path: str) -> tuple[str, str | None]:
    """A relative URI under %SRCROOT% (the current directory) where possible, else an absolute file URI."""
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute)
    # Names are percent-encoded as the bytes they are on disk (surrogateescape gives back the
    # bytes that are not UTF-8), so every name has a valid URI.
    if rel.startswith(".."):
        return (Path(absolute).as_uri() if os.name == "nt" else "file://" + quote(os.fsencode(absolute))), None
    return quote(os.fsencode(posix_path(rel))), "%SRCROOT%"


def _result(f: Record, index: int, fingerprint: str) -> dict[str, Any]:
    uri, base = _uri(f["file"])
    artifact: dict[str, Any] = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    result: dict[str, Any] = {
        "ruleId": f["code"],
        "ruleIndex": index,
        "level": _LEVEL[f["severity"]],
        "message": {"text": f["message"]},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": f["line"], "startColumn": f["column"],
                       "endLine": f["end_line"], "endColumn": f["end_column"]},
        }}],
        "partialFingerprints": {"dockerlint/v1": fingerprint},
    }
    if f["related"]:
        result["relatedLocations"] = [{
            "id": i, "message": {"text": r["message"]},
            "physicalLocation": {"artifactLocation": artifact, "region": {
                "startLine": r["line"], "startColumn": r["column"], "endLine": r["end_line"], "endColumn": r["end_column"]}},
        } for i, r in enumerate(f["related"])]
    if f["fix"] is not None:
        result["properties"] = {"fix": f["fix"]["title"], "safeFix": f["fix"]["safe"]}
    return result


def render(report: Report) -> str:
    from dockerlint import __version__

    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results = []
    for file in report.files:
        for f, fingerprint in zip(file.findings, fingerprints(file)):
            if f["code"] not in index:
                index[f["code"]] = len(rules)
                rules.append(_rule(f["code"]))
            results.append(_result(f, index[f["code"]], fingerprint))
    notifications = [
        {"level": "error", "message": {"text": error.splitlines()[0]}}
        for file in report.files for error in (file.rule_errors + ([file.error] if file.error else []))
    ]
    run = {
        "tool": {"driver": {"name": "dockerlint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI, "rules": rules}},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "results": results,
    }
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return dumps(doc, indent=2) + "\n"
