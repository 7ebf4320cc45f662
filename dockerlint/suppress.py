"""Suppressions written in the Dockerfile.

- `# dockerlint ignore=CODE[,CODE]` on the lines before an instruction, and
  `# dockerlint global ignore=...` anywhere;
- hadolint's `# hadolint ignore=...` and `# hadolint global ignore=...`;
- BuildKit's `# check=skip=A,B` parser directive (`skip=all` too).

Codes, rule names and aliases are all accepted, so `DL3006`, `untagged-from`
and our own code silence the same rule.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from dockerlint.syntax import nodes

_PRAGMA = re.compile(r"(dockerlint|hadolint)\s+(global\s+)?ignore\s*=\s*(.*)$", re.IGNORECASE)


class Pragma:
    __slots__ = ("comment", "tool", "is_global", "selectors", "instruction")

    def __init__(self, comment: nodes.Comment, tool: str, is_global: bool, selectors: list[str]) -> None:
        self.comment = comment
        self.tool = tool
        self.is_global = is_global
        self.selectors = selectors
        self.instruction: nodes.Instruction | None = None  # what a line pragma applies to


def parse_pragma(comment: nodes.Comment) -> Pragma | None:
    m = _PRAGMA.match(comment.text)
    if m is None:
        return None
    selectors = [s.strip() for s in re.split(r"[,\s]+", m.group(3)) if s.strip()]
    return Pragma(comment, m.group(1).lower(), bool(m.group(2)), selectors)


def _may_have_pragmas(source: str) -> bool:
    """Whether some line has "ignore" after "lint" (case aside): most files have none, and the
    language server lints on every edit. ("ignore" alone is common: `.gitignore`, `--ignore-...`.)"""
    text = source.lower()  # one C pass; a case-insensitive regex search takes 20 times longer
    at = text.find("ignore")
    while at != -1:
        if "lint" in text[text.rfind("\n", 0, at) + 1 : at]:
            return True
        at = text.find("ignore", at + 6)
    return False


def pragmas(df: nodes.Dockerfile) -> list[Pragma]:
    """Every pragma comment, each line pragma tied to the instruction that follows it."""
    if not _may_have_pragmas(df.source):
        return []
    starts = [ins.span.start for ins in df.instructions]
    found = []
    for comment in df.comments:
        pragma = parse_pragma(comment)
        if pragma is None:
            continue
        if not pragma.is_global:
            i = bisect_right(starts, comment.span.start)
            inside = i > 0 and df.instructions[i - 1].span.end > comment.span.start
            # A pragma on a comment line inside an instruction's continuation applies to that instruction.
            pragma.instruction = df.instructions[i - 1] if inside else (
                df.instructions[i] if i < len(df.instructions) else None)
        found.append(pragma)
    return found


def check_directive_skips(df: nodes.Dockerfile) -> list[str]:
    """Selectors skipped by `# check=skip=...` (BuildKit's own syntax)."""
    directive = df.directive("check")
    if directive is None:
        return []
    skips: list[str] = []
    for part in directive.value.text.split(";"):
        key, _, value = part.partition("=")
        if key.strip().lower() == "skip":
            skips.extend(s.strip() for s in value.split(",") if s.strip())
    return skips
