from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, replace
from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL106",
    name="redundant-target-platform",
    severity="warning",
    aliases=("DL3065", "RedundantTargetPlatform"),
    summary="`FROM --platform=$TARGETPLATFORM` repeats the default",
    rationale=(
        "A stage is built for the target platform unless told otherwise, so "
        "`--platform=$TARGETPLATFORM` changes nothing and only adds noise; worse, readers may take "
        "it for the `$BUILDPLATFORM` that cross-compiling stages need."
    ),
    bad="FROM --platform=$TARGETPLATFORM alpine:3.20\n",
    good="FROM alpine:3.20\n",
    fix="safe",
    fix_description=(
        "Remove the `--platform` flag. Safe: a FROM without `--platform` pulls for the target platform, "
        "which is what `$TARGETPLATFORM` says."
    ),
    tags=("unnecessary",),
)


@check(META, on=nodes.From)
def redundant_target_platform(node: nodes.From, ctx: Context) -> Iterator[Finding]:
    flag = node.flag("platform")
    if flag is None or flag.value is None:
        return
    from dockerlint.semantics.expand import find_refs

    text = flag.value.text
    refs = find_refs(text, escape=ctx.model.escape)
    if len(refs) != 1 or refs[0].name != "TARGETPLATFORM" or refs[0].operator or (refs[0].start, refs[0].end) != (0, len(text)):
        return
    following = [f.span.start for f in node.flags if f.span.start > flag.span.start]
    following += [w.span.start for w in node.args]
    end = min(following, default=flag.span.end)
    yield ctx.finding(
        META, flag.span, f"`--platform={text}` is the default: remove it",
        fix=Fix("Remove `--platform`", (replace(Span(flag.span.start, end), ""),)),
    )
