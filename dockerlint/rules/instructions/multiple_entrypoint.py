from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.instructions._multiple import DIVERGENCE, ineffective
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL607",
    name="multiple-entrypoint",
    severity="error",
    aliases=("DL4004", "DS007", "MultipleInstructionsDisallowed"),
    summary="More than one ENTRYPOINT in a stage: all but the last are ignored",
    rationale=(
        "A stage's image keeps only its last ENTRYPOINT; earlier ones do nothing but mislead the "
        "reader into thinking they run. BuildKit reports them (MultipleInstructionsDisallowed)."
    ),
    bad="FROM alpine:3.20\nENTRYPOINT [\"/docker-entrypoint.sh\"]\nENTRYPOINT [\"/init\"]\n",
    good="FROM alpine:3.20\nENTRYPOINT [\"/init\"]\n",
    fix="safe",
    fix_description=(
        "Delete the ineffective ENTRYPOINT. Safe: only a stage's last ENTRYPOINT takes effect; the "
        "deleted one never ran."
    ),
    tags=("unnecessary",),
    divergence=DIVERGENCE,
)


@check(META)
def multiple_entrypoint(ctx: Context) -> Iterator[Finding]:
    return ineffective(META, nodes.Entrypoint, ctx)
