from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _managers
from dockerlint.rules.shell._helpers import head_span, named
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL825",
    name="package-upgrade",
    severity="info",
    aliases=("DL3035", "DS-0024", "AVD-DS-0024", "DS024"),
    summary="Every installed package of the base image is upgraded in the build",
    rationale=(
        "`apt-get upgrade`/`dist-upgrade`, `apk upgrade`, `yum`/`dnf update`, `zypper dup` and "
        "their kin upgrade whatever the base image holds, so two builds of the same Dockerfile "
        "get different packages, and the layer duplicates much of the base image. A distribution "
        "upgrade (`dist-upgrade`, `zypper dup`) may even change the release under the image's feet. "
        "Prefer a newer (or rebuilt) base image tag, and upgrade single packages by name when a fix "
        "is urgent.\n\n"
        "Docker's own guidance no longer forbids upgrades (security fixes can matter more than "
        "reproducibility), which is why this is information rather than a warning."
    ),
    bad="FROM debian:12\nRUN apt-get update && apt-get dist-upgrade -y && rm -rf /var/lib/apt/lists/*\n",
    good="FROM debian:12.11\nRUN apt-get update && apt-get install -y --only-upgrade openssl=3.0.16-1~deb12u1 \\\n"
         " && rm -rf /var/lib/apt/lists/*\n",
    divergence=(
        "One rule for every package manager. hadolint checks only `zypper dist-upgrade` (DL3035, a "
        "warning); it retired its checks of `apt-get dist-upgrade` (DL3005), `apk upgrade` (DL3017), "
        "`yum update` (DL3031) and `dnf update` (DL3039). Upgrades of named packages are not reported."
    ),
)


@check(META, on=nodes.Run)
def package_upgrade(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for rs, cmd in named(ctx, node, *_managers.TOOLS):
        tool = cmd.name or ""
        sub = _managers.sub(cmd)
        if sub not in _managers.UPGRADE_ALL[tool]:
            continue
        if cmd.positional_args(_managers.OPTIONS[tool]):
            continue  # named packages only
        yield ctx.finding(META, head_span(rs, cmd, _managers.OPTIONS[tool]),
                          f"`{tool} {sub}` upgrades every package of the base image: use a newer base image instead")
