from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _managers
from dockerlint.rules.shell._helpers import cache_mounted, later, missing, named, rm_of
from dockerlint.semantics.scripts import commands
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL831",
    name="apk-cache-kept",
    severity="info",
    aliases=("DL3019", "DS-0025", "AVD-DS-0025", "DS025"),
    summary="`apk add` without `--no-cache`",
    rationale=(
        "Without `--no-cache`, apk keeps the package index in `/var/cache/apk` and the layer "
        "carries it. `apk add --no-cache` fetches a fresh index, uses it and leaves nothing "
        "behind (and makes a separate `apk update` unnecessary)."
    ),
    bad="FROM alpine:3.21\nRUN apk add curl=8.12.1-r0\n",
    good="FROM alpine:3.21\nRUN apk add --no-cache curl=8.12.1-r0\n",
    fix="safe",
    fix_description=(
        "Adds `--no-cache` after `add`. Safe: the package index is a download cache; apk fetches it again "
        "when a later `apk add` needs it."
    ),
    divergence=(
        "Also accepted: `--no-network` (nothing is downloaded), removing `/var/cache/apk` later in the same RUN (hadolint and Trivy report it), "
        "and a cache mount on `/var/cache/apk` (Trivy reports it)."
    ),
)


@check(META, on=nodes.Run)
def apk_cache_kept(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    if cache_mounted(node, "/var/cache/apk", "/etc/apk/cache"):
        return
    found = commands(ctx, node)
    adds = [(rs, c) for rs, c in named(ctx, node, "apk") if _managers.sub(c) == "add"]
    removes = rm_of(ctx, node, found, "/var/cache/apk")
    yield from missing(
        ctx, META, adds,
        lambda c: c.has_flag("--no-cache", "--no-network") or later(found, c, removes),
        "Add `--no-cache` so the package index stays out of the layer", "--no-cache", _managers.OPTIONS["apk"])
