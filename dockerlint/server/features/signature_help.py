"""textDocument/signatureHelp: an instruction's syntax with the parameter under the cursor."""
from __future__ import annotations

from typing import Any

from lsprotocol import types

from dockerlint.server import _signatures


def setup(server: Any) -> None:
    @server.feature(types.TEXT_DOCUMENT_SIGNATURE_HELP,
                    types.SignatureHelpOptions(trigger_characters=[" ", "-", "="], retrigger_characters=[","]))
    def signature_help(ls: Any, params: types.SignatureHelpParams) -> types.SignatureHelp | None:
        doc = ls.documents.parseable(params.text_document.uri)
        if doc is None:
            return None
        sig = _signatures.signature_help(doc.dockerfile, doc.positions.offset(params.position))
        if sig is None:
            return None
        return types.SignatureHelp(
            signatures=[types.SignatureInformation(
                label=sig.label,
                documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=sig.documentation),
                parameters=[types.ParameterInformation(label=p) for p in sig.parameters],
                active_parameter=sig.active)],
            active_signature=0, active_parameter=sig.active)
