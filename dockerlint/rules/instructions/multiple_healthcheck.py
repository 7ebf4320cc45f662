from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.instructions._multiple import DIVERGENCE, ineffective
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL608",
    name="multiple-healthcheck",
    severity="warning",
    aliases=("DL3012", "DS023", "MultipleInstructionsDisallowed"),
    summary="More than one HEALTHCHECK in a stage: all but the last are ignored",
    rationale=(
        "A stage's image keeps only its last HEALTHCHECK; earlier ones do nothing but mislead the "
        "reader into thinking they run. BuildKit reports them (MultipleInstructionsDisallowed)."
    ),
    bad="FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\n",
    good="FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\n",
    fix="safe",
    fix_description=(
        "Delete the ineffective HEALTHCHECK. Safe: only a stage's last HEALTHCHECK takes effect; the "
        "deleted one never ran."
    ),
    tags=("unnecessary",),
    divergence=DIVERGENCE,
)


@check(META)
def multiple_healthcheck(ctx: Context) -> Iterator[Finding]:
    return ineffective(META, nodes.Healthcheck, ctx)
