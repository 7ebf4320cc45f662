"""Findings as LSP Diagnostic JSON text, written once and reused from one version to the next.

Every publication carries all of a document's diagnostics (hundreds in a large file),
and building and serialising them after each keystroke took longer than re-linting
the edit. A finding that `Reuse` keeps for an unchanged instruction (or stage) has the
same `origin` from lint to lint; its text is kept with line numbers relative to that
instruction and the document version left open, so a later version only fills in
numbers. Columns are kept as they are: the instruction's text is the same, and so is
the column it starts at (part of the key).
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from dockerlint.explain import url

if TYPE_CHECKING:
    from dockerlint.rules.api import Finding, RuleMeta
    from dockerlint.server.positions import PositionMap

SOURCE = "dockerlint"
SEVERITY = {"error": 1, "warning": 2, "info": 3, "style": 4}
TAGS = {"unnecessary": 1, "deprecated": 2}

VERSION = -1  # the slot of the document version (the others are relative line numbers)
# A %-format of the JSON text, the slots of its numbers, and whether one is the version.
Template = tuple[str, tuple[int, ...], bool]

_rule_text: dict[tuple[str, str], str] = {}


def _rule_json(meta: RuleMeta, severity: str) -> str:
    """The part of a diagnostic that depends only on its rule and severity."""
    key = (meta.code, severity)
    text = _rule_text.get(key)
    if text is None:
        fields: dict[str, Any] = {"severity": SEVERITY.get(severity, 2), "code": meta.code,
                                  "codeDescription": {"href": url(meta)}, "source": SOURCE}
        tags = [TAGS[t] for t in meta.tags if t in TAGS]
        if tags:
            fields["tags"] = tags
        text = _rule_text[key] = json.dumps(fields, separators=(",", ":"))[1:-1]
    return text


class _Builder:
    """Accumulates JSON text with numbers left open."""

    def __init__(self, base: int) -> None:
        self.base = base
        self.slots: list[int] = []
        self.text: list[str] = []

    def add(self, text: str) -> None:
        self.text.append(text.replace("%", "%%"))

    def number(self, slot: int) -> None:
        self.text.append("%s")
        self.slots.append(slot)

    def range(self, positions: PositionMap, start: int, end: int) -> None:
        (a, b), (c, d) = positions.line_character(start), positions.line_character(end)
        self.add('{"start":{"line":')
        self.number(a - self.base)
        self.add(f',"character":{b}}},"end":{{"line":')
        self.number(c - self.base)
        self.add(f',"character":{d}}}}}')

    def done(self) -> Template:
        return "".join(self.text), tuple(self.slots), VERSION in self.slots


def template(finding: Finding, positions: PositionMap, base_line: int, uri: str) -> Template:
    """A finding's Diagnostic with its line numbers relative to `base_line`, the version open.

    Its `data` holds the fix for code actions (read back by `features._edits.fix_from_data`);
    its further places (`related`) are `relatedInformation` in the document `uri`.
    """
    out = _Builder(base_line)
    out.add('{"range":')
    out.range(positions, finding.span.start, finding.span.end)
    out.add(f',"message":{json.dumps(finding.message)},{_rule_json(finding.rule, finding.severity)}')
    for i, place in enumerate(finding.related):
        out.add(',' if i else ',"relatedInformation":[')
        out.add(f'{{"location":{{"uri":{json.dumps(uri)},"range":')
        out.range(positions, place.span.start, place.span.end)
        out.add(f'}},"message":{json.dumps(place.message)}}}')
    if finding.related:
        out.add("]")
    fix = finding.fix
    if fix is not None:
        out.add(',"data":{"version":')
        out.number(VERSION)
        out.add(f',"fix":{{"title":{json.dumps(fix.title)},"safe":{json.dumps(fix.safe)},"edits":[')
        for i, edit in enumerate(fix.edits):
            out.add(',{"range":' if i else '{"range":')
            out.range(positions, edit.start, edit.end)
            out.add(f',"newText":{json.dumps(edit.text)}}}')
        out.add("]}}")
    out.add("}")
    return out.done()


def render(shape: Template, base_line: int, version: str) -> str:
    form, slots, versioned = shape
    if not versioned:
        return form % tuple(map(base_line.__add__, slots))
    return form % tuple([version if slot == VERSION else base_line + slot for slot in slots])


def _version_text(version: int | None) -> str:
    return "null" if version is None else str(version)


class _Kept:
    """A finding's template, and its latest text when that does not name the version."""

    __slots__ = ("origin", "shape", "line", "text")

    def __init__(self, origin: object, shape: Template) -> None:
        self.origin = origin
        self.shape = shape
        self.line = -1  # the line `text` was rendered for; -1: none, or its template names the version
        self.text = ""


class DiagnosticJson:
    """One document's diagnostics as JSON text; one per open document, kept across its versions."""

    def __init__(self, uri: str) -> None:
        self.uri = uri
        self._kept: dict[tuple[int, int, str], _Kept] = {}
        self._used: dict[tuple[int, int, str], _Kept] = {}
        self._version: int | None = None
        self._versions = 0  # seen so far: a document only opened, never edited, keeps no texts
        self._encoding: tuple[str, bool] | None = None
        self._positions: PositionMap | None = None  # the map of the encoding checked last

    def encode(self, finding: Finding, positions: PositionMap, version: int | None) -> str:
        if version != self._version or not self._versions:
            # Keep what the previous version used, so the table never outgrows the document.
            self._kept, self._used, self._version = self._used, {}, version
            self._versions += 1
        if positions is not self._positions:
            # Clamping at line ends depends on the line breaks, columns on the encoding.
            mode = (positions.encoding, positions.has_cr)
            if mode != self._encoding:
                self._kept, self._used, self._encoding = {}, {}, mode
            self._positions = positions
        origin = finding.origin
        if origin is None:
            return render(template(finding, positions, 0, self.uri), 0, _version_text(version))
        line, column = positions.line_character(finding.anchor)
        key = (id(origin), column, finding.severity)
        kept = self._used.get(key) or self._kept.get(key)
        if kept is None or kept.origin is not origin:
            kept = _Kept(origin, template(finding, positions, line, self.uri))
        if self._versions > 1:
            self._used[key] = kept
        if kept.line == line:
            return kept.text  # same place as last time: most diagnostics, after most keystrokes
        text = render(kept.shape, line, _version_text(version))
        if not kept.shape[2]:
            kept.line, kept.text = line, text
        return text
