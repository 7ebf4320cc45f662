from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.suppress import pragmas

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL624",
    name="inline-ignore-pragma",
    severity="info",
    aliases=("DL1001",),
    summary="An inline `# dockerlint ignore=` or `# hadolint ignore=` comment",
    rationale=(
        "For teams that want every exception in the configuration, where it is reviewed once, "
        "rather than scattered through Dockerfiles. Off by default (as in hadolint); select it to "
        "use it. File-wide `global ignore=` pragmas are not reported."
    ),
    bad="FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add --no-cache curl\n",
    good="FROM alpine:3.20\nRUN apk add --no-cache curl\n",
    default_enabled=False,
)


@check(META)
def inline_ignore_pragma(ctx: Context) -> Iterator[Finding]:
    for pragma in pragmas(ctx.dockerfile):
        if not pragma.is_global:
            yield ctx.finding(META, pragma.comment.span, "Move this exception to the configuration (`ignore` or `per-file-ignores`)")
