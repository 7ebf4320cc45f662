"""Findings and edits in LSP terms, shared by diagnostics and code actions."""
from __future__ import annotations

from typing import Any

from lsprotocol import types

from dockerlint.rules.api import Edit
from dockerlint.server.positions import PositionMap
from dockerlint.syntax.span import Span

def text_edits(edits: tuple[Edit, ...] | list[Edit], positions: PositionMap) -> list[types.TextEdit]:
    return [types.TextEdit(range=positions.range(Span(e.start, e.end)), new_text=e.text) for e in edits]


def fix_from_data(data: Any, version: int | None) -> tuple[str, bool, list[types.TextEdit]] | None:
    """(title, safe, edits) of a diagnostic's fix (see `diagnostic_json.template`), if it was made
    for this version of the document."""
    if not isinstance(data, dict) or data.get("version") != version or not isinstance(data.get("fix"), dict):
        return None
    fix = data["fix"]
    try:
        edits = [types.TextEdit(range=types.Range(
            start=types.Position(line=e["range"]["start"]["line"], character=e["range"]["start"]["character"]),
            end=types.Position(line=e["range"]["end"]["line"], character=e["range"]["end"]["character"])),
            new_text=e["newText"]) for e in fix["edits"]]
        return str(fix["title"]), bool(fix["safe"]), edits
    except (KeyError, TypeError):  # a client mangled the data: no fix rather than a wrong one
        return None


def workspace_edit(server: Any, uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    """Versioned document changes when the client takes them (stale edits are then refused), else plain."""
    if version is not None and server.capability("workspace.workspace_edit.document_changes"):
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def minimal_edit(old: str, new: str, positions: PositionMap) -> types.TextEdit | None:
    """One edit turning old into new, touching only the changed middle (keeps the cursor and undo small)."""
    if old == new:
        return None
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    # Never split a '\r\n' pair: LSP cannot address the point between them.
    if 0 < start < len(old) and old[start - 1] == "\r" and old[start] == "\n":
        start -= 1
    old_end = len(old) - end
    if 0 < old_end < len(old) and old[old_end - 1] == "\r" and old[old_end] == "\n":
        old_end += 1
        end -= 1
    return types.TextEdit(range=positions.range(Span(start, old_end)), new_text=new[start : len(new) - end])
