"""Definition, references, document highlight and rename of stage names and ARG/ENV variables."""
from __future__ import annotations

from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams



def _lookup(ls: Any, uri: str, position: types.Position) -> tuple[Any, Any, Any] | None:
    """(document, index, occurrence under the cursor), or None."""
    doc = ls.documents.parseable(uri)
    if doc is None:
        return None
    refs = doc.references
    occ = refs.at(doc.positions.offset(position))
    return None if occ is None else (doc, refs, occ)


def setup(server: Any) -> None:
    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: Any, params: types.DefinitionParams) -> list[types.Location] | None:
        found = _lookup(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        doc, refs, occ = found
        return [types.Location(uri=doc.uri, range=doc.positions.range(o.span)) for o in refs.definitions(occ.symbol)] or None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: Any, params: types.ReferenceParams) -> list[types.Location] | None:
        found = _lookup(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        doc, refs, occ = found
        include = params.context.include_declaration
        return [types.Location(uri=doc.uri, range=doc.positions.range(o.span))
                for o in refs.of(occ.symbol) if include or not o.definition]

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
    def highlight(ls: Any, params: types.DocumentHighlightParams) -> list[types.DocumentHighlight] | None:
        found = _lookup(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        doc, refs, occ = found
        return [types.DocumentHighlight(
                    range=doc.positions.range(o.span),
                    kind=types.DocumentHighlightKind.Write if o.definition else types.DocumentHighlightKind.Read)
                for o in refs.of(occ.symbol)]

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: Any, params: types.PrepareRenameParams) -> types.PrepareRenamePlaceholder | None:
        found = _lookup(ls, params.text_document.uri, params.position)
        if found is None or found[2].by_index:
            return None
        doc, refs, occ = found
        sym = refs.symbols[occ.symbol]
        if sym.builtin:
            raise JsonRpcInvalidParams(f"{sym.name} is set by BuildKit and cannot be renamed")
        return types.PrepareRenamePlaceholder(range=doc.positions.range(occ.span),
                                              placeholder=doc.text[occ.span.start:occ.span.end])

    @server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
    def rename(ls: Any, params: types.RenameParams) -> types.WorkspaceEdit | None:
        found = _lookup(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        doc, refs, occ = found
        problem = refs.check_rename(occ.symbol, params.new_name)
        if problem is not None:
            raise JsonRpcInvalidParams(problem)
        edits = [types.TextEdit(range=doc.positions.range(o.span), new_text=params.new_name)
                 for o in refs.of(occ.symbol) if not o.by_index]
        return types.WorkspaceEdit(changes={doc.uri: edits})
