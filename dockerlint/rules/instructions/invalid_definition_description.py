from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, insert
from dockerlint.suppress import parse_pragma
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL625",
    name="invalid-definition-description",
    severity="info",
    aliases=("InvalidDefinitionDescription",),
    summary="The comment above a stage or ARG does not start with its name",
    rationale=(
        "BuildKit reads the comment right above `FROM ... AS name` and `ARG name` as that stage's or "
        "argument's description (shown by `docker buildx build --call outline`), in the form "
        "`# name description`. A comment there that does not start with the name is taken as a "
        "description anyway. Start it with the name, or put a blank line between the comment and the "
        "instruction. BuildKit has this check as experimental, so it is off by default here too."
    ),
    bad="# the build image\nFROM golang:1.23 AS build\nRUN go build ./...\n",
    good="# build compiles the service\nFROM golang:1.23 AS build\nRUN go build ./...\n",
    fix="safe",
    fix_description=(
        "Insert a blank line between the comment and the instruction, so the comment is no description. "
        "Safe: comments and blank lines do not reach the build."
    ),
    default_enabled=False,
)


def _defined_name(ins: nodes.Instruction) -> nodes.Word | None:
    if isinstance(ins, nodes.From):
        return ins.stage_name
    if isinstance(ins, nodes.Arg) and ins.pairs:
        return ins.pairs[0].key
    return None


@check(META)
def invalid_definition_description(ctx: Context) -> Iterator[Finding]:
    lines = ctx.lines
    by_line = {lines.position(c.span.start).line: c for c in ctx.dockerfile.comments}
    for ins in ctx.dockerfile.instructions:
        name = _defined_name(ins)
        if name is None:
            continue
        first_line = lines.position(ins.span.start).line
        block = []
        line = first_line - 1
        while line in by_line:
            block.append(by_line[line])
            line -= 1
        if not block:
            continue
        top = block[-1]
        if parse_pragma(top) is not None or not top.text:
            continue
        if top.text.split()[0] != name.text:
            yield ctx.finding(
                META, top.span,
                f"Start the description with `{name.text}` (`# {name.text} ...`), or separate the comment "
                "from the instruction with a blank line",
                fix=Fix("Separate the comment with a blank line",
                        (insert(lines.line_start(first_line), lines.text[lines.line_end(first_line - 1):lines.line_start(first_line)]),)),
            )
