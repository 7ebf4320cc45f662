from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _rpm
from dockerlint.rules.shell._helpers import cache_mounted, uncleaned
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL833",
    name="yum-cache-kept",
    severity="warning",
    aliases=("DL3032", "DS-0015", "AVD-DS-0015", "DS015"),
    summary="`yum install` without `yum clean all` in the same RUN",
    rationale=(
        "yum keeps downloaded packages and metadata in `/var/cache/yum`; left in the layer they "
        "grow the image for nothing. Clean in the same RUN, after the install: `yum clean all` "
        "(or `rm -rf /var/cache/yum`), or use a cache mount on `/var/cache/yum`."
    ),
    bad="FROM centos:7\nRUN yum install -y httpd-2.4.6\n",
    good="FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
    fix="safe",
    fix_description=(
        "Appends `&& yum clean all` to the RUN. Safe: the caches are downloads; yum fetches the metadata "
        "again when a later command needs it."
    ),
    divergence=(
        "Any `yum clean` subcommand after the install counts (hadolint accepts any later `yum` "
        "command with the word `clean` or `all`); a cache mount on `/var/cache/yum` counts too."
    ),
)


@check(META, on=nodes.Run)
def yum_cache_kept(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    if cache_mounted(node, "/var/cache/yum"):
        return
    installs = _rpm.installs(ctx, node, ("yum",), frozenset({"install", "groupinstall", "localinstall"}))
    yield from uncleaned(
        ctx, node, META, installs,
        lambda _, c: c.name == "yum" and c.subcommand() == "clean",
        lambda _: "yum clean all", "Clean yum's cache in the same RUN: `&& {clean}`", ("/var/cache/yum",))
