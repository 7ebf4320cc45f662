"""Code actions: each finding's quick fix, "ignore CODE" on a line or in the file, and fix-all.

Quick fixes come from the diagnostic's `data` (made for the same document version),
so no lint runs; ignores write our pragma (`# dockerlint ignore=CODE` above the
instruction, extending one already there; `# dockerlint global ignore=CODE` after
the parser directives); `source.fixAll.dockerlint` applies every safe fix with the
CLI's fix loop. `context.only` is respected.
"""
from __future__ import annotations

import asyncio
from bisect import bisect_right
from typing import TYPE_CHECKING

from lsprotocol import types

from dockerlint._edits import line_ending_at
from dockerlint.rules.api import Edit, insert
from dockerlint.server.diagnostic_json import SOURCE
from dockerlint.server.features._edits import fix_from_data, minimal_edit, text_edits, workspace_edit
from dockerlint.suppress import pragmas

if TYPE_CHECKING:
    from dockerlint.engine import LintResult
    from dockerlint.rules.api import Finding
    from dockerlint.server.app import DockerlintServer
    from dockerlint.server.documents import DocumentState
    from dockerlint.suppress import Pragma
    from dockerlint.syntax import nodes

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.{SOURCE}"
QUICK_FIX = types.CodeActionKind.QuickFix.value


def wanted(kind: str, only: list[str] | None) -> bool:
    """Whether `kind` falls under one of the kinds the client asked for (all when it asked for none)."""
    return not only or any(kind == o or kind.startswith(f"{o}.") for o in only)


def _instruction_at(df: nodes.Dockerfile, offset: int) -> nodes.Instruction | None:
    i = bisect_right([ins.span.start for ins in df.instructions], offset) - 1
    if i >= 0 and df.instructions[i].span.start <= offset <= df.instructions[i].span.end:
        return df.instructions[i]
    return None


def _extend(text: str, pragma: Pragma, code: str) -> Edit:
    span = pragma.comment.span
    end = span.start + len(text[span.start : span.end].rstrip())
    return insert(end, f",{code}")


def ignore_line(state: DocumentState, code: str, offset: int) -> Edit | None:
    """Silence `code` for the instruction at `offset`, or None when no instruction holds it."""
    df, text = state.dockerfile, state.text
    target = _instruction_at(df, offset)
    if target is None:
        return None
    own = [p for p in pragmas(df) if p.instruction is target and not p.is_global and p.tool == "dockerlint"]
    if own:
        return _extend(text, own[-1], code)
    line_start = text.rfind("\n", 0, target.span.start) + 1
    indent = text[line_start : target.span.start]
    if indent.strip():  # the keyword does not start its line: no sensible place for a comment
        return None
    # Stay above hadolint's pragmas so they still sit right on top of the instruction.
    at = line_start
    hadolint = {p.comment.span.start for p in pragmas(df) if p.instruction is target and p.tool == "hadolint"}
    while at > 0:
        prev = text.rfind("\n", 0, at - 1) + 1
        if prev + len(text[prev:at]) - len(text[prev:at].lstrip()) not in hadolint:
            break
        at = prev
    return insert(at, f"{indent}# dockerlint ignore={code}{line_ending_at(text, at)}")


def ignore_file(state: DocumentState, code: str) -> Edit:
    df, text = state.dockerfile, state.text
    existing = [p for p in pragmas(df) if p.is_global and p.tool == "dockerlint"]
    if existing:
        return _extend(text, existing[0], code)
    if not df.directives:
        return insert(0, f"# dockerlint global ignore={code}{line_ending_at(text, 0)}")
    last = df.directives[-1].span.end
    nl = text.find("\n", last)
    if nl == -1:  # the directives are the whole file
        return insert(len(text), f"{line_ending_at(text, last)}# dockerlint global ignore={code}")
    return insert(nl + 1, f"# dockerlint global ignore={code}{line_ending_at(text, nl)}")


def _fixed(state: DocumentState, result: LintResult) -> types.TextEdit | None:
    from dockerlint.engine import lint
    from dockerlint.fixes import fix_loop

    def lint_fn(text: str) -> list[Finding]:
        if text == state.text:
            return result.findings
        return lint(text, path=state.path, settings=state.settings).findings

    outcome = fix_loop(state.text, lint_fn, unsafe=False)
    return minimal_edit(state.text, outcome.text, state.positions)


async def fix_all(server: DockerlintServer, state: DocumentState) -> types.TextEdit | None:
    """The edit that applies every safe fix to this version, computed once."""
    if state.fixed_all is None:
        result = await server.documents.lint_async(state)
        edit = None
        if result is not None and any(f.fix is not None and f.fix.safe for f in result.findings):
            edit = await asyncio.get_running_loop().run_in_executor(None, _fixed, state, result)
        if state.result is result:  # not a lint the settings have replaced meanwhile
            state.fixed_all = (edit,)
        return edit
    return state.fixed_all[0]


async def _quick_fix(server: DockerlintServer, state: DocumentState,
                     diag: types.Diagnostic) -> tuple[str, bool, list[types.TextEdit]] | None:
    found = fix_from_data(diag.data, state.version)
    if found is not None:
        return found
    # The client dropped `data` or it is from an older version: look the finding up in the current lint.
    result = await server.documents.lint_async(state)
    for f in result.findings if result is not None else ():
        if f.fix is not None and f.rule.code == diag.code and state.positions.range(f.span) == diag.range:
            return f.fix.title, f.fix.safe, text_edits(f.fix.edits, state.positions)
    return None


async def code_actions(ls: DockerlintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    server = ls  # pygls passes the server to a first parameter named `ls`
    uri = params.text_document.uri
    state = server.documents.parseable(uri)
    if state is None:
        return None
    only = params.context.only
    actions: list[types.CodeAction] = []

    def action(title: str, kind: str, edits: list[types.TextEdit], diags: list[types.Diagnostic] | None = None,
               preferred: bool | None = None) -> None:
        actions.append(types.CodeAction(title=title, kind=kind, diagnostics=diags, is_preferred=preferred,
                                        edit=workspace_edit(server, uri, state.version, edits)))

    if wanted(QUICK_FIX, only):
        ours = [d for d in params.context.diagnostics if d.source == SOURCE and isinstance(d.code, str)]
        for diag in ours:
            fix = await _quick_fix(server, state, diag)
            if fix is not None:
                title, safe, edits = fix
                action(title, QUICK_FIX, edits, [diag], preferred=safe or None)
        seen_lines: set[tuple[str, int]] = set()
        seen_files: set[str] = set()
        for diag in ours:
            code = str(diag.code)
            offset = state.positions.offset(diag.range.start)
            line_edit = ignore_line(state, code, offset)
            if line_edit is not None and (code, line_edit.start) not in seen_lines:
                seen_lines.add((code, line_edit.start))
                action(f"Ignore {code} on this line", QUICK_FIX, text_edits([line_edit], state.positions), [diag])
        for diag in ours:
            code = str(diag.code)
            if code not in seen_files:
                seen_files.add(code)
                action(f"Ignore {code} in this file", QUICK_FIX,
                       text_edits([ignore_file(state, code)], state.positions), [diag])
    automatic = params.context.trigger_kind == types.CodeActionTriggerKind.Automatic and not only
    if wanted(FIX_ALL, only) and not automatic:
        edit = await fix_all(server, state)
        if edit is not None:
            action("Fix all auto-fixable dockerlint problems", FIX_ALL, [edit])
    return actions


def setup(server: DockerlintServer) -> None:
    server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False))(code_actions)
