"""Document symbols (stages holding their instructions) and folding ranges, as plain data."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, NamedTuple

from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.semantics.model import Model

# Symbol kinds, mapped to LSP SymbolKind by the feature.
STAGE, VARIABLE, INSTRUCTION, DIRECTIVE = "stage", "variable", "instruction", "directive"
_NAME_WIDTH = 60


class OutlineSymbol(NamedTuple):
    name: str
    detail: str
    kind: str
    span: Span
    selection: Span
    children: tuple[OutlineSymbol, ...] = ()
    deprecated: bool = False


class Fold(NamedTuple):
    start_line: int  # 0-based
    end_line: int
    kind: str  # "region" | "comment"


def symbols(model: Model) -> list[OutlineSymbol]:
    df = model.dockerfile
    out = [OutlineSymbol(f"# {d.name.text}={d.value.text}", "parser directive", DIRECTIVE, d.span, d.name.span)
           for d in df.directives]
    out += [_instruction(ins) for ins in df.instructions if model.stage_of(ins) is None and not isinstance(ins, nodes.From)]
    for stage in model.stages:
        node = stage.node
        children = tuple(_instruction(ins) for ins in stage.instructions)
        end = max([node.span.end] + [c.span.end for c in children])
        name = stage.name or f"stage {stage.index}"
        selection = node.stage_name.span if node.stage_name is not None else node.keyword.span
        out.append(OutlineSymbol(name, f"FROM {stage.image_text or ''}".rstrip(), STAGE,
                                 Span(node.span.start, end), selection, children))
    return out


def _instruction(ins: nodes.Instruction) -> OutlineSymbol:
    keyword = ins.keyword.text.upper()
    if isinstance(ins, (nodes.Arg, nodes.Env)):
        name = f"{keyword} " + " ".join(p.key.text for p in ins.pairs)
        return OutlineSymbol(_short(name), "", VARIABLE, ins.span, ins.keyword.span)
    words = " ".join(w.text for w in ins.words())
    if isinstance(ins, nodes.Onbuild) and ins.trigger is not None:
        words = f"{ins.trigger.keyword.text.upper()} {words}"
    flags = " ".join(f.text for f in ins.flags)
    return OutlineSymbol(_short(f"{keyword} {words}".strip()), _short(flags), INSTRUCTION, ins.span, ins.keyword.span,
                         deprecated=isinstance(ins, nodes.Maintainer))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _NAME_WIDTH else text[:_NAME_WIDTH - 1] + "…"


def folds(model: Model, line_of: Callable[[int], int]) -> list[Fold]:
    """Stages, instructions over several lines, heredoc bodies and runs of two or more comment lines."""
    df = model.dockerfile
    out: list[Fold] = []
    for stage in model.stages:
        last = stage.instructions[-1] if stage.instructions else stage.node
        _add(out, line_of(stage.node.span.start), line_of(_end(last.span)), "region")
    for ins in df.instructions:
        heredocs = getattr(ins, "heredocs", ()) or getattr(getattr(ins, "trigger", None), "heredocs", ())
        first_body = min((h.body.start for h in heredocs), default=ins.span.end)
        _add(out, line_of(ins.span.start), line_of(_end(Span(ins.span.start, min(ins.span.end, first_body)))), "region")
        for h in heredocs:
            end = h.terminator if h.terminator is not None else h.body
            _add(out, line_of(h.marker.span.start), line_of(_end(end)), "region")
    run: list[int] = []
    for comment in df.comments:
        line = line_of(comment.span.start)
        if run and line != run[-1] + 1:
            _add(out, run[0], run[-1], "comment")
            run = []
        run.append(line)
    if run:
        _add(out, run[0], run[-1], "comment")
    return sorted(set(out))


def _end(span: Span) -> int:
    """The last character of a span (a span ending after a newline folds up to that line)."""
    return max(span.start, span.end - 1)


def _add(out: list[Fold], start: int, end: int, kind: str) -> None:
    if end > start:
        out.append(Fold(start, end, kind))
