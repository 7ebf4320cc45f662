from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.copy_add._helpers import expanded, workdir_set_before
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL403",
    name="relative-copy-destination-without-workdir",
    severity="warning",
    aliases=("DL3045",),
    summary="COPY or ADD to a relative destination before any WORKDIR",
    rationale=(
        "A relative destination is resolved against the working directory, which, before any "
        "`WORKDIR` in the stage, is whatever the base image chose. A new base image version can "
        "move your files. Set `WORKDIR` first, or copy to an absolute path."
    ),
    bad="FROM node:22-alpine\nCOPY package.json .\n",
    good="FROM node:22-alpine\nWORKDIR /app\nCOPY package.json .\n",
    divergence=(
        "ADD is checked too (hadolint checks COPY only). Destinations with variables are judged "
        "after expansion; an unknown value is not reported."
    ),
)


@check(META, on=(nodes.Copy, nodes.Add))
def relative_copy_destination_without_workdir(node: nodes.Copy | nodes.Add, ctx: Context) -> Iterator[Finding]:
    dest = node.destination
    if dest is None or ctx.in_onbuild(node):
        return  # an ONBUILD trigger runs in a later build, on top of that image's WORKDIR
    value = expanded(dest, node, ctx)
    if value is None or value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":"):
        return
    if workdir_set_before(node, ctx):
        return
    yield ctx.finding(
        META, dest.span,
        f"`{dest.text}` is relative to the base image's working directory: set `WORKDIR` first or use an absolute path",
    )
