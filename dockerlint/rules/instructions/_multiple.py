"""One check for the three "only the last one counts" instructions (CMD, ENTRYPOINT, HEALTHCHECK)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta
from dockerlint.rules.instructions._helpers import remove_line
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

DIVERGENCE = (
    "Like BuildKit we report the earlier, ineffective instructions; hadolint and Trivy report the "
    "later ones. The finding then sits on the line to delete, and the fix deletes it. Instructions "
    "before the first FROM belong to no stage (instruction-before-from reports them)."
)


def ineffective(meta: RuleMeta, kind: type[nodes.Instruction], ctx: Context) -> Iterator[Finding]:
    by_stage: dict[int, list[nodes.Instruction]] = {}
    for ins in ctx.of_type(kind):
        stage = ctx.model.stage_of(ins)
        if stage is not None and not ctx.in_onbuild(ins):
            by_stage.setdefault(stage.index, []).append(ins)
    for found in by_stage.values():
        if len(found) < 2:
            continue
        last = found[-1]
        line = ctx.lines.position(last.span.start).line
        name = last.keyword.text.upper()
        for ins in found[:-1]:
            yield ctx.finding(
                meta, ins.span, f"This {name} has no effect: the {name} on line {line} replaces it",
                fix=Fix(f"Remove the ineffective {name}", (remove_line(ctx, ins),)),
            )
