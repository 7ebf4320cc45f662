from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.instructions._multiple import DIVERGENCE, ineffective
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL606",
    name="multiple-cmd",
    severity="warning",
    aliases=("DL4003", "DS016", "MultipleInstructionsDisallowed"),
    summary="More than one CMD in a stage: all but the last are ignored",
    rationale=(
        "A stage's image keeps only its last CMD; earlier ones do nothing but mislead the "
        "reader into thinking they run. BuildKit reports them (MultipleInstructionsDisallowed)."
    ),
    bad="FROM alpine:3.20\nCMD [\"sh\"]\nCMD [\"ash\"]\n",
    good="FROM alpine:3.20\nCMD [\"ash\"]\n",
    fix="safe",
    fix_description=(
        "Delete the ineffective CMD. Safe: only a stage's last CMD takes effect; the deleted one never "
        "ran."
    ),
    tags=("unnecessary",),
    divergence=DIVERGENCE,
)


@check(META)
def multiple_cmd(ctx: Context) -> Iterator[Finding]:
    return ineffective(META, nodes.Cmd, ctx)
