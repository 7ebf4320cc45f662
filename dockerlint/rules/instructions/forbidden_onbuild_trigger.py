from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL605",
    name="forbidden-onbuild-trigger",
    severity="error",
    aliases=("DL3043",),
    summary="ONBUILD ONBUILD, ONBUILD FROM or ONBUILD MAINTAINER",
    rationale=(
        "BuildKit refuses these triggers: chaining `ONBUILD ONBUILD` is not allowed, and `FROM` "
        "and `MAINTAINER` cannot be deferred to a child build."
    ),
    bad="FROM alpine:3.20\nONBUILD FROM alpine:3.20\n",
    good="FROM alpine:3.20\nONBUILD RUN echo child build\n",
)

_FORBIDDEN = (nodes.Onbuild, nodes.From, nodes.Maintainer)


@check(META, on=nodes.Onbuild)
def forbidden_onbuild_trigger(node: nodes.Onbuild, ctx: Context) -> Iterator[Finding]:
    trigger = node.trigger
    if not isinstance(trigger, _FORBIDDEN) or ctx.in_onbuild(node):
        return
    name = trigger.keyword.text.upper()
    message = ("Chaining `ONBUILD ONBUILD` is not allowed" if name == "ONBUILD"
               else f"`{name}` is not allowed as an ONBUILD trigger")
    yield ctx.finding(META, trigger.keyword.span, message)
