from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL202",
    name="reserved-stage-name",
    severity="warning",
    aliases=("DL3063", "ReservedStageName"),
    summary="A stage is named `scratch` or `context`",
    rationale=(
        "`scratch` is the empty base image and `context` names the build context in "
        "`COPY --from=context`/`--build-context`; a stage with either name is shadowed by the "
        "reserved meaning, so references to it do not reach the stage."
    ),
    bad="FROM alpine:3.20 AS scratch\nRUN echo hi > /hi\n",
    good="FROM alpine:3.20 AS base\nRUN echo hi > /hi\n",
)

_RESERVED = ("scratch", "context")


@check(META, on=nodes.From)
def reserved_stage_name(node: nodes.From, ctx: Context) -> Iterator[Finding]:
    name = node.stage_name
    if name is not None and name.text.lower() in _RESERVED:
        yield ctx.finding(META, name.span, f"`{name.text}` is a reserved name: rename the stage")
