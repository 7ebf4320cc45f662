from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _apt
from dockerlint.rules.shell._helpers import append_fix, cache_mounted, executed, head_span, image_stage, later, rm_of
from dockerlint.semantics.scripts import commands
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.model import Stage
    from dockerlint.shell import Command

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
    fix_description=(
        "Appends `&& rm -rf /var/lib/apt/lists/*` to the RUN, as a new continuation line when the RUN "
        "already spans several lines. Safe: the lists are only a download cache, except for a later "
        "`apt-get install` that runs without its own `apt-get update` (in a later RUN of the stage or "
        "of a stage built FROM it): it would fail with \"Unable to locate package\", so then no fix "
        "is offered (add `apt-get update` to that RUN, and remove the lists there)."
    ),
    divergence=(
        "The `rm` must come after the last `apt-get update` (an `rm` before it leaves the new lists); "
        "removing a parent folder (`rm -rf /var/lib/apt`) and `apt-get dist-clean` (apt 2.7+) count. "
        "A relative path is resolved from the RUN's WORKDIR and the `cd`s before the `rm` "
        "(`cd /var/lib && rm -rf apt/lists`); where the directory is unknown (a base image's own "
        "WORKDIR, `cd $DIR`), a relative path that could be the lists (`rm -rf lists/*`) counts."
    ),
)

_APT_TOOLS = ("apt-get", "apt", "aptitude")


def _is_update(cmd) -> bool:
    return cmd.name in _APT_TOOLS and _apt.sub(cmd) == "update"


@check(META)  # a whole-file check: whether the fix is safe depends on the RUNs after this one
def apt_lists_not_removed(ctx: Context) -> Iterator[Finding]:
    for node in ctx.of_type(nodes.Run):
        yield from _check_run(node, ctx)  # type: ignore[arg-type]


def _check_run(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    found = commands(ctx, node)
    updates = [(rs, c) for rs, c in executed(found) if _is_update(c)]
    if not updates or not image_stage(ctx, node):
        return
    if cache_mounted(node, _apt.LISTS) or cache_mounted(node, "/var/lib/apt") and cache_mounted(node, "/var/cache/apt"):
        return
    rs, last = updates[-1]
    removes = rm_of(ctx, node, found, _apt.LISTS)
    if later(found, last, lambda c: removes(c) or (c.name in _apt.APT and _apt.sub(c) == "dist-clean")):
        return
    fix = None
    stage = ctx.model.stage_of(node)
    if stage is None or not _needed_after(ctx, stage, node):
        fix = append_fix(ctx, node, "Append `&& rm -rf /var/lib/apt/lists/*`", "rm -rf /var/lib/apt/lists/*")
    yield ctx.finding(
        META, head_span(rs, updates[0][1], _apt.OPTIONS),
        "Remove the package lists in the same RUN: `&& rm -rf /var/lib/apt/lists/*`", fix=fix,
    )


def _needed_after(ctx: Context, stage: Stage, node: nodes.Instruction, depth: int = 0) -> bool:
    """A RUN after `node` (in its stage, then in the stages built FROM it) installs without
    updating the lists first, while no RUN between has brought them back."""
    for ins in stage.instructions:
        if ins.span.start <= node.span.start:
            continue
        if not isinstance(ins, nodes.Run):
            continue
        for _, cmd in executed(commands(ctx, ins)):
            if _is_update(cmd):
                return False  # the lists are back for the rest of this stage and those built FROM it
            if cmd.name in _APT_TOOLS and _apt.sub(cmd) in _NEEDS_LISTS:
                return True
    children = (s for s in ctx.model.stages if s.base_stage is stage and s is not stage)
    return depth < 64 and any(_needed_after(ctx, child, child.node, depth + 1) for child in children)


# Subcommands that look packages up in the lists.
_NEEDS_LISTS = frozenset(("install", "upgrade", "dist-upgrade", "full-upgrade", "source", "build-dep", "download"))
