from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules._refs import from_refs, resolve
from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.stages._stages import describe

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL206",
    name="copy-from-self",
    severity="error",
    aliases=("DL3023", "DS006"),
    summary="`--from` names the stage it is in",
    rationale=(
        "A stage cannot copy from itself: BuildKit stops with a circular dependency error. Copy "
        "from the stage that produced the files, or use a plain `COPY` from the build context."
    ),
    bad="FROM node:22 AS web\nRUN npm run build\nCOPY --from=web /src/dist /srv\n",
    good="FROM node:22 AS build\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /src/dist /srv\n",
    divergence="Also catches a numeric `--from` equal to the stage's own index and `RUN --mount from=`.",
)


@check(META)
def copy_from_self(ctx: Context) -> Iterator[Finding]:
    for ref in from_refs(ctx):
        current = ctx.model.stage_of(ref.instruction)
        if current is not None and resolve(ref, ctx) is current:
            yield ctx.finding(
                META, ref.span,
                f"`--from={ref.raw}` is {describe(current)}, the stage this instruction is in: copy from another stage",
            )
