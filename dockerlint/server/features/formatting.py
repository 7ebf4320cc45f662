"""Formatting (document, range, on-type) with the CLI formatter's rules.

The editor's tab size becomes the continuation indent (with the file's own tabs or
spaces). The setting `format.enable: false` turns all three off.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from lsprotocol import types

from dockerlint.server.features._edits import text_edits

if TYPE_CHECKING:
    from dockerlint.formatter import FormatOptions
    from dockerlint.rules.api import Edit
    from dockerlint.server.app import DockerlintServer
    from dockerlint.server.documents import DocumentState


def _options(options: types.FormattingOptions) -> FormatOptions:
    from dockerlint.formatter import FormatOptions

    size = options.tab_size if isinstance(options.tab_size, int) and 0 < options.tab_size <= 16 else 4
    return FormatOptions(indent=size)


def _format(server: DockerlintServer, uri: str,
            compute: Callable[[DocumentState], list[Edit]]) -> list[types.TextEdit] | None:
    state = server.documents.get(uri)
    if state is None or state.too_large:
        return None
    editor = server.editor_settings
    if editor is not None and editor.get(uri, "format.enable", True) is False:
        return None
    return text_edits(compute(state), state.positions)


def setup(server: DockerlintServer) -> None:
    from dockerlint import formatter

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def document(ls: DockerlintServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
        def compute(state: DocumentState) -> list[Edit]:
            result = formatter.format_file(state.text, _options(params.options))
            for note in result.notes:  # what it leaves alone, it says (in the client's log)
                ls.log_to_client(f"format: {params.text_document.uri}: {note}", types.MessageType.Info)
            return result.edits

        return _format(ls, params.text_document.uri, compute)

    @server.feature(types.TEXT_DOCUMENT_RANGE_FORMATTING)
    def in_range(ls: DockerlintServer, params: types.DocumentRangeFormattingParams) -> list[types.TextEdit] | None:
        def compute(state: DocumentState) -> list[Edit]:
            span = state.positions.span(params.range)
            return formatter.format_range(state.text, span.start, span.end, _options(params.options))

        return _format(ls, params.text_document.uri, compute)

    @server.feature(types.TEXT_DOCUMENT_ON_TYPE_FORMATTING,
                    types.DocumentOnTypeFormattingOptions(first_trigger_character="\n"))
    def on_type(ls: DockerlintServer, params: types.DocumentOnTypeFormattingParams) -> list[types.TextEdit] | None:
        return _format(ls, params.text_document.uri, lambda s: formatter.format_on_type(
            s.text, s.positions.offset(params.position), params.ch, _options(params.options)))
