"""textDocument/completion: instructions, directives, flags and their values, stages, variables."""
from __future__ import annotations

from typing import Any

from lsprotocol import types

from dockerlint.server import _completion
from dockerlint.syntax.span import Span

_KINDS = {
    _completion.KEYWORD: types.CompletionItemKind.Keyword,
    _completion.FLAG: types.CompletionItemKind.Property,
    _completion.VALUE: types.CompletionItemKind.Value,
    _completion.VARIABLE: types.CompletionItemKind.Variable,
    _completion.STAGE: types.CompletionItemKind.Reference,
    _completion.DIRECTIVE: types.CompletionItemKind.Property,
    _completion.RULE: types.CompletionItemKind.EnumMember,
    _completion.FILE: types.CompletionItemKind.File,
    _completion.FOLDER: types.CompletionItemKind.Folder,
}
TRIGGERS = ["-", "=", "$", "{", ",", ":", " ", "/"]
# VS Code's own command: re-open the suggestions after inserting `--mount=` and the like. Other clients
# would send it back to us as workspace/executeCommand, so it is only offered to VS Code.
_RETRIGGER = types.Command(title="Suggest", command="editor.action.triggerSuggest")


def setup(server: Any) -> None:
    client = {"vscode": False}

    def remember_client(params: types.InitializeParams) -> None:
        name = params.client_info.name if params.client_info is not None else ""
        client["vscode"] = "visual studio code" in name.lower() or "vscode" in name.lower()

    server.listen("initialize", remember_client)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=TRIGGERS))
    def completion(ls: Any, params: types.CompletionParams) -> types.CompletionList | None:
        doc = ls.documents.parseable(params.text_document.uri)
        if doc is None:
            return None
        snippets = bool(ls.capability("text_document.completion.completion_item.snippet_support", False))
        tags = ls.capability("text_document.completion.completion_item.tag_support")
        markdown = types.MarkupKind.Markdown in (
            ls.capability("text_document.completion.completion_item.documentation_format") or [types.MarkupKind.Markdown])
        offset = doc.positions.offset(params.position)
        found = _completion.complete(doc.model, offset, snippets, doc.builds)
        rng = doc.positions.range(Span(found.start, offset))
        items = []
        for i, item in enumerate(found.items):
            documentation = None
            if item.documentation:
                documentation = types.MarkupContent(
                    kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText,
                    value=item.documentation)
            items.append(types.CompletionItem(
                label=item.label,
                kind=_KINDS[item.kind],
                detail=item.detail or None,
                documentation=documentation,
                sort_text=f"{i:04d}",
                filter_text=item.label,
                preselect=item.preselect or None,
                insert_text_format=types.InsertTextFormat.Snippet if item.snippet else types.InsertTextFormat.PlainText,
                text_edit=types.TextEdit(range=rng, new_text=item.insert),
                tags=[types.CompletionItemTag.Deprecated] if item.deprecated and tags else None,
                command=_RETRIGGER if item.retrigger and client["vscode"] else None,
            ))
        return types.CompletionList(is_incomplete=False, items=items)
