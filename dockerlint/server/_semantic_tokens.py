"""Semantic tokens as (start, end, type) offsets: one token per line, no overlaps, in order.

Shell text and heredoc bodies are left to the editor's grammar; what is Dockerfile gets a
type: keywords, flags, stage names, variables, keys, strings, comments, directives.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.semantics.references import STAGE
from dockerlint.semantics.references import VARIABLE as VARIABLE_SYMBOL
from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.semantics.model import Model
    from dockerlint.semantics.references import References

LEGEND = ("keyword", "parameter", "variable", "string", "comment", "operator", "macro", "class", "property", "number")
KEYWORD, PARAMETER, VARIABLE, STRING, COMMENT, OPERATOR, MACRO, CLASS, PROPERTY, NUMBER = range(len(LEGEND))

Token = tuple[int, int, int]  # start, end, type index


def tokens(refs: References, within: Span | None = None) -> list[Token]:
    """The tokens of the parse `refs` indexes (`refs.model`), those overlapping `within` when given."""
    model = refs.model
    df = model.dockerfile
    base = sorted(_base(model), key=lambda t: (t[0], -t[1]))
    overlay = sorted(_overlay(refs), key=lambda t: t[0])
    merged = _merge(base, overlay)
    out = []
    for start, end, kind in merged:
        if within is not None and (end <= within.start or start >= within.end):
            continue
        out.extend(_lines(df.source, start, end, kind))
    return out


def _base(model: Model) -> Iterator[Token]:
    df = model.dockerfile
    for d in df.directives:
        yield d.span.start, d.name.span.end, MACRO
        yield d.value.span.start, d.value.span.end, STRING
    for c in df.comments:
        yield c.span.start, c.span.end, COMMENT
    for ins in df.walk():
        yield ins.keyword.span.start, ins.keyword.span.end, KEYWORD
        for flag in ins.flags:
            yield flag.span.start, flag.name.span.end, PARAMETER
            if flag.value is not None:
                yield flag.value.span.start, flag.value.span.end, STRING
        yield from _arguments(ins)


def _arguments(ins: nodes.Instruction) -> Iterator[Token]:
    if isinstance(ins, nodes.From):
        if ins.image is not None:
            yield ins.image.span.start, ins.image.span.end, STRING
        if ins.as_keyword is not None:
            yield ins.as_keyword.span.start, ins.as_keyword.span.end, KEYWORD
        if ins.stage_name is not None:
            yield ins.stage_name.span.start, ins.stage_name.span.end, CLASS
    elif isinstance(ins, (nodes.Arg, nodes.Env, nodes.Label)):
        key_type = PROPERTY if isinstance(ins, nodes.Label) else VARIABLE
        for pair in ins.pairs:
            yield pair.key.span.start, pair.key.span.end, key_type
            if pair.value is not None:
                if pair.equals and pair.value.span.start > pair.key.span.end:
                    yield pair.value.span.start - 1, pair.value.span.start, OPERATOR
                yield pair.value.span.start, pair.value.span.end, STRING
    elif isinstance(ins, nodes.Healthcheck) and ins.mode is not None:
        yield ins.mode.span.start, ins.mode.span.end, KEYWORD
    elif isinstance(ins, nodes.Expose):
        for word in ins.args:
            yield word.span.start, word.span.end, NUMBER
    elif isinstance(ins, (nodes.Copy, nodes.Add, nodes.Volume, nodes.Workdir, nodes.User, nodes.Stopsignal,
                          nodes.Maintainer)):
        for word in ins.words():
            if not word.text.startswith("<<"):
                yield word.span.start, word.span.end, STRING
    command = getattr(ins, "command", None)
    if isinstance(command, nodes.ExecForm):
        for word in command.args:
            yield word.span.start, word.span.end, STRING


def _overlay(refs: References) -> Iterator[Token]:
    """Stage and variable names, which win over the string they sit in."""
    kinds = {STAGE: CLASS, VARIABLE_SYMBOL: VARIABLE}
    for occ in refs.occurrences:
        kind = kinds.get(refs.symbols[occ.symbol].kind)
        if kind is not None and not occ.definition:  # definitions are already typed by their instruction
            yield occ.span.start, occ.span.end, kind


def _merge(base: list[Token], overlay: list[Token]) -> list[Token]:
    out: list[Token] = []
    last_end = 0
    pieces = []
    for start, end, kind in base:
        start = max(start, last_end)  # drop overlaps between base tokens
        if end > start:
            pieces.append((start, end, kind))
            last_end = end
    j = 0
    for start, end, kind in pieces:
        while j < len(overlay) and overlay[j][1] <= start:
            if not out or overlay[j][0] >= out[-1][1]:
                out.append(overlay[j])
            j += 1
        pos = start
        k = j
        while k < len(overlay) and overlay[k][0] < end:
            o_start, o_end, o_kind = overlay[k]
            if o_start > pos:
                out.append((pos, o_start, kind))
            if o_start >= pos:
                out.append((o_start, o_end, o_kind))
                pos = o_end
            k += 1
        j = k
        if pos < end:
            out.append((pos, end, kind))
    for o in overlay[j:]:
        if not out or o[0] >= out[-1][1]:
            out.append(o)
    return out


def _lines(source: str, start: int, end: int, kind: int) -> Iterator[Token]:
    """Split at line breaks: LSP tokens cannot span lines."""
    while start < end:
        nl = source.find("\n", start, end)
        stop = end if nl < 0 else nl
        piece_end = stop - 1 if stop > start and source[stop - 1] == "\r" else stop
        if piece_end > start:
            yield start, piece_end, kind
        if nl < 0:
            break
        start = nl + 1
        while start < end and source[start] in " \t":
            start += 1
