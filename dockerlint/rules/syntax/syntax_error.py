from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL001",
    name="syntax-error",
    severity="error",
    summary="BuildKit cannot parse this",
    rationale=(
        "BuildKit's parser rejects the whole Dockerfile when one instruction is malformed: an `ENV` "
        "without a value, a JSON array with a non-string element, an unterminated heredoc, an "
        "invalid `# escape=` directive. dockerlint reports the instruction and keeps linting the rest."
    ),
    bad="FROM alpine:3.20\nENV DEBUG\n",
    good="FROM alpine:3.20\nENV DEBUG=1\n",
)


@check(META)
def syntax_error(ctx: Context) -> Iterator[Finding]:
    for issue in ctx.dockerfile.issues:
        if issue.fatal and issue.message != "file with no instructions":
            yield ctx.finding(META, issue.span, issue.message[:1].upper() + issue.message[1:])
