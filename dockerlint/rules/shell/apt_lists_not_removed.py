from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _apt
from dockerlint.rules.shell._helpers import append_fix, cache_mounted, head_span, image_stage, later, rm_of
from dockerlint.semantics.scripts import commands
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL821",
    name="apt-lists-not-removed",
    severity="info",
    aliases=("DL3009",),
    summary="`apt-get update` leaves the package lists in the layer",
    rationale=(
        "`apt-get update` downloads the package lists into `/var/lib/apt/lists` (tens of MB). "
        "Removed in a later RUN they still weigh on the image, because the earlier layer keeps "
        "them; remove them in the same RUN, after the install. A cache or tmpfs mount on "
        "`/var/lib/apt/lists` (or on both `/var/lib/apt` and `/var/cache/apt`) keeps them out "
        "of the layer too.\n\n"
        "Only stages whose files end up in an image are checked: the final stage and stages "
        "other stages are built `FROM`."
    ),
    bad="FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n",
    good="FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n"
         "    && rm -rf /var/lib/apt/lists/*\n",
    fix="safe",
    fix_description="Appends `&& rm -rf /var/lib/apt/lists/*` to the RUN, as a new continuation line "
                    "when the RUN already spans several lines.",
    divergence=(
        "The `rm` must come after the last `apt-get update` (an `rm` before it leaves the new lists); "
        "removing a parent folder (`rm -rf /var/lib/apt`) and `apt-get dist-clean` (apt 2.7+) count. "
        "A relative path is resolved from the RUN's WORKDIR and the `cd`s before the `rm` "
        "(`cd /var/lib && rm -rf apt/lists`); where the directory is unknown (a base image's own "
        "WORKDIR, `cd $DIR`), a relative path that could be the lists (`rm -rf lists/*`) counts."
    ),
)

_UPDATERS = ("apt-get", "apt", "aptitude")


def _is_update(cmd) -> bool:
    return cmd.name in _UPDATERS and _apt.sub(cmd) == "update"


@check(META, on=nodes.Run)
def apt_lists_not_removed(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    found = commands(ctx, node)
    updates = [(rs, c) for rs, c in found if _is_update(c)]
    if not updates or not image_stage(ctx, node):
        return
    if cache_mounted(node, _apt.LISTS) or cache_mounted(node, "/var/lib/apt") and cache_mounted(node, "/var/cache/apt"):
        return
    rs, last = updates[-1]
    removes = rm_of(ctx, node, found, _apt.LISTS)
    if later(found, last, lambda c: removes(c) or (c.name in _apt.APT and _apt.sub(c) == "dist-clean")):
        return
    yield ctx.finding(
        META, head_span(rs, updates[0][1], _apt.OPTIONS),
        "Remove the package lists in the same RUN: `&& rm -rf /var/lib/apt/lists/*`",
        fix=append_fix(ctx, node, "Append `&& rm -rf /var/lib/apt/lists/*`", "rm -rf /var/lib/apt/lists/*"),
    )
