from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _rpm
from dockerlint.rules.shell._helpers import cache_mounted, uncleaned
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL836",
    name="zypper-cache-kept",
    severity="warning",
    aliases=("DL3036", "DS-0020", "AVD-DS-0020", "DS020"),
    summary="`zypper install` without `zypper clean` in the same RUN",
    rationale=(
        "zypper keeps downloaded packages and metadata in `/var/cache/zypp`; left in the layer "
        "they grow the image. Run `zypper clean` (`zypper cc`) in the same RUN, after the "
        "install, or use a cache mount on `/var/cache/zypp`."
    ),
    bad="FROM opensuse/leap:15.6\nRUN zypper install -y 'nginx>=1.21'\n",
    good="FROM opensuse/leap:15.6\nRUN zypper install -y 'nginx>=1.21' && zypper clean\n",
    fix="safe",
    fix_description=(
        "Appends `&& zypper clean` to the RUN. Safe: the caches are downloads; zypper refreshes its "
        "repositories again when a later command needs them."
    ),
    divergence="Removing `/var/cache/zypp` counts. Like hadolint, only installs need a clean (Trivy also counts remove and patch).",
)


@check(META, on=nodes.Run)
def zypper_cache_kept(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    if cache_mounted(node, "/var/cache/zypp"):
        return
    installs = _rpm.installs(ctx, node, ("zypper",), frozenset({"install", "in"}))
    yield from uncleaned(
        ctx, node, META, installs,
        lambda _, c: c.name == "zypper" and c.subcommand() in ("clean", "cc"),
        lambda _: "zypper clean", "Clean zypper's cache in the same RUN: `&& {clean}`", ("/var/cache/zypp",))
