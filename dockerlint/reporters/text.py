"""`--format text`: for people. Each finding with its source line underlined, then a summary."""
from __future__ import annotations

from dockerlint import output
from dockerlint.reporters._helpers import Record, Report
from dockerlint.rules.api import SEVERITIES

_COLOR = {"error": "31", "warning": "33", "info": "34", "style": "36"}  # red, yellow, blue, cyan
_TAB = 4
# A code frame shows at most this many characters of a line, around the finding: a minified or
# binary line is not printed at length, and each finding costs the same however long its line.
_BEFORE, _WIDTH = 40, 160


class _Paint:
    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.on and text else text


def _window(line: str, start: int, end: int) -> tuple[str, int, int]:
    """The part of a long line around [start, end), marked with `…` where cut, and the range in it."""
    if len(line) <= _WIDTH:
        return line, start, end
    first = max(0, min(start - _BEFORE, len(line) - _WIDTH))
    last = first + _WIDTH
    head = "…" if first else ""
    part = head + line[first:last] + ("…" if last < len(line) else "")
    shift = len(head) - first
    return part, start + shift, min(end + shift, len(head) + _WIDTH)


def _snippet(f: Record, lines: list[str], paint: _Paint) -> list[str]:
    if not 0 < f["line"] <= len(lines):
        return []
    raw = lines[f["line"] - 1]
    start = min(f["column"] - 1, len(raw))
    end = f["end_column"] - 1 if f["end_line"] == f["line"] else len(raw)
    line, start, end = _window(raw, start, max(min(end, len(raw)), start + 1))
    line = output.frame(line)
    # Tabs are expanded in both the line and the marker's offset so that they stay aligned.
    pad = len(line[:start].expandtabs(_TAB))
    width = max(len(line[:end].expandtabs(_TAB)) - pad, 1)
    number = str(f["line"])
    gutter = " " * len(number)
    marker = "^" + "~" * (width - 1)
    return [
        f" {paint(number, '2')} {paint('|', '2')} {line.expandtabs(_TAB)}".rstrip(),
        f" {gutter} {paint('|', '2')} {' ' * pad}{paint(marker, _COLOR[f['severity']] + ';1')}",
    ]


def _finding(f: Record, lines: list[str], paint: _Paint) -> list[str]:
    where = paint(f"{output.name(f['file'])}:{f['line']}:{f['column']}:", "1")
    color = _COLOR[f["severity"]]
    head = (f"{where} {paint(f['code'], color + ';1')} {output.name(f['name'])} "
            f"{paint('[' + f['severity'] + ']', color)} {output.name(f['message'])}")
    out = [head, *_snippet(f, lines, paint)]
    if f["fix"] is not None:
        kind = "fix" if f["fix"]["safe"] else "unsafe fix"
        out.append(f" {paint('=', '2')} {kind}: {output.name(f['fix']['title'])}")
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 or word == "info" else "s")


def summary(report: Report) -> str:
    findings = report.findings()
    files = len(report.files)
    fixed = sum(f.fixed for f in report.files)
    counts = [_plural(sum(f["severity"] == s for f in findings), s) for s in reversed(SEVERITIES)
              if any(f["severity"] == s for f in findings)]
    parts = []
    if report.fix_mode == "fix" and fixed:
        parts.append(f"Fixed {_plural(fixed, 'finding')}.")
    elif report.fix_mode == "diff":
        parts.append(f"Would fix {_plural(fixed, 'finding')}.")
    if findings:
        remaining = " remaining" if report.fix_mode != "check" and fixed else ""
        parts.append(f"Found {_plural(len(findings), 'finding')}{remaining} in {_plural(files, 'file')} "
                     f"({', '.join(counts)}).")
    elif not fixed:
        parts.append(f"No findings in {_plural(files, 'file')}.")
    if report.fix_mode == "check":
        safe = sum(f["fix"] is not None and f["fix"]["safe"] for f in findings)
        unsafe = sum(f["fix"] is not None and not f["fix"]["safe"] for f in findings)
        if safe:
            parts.append(f"{safe} fixable with --fix" + (f" ({unsafe} more with --unsafe-fixes)." if unsafe else "."))
        elif unsafe:
            parts.append(f"{unsafe} fixable with --fix --unsafe-fixes.")
    return " ".join(parts)


def render(report: Report) -> str:
    paint = _Paint(report.color)
    blocks = []
    for file in report.files:
        lines = file.text.split("\n")
        for f in file.findings:
            blocks.append("\n".join(_finding(f, lines, paint)))
    out = "\n\n".join(blocks)
    return (out + "\n\n" if out else "") + paint(summary(report), "1") + "\n"
