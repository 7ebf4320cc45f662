from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _managers
from dockerlint.rules.shell._helpers import head_span, later
from dockerlint.semantics.scripts import commands
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.shell import Command

META = RuleMeta(
    code="DKL826",
    name="update-without-install",
    severity="warning",
    aliases=("DS-0017", "AVD-DS-0017", "DS017", "CKV_DOCKER_5"),
    summary="The package index is refreshed in a RUN that installs nothing",
    rationale=(
        "Docker caches each RUN by its text. An `apt-get update` alone in its RUN stays cached for "
        "months, and a later `RUN apt-get install` then works from that stale index: it installs "
        "outdated packages or fails on versions that are gone from the mirror. Refresh and install "
        "in the same RUN: `apt-get update && apt-get install -y ...`."
    ),
    bad="FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n",
    good="FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n",
    divergence=(
        "Index refreshes are `apt-get`/`apt`/`apk update`, `yum`/`dnf makecache` and `zypper refresh`: "
        "`yum update` and `zypper update` upgrade packages, so they are installs (Trivy treats them as "
        "refreshes). The install must follow the refresh in the same RUN (Checkov counts across the file)."
    ),
)


def _refresh(cmd: Command) -> bool:
    return cmd.name in _managers.REFRESH and _managers.sub(cmd) in _managers.REFRESH[cmd.name]


@check(META, on=nodes.Run)
def update_without_install(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    found = commands(ctx, node)
    for rs, cmd in found:
        if not _refresh(cmd):
            continue
        family = _managers.FAMILY[cmd.name or ""]

        def installs(other: Command, family: str = family) -> bool:
            return (_managers.FAMILY.get(other.name or "") == family
                    and _managers.sub(other) in _managers.INSTALL[family])

        if not later(found, cmd, installs):
            yield ctx.finding(META, head_span(rs, cmd, _managers.OPTIONS[cmd.name or ""]),
                              "Install in the same RUN as the index refresh, or the refresh stays cached and stale")
