from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL002",
    name="empty-continuation-line",
    severity="warning",
    summary="An empty line inside a line continuation",
    rationale=(
        "An empty line after a `\\` continuation does not end the instruction: the next non-empty "
        "line still belongs to it, which is rarely what the author meant. BuildKit warns that "
        "empty continuation lines will become errors in a future release."
    ),
    bad="FROM alpine:3.20\nRUN apk add --no-cache curl \\\n\n    git\n",
    good="FROM alpine:3.20\nRUN apk add --no-cache curl \\\n    git\n",
    aliases=("NoEmptyContinuation",),
)


@check(META)
def empty_continuation_line(ctx: Context) -> Iterator[Finding]:
    for issue in ctx.dockerfile.issues:
        if not issue.fatal and issue.message.startswith("empty continuation"):
            yield ctx.finding(META, issue.span, "Remove the empty line from the continuation, or end the instruction before it")
