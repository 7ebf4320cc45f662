from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL601",
    name="instruction-before-from",
    severity="error",
    aliases=("DL3061",),
    summary="An instruction other than ARG comes before the first FROM",
    rationale=(
        "Only `ARG` (and parser directives and comments) may precede the first `FROM`: there is no "
        "image yet for anything else to act on, and BuildKit stops with \"no build stage in current "
        "context\"."
    ),
    bad="LABEL org.opencontainers.image.title=app\nFROM alpine:3.20\n",
    good="ARG ALPINE=3.20\nFROM alpine:${ALPINE}\nLABEL org.opencontainers.image.title=app\n",
    divergence="An instruction BuildKit cannot parse (`CMD [ \"a\", [ \"b\" ] ]`) is reported once, as syntax-error.",
)


@check(META)
def instruction_before_from(ctx: Context) -> Iterator[Finding]:
    for ins in ctx.dockerfile.instructions:
        if isinstance(ins, nodes.From):
            return
        if not isinstance(ins, (nodes.Arg, nodes.Broken, nodes.Unknown)):
            yield ctx.finding(META, ins.keyword.span, f"Move `{ins.keyword.text}` after the first FROM: only ARG may come before it")
