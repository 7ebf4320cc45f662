from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL003",
    name="no-instructions",
    severity="error",
    summary="The file has no instructions",
    rationale="BuildKit refuses a Dockerfile with nothing but comments or blank lines: `file with no instructions`.",
    bad="# TODO\n",
    good="FROM alpine:3.20\n",
)


@check(META)
def no_instructions(ctx: Context) -> Iterator[Finding]:
    for issue in ctx.dockerfile.issues:
        if issue.message == "file with no instructions":
            yield ctx.finding(META, issue.span, "Add a FROM instruction: BuildKit rejects a file with no instructions")
