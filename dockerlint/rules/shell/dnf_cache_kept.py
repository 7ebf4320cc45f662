from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _rpm
from dockerlint.rules.shell._helpers import cache_mounted, uncleaned
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL839",
    name="dnf-cache-kept",
    severity="warning",
    aliases=("DL3040", "DS-0019", "AVD-DS-0019", "DS019", "DS-0027", "AVD-DS-0027", "DS027"),
    summary="`dnf install` (or `microdnf install`) without `dnf clean all` in the same RUN",
    rationale=(
        "dnf keeps downloaded packages and metadata in its cache (`/var/cache/dnf`, "
        "`/var/cache/libdnf5`); left in the layer they grow the image for nothing. Run "
        "`dnf clean all` (`microdnf clean all`) in the same RUN, after the install, or use a "
        "cache mount on the cache folder."
    ),
    bad="FROM fedora:41\nRUN dnf install -y httpd-2.4.62\n",
    good="FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
    fix="safe",
    fix_description=(
        "Appends `&& dnf clean all` (`&& microdnf clean all`) to the RUN. Safe: the caches are downloads; "
        "dnf fetches the metadata again when a later command needs it."
    ),
    divergence="Removing `/var/cache/dnf` or `/var/cache/yum` counts as well as `/var/cache/libdnf5`.",
)

_SUBCOMMANDS = frozenset({"install", "in", "upgrade", "up", "upgrade-minimal", "up-min", "reinstall", "rei",
                          "groupinstall", "localinstall"})
_CACHES = ("/var/cache/libdnf5", "/var/cache/dnf", "/var/cache/yum")


def _cleans(install, other) -> bool:
    return (other.name == install.name and other.subcommand() == "clean"
            and "all" in [w.value for w in other.positional_args()])


@check(META, on=nodes.Run)
def dnf_cache_kept(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    if cache_mounted(node, *_CACHES, ".cache/libdnf5"):
        return
    installs = _rpm.installs(ctx, node, ("dnf", "microdnf"), _SUBCOMMANDS)
    yield from uncleaned(ctx, node, META, installs, _cleans, lambda c: f"{c.name} clean all",
                         "Clean the package cache in the same RUN: `&& {clean}`", _CACHES)
