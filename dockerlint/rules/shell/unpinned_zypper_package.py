from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.shell._helpers import PER_INSTALL
from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell._pins import rpm_unpinned
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL837",
    name="unpinned-zypper-package",
    severity="warning",
    aliases=("DL3037",),
    summary="A `zypper install` package has no version",
    rationale=(
        "Without a version the package installed depends on the day of the build. Give one with "
        "a comparison, quoted for the shell: `'nginx=1.21.5'`, `'nginx>=1.21'`, or install an `.rpm` file."
    ),
    bad="FROM opensuse/leap:15.6\nRUN zypper install -y nginx && zypper clean\n",
    good="FROM opensuse/leap:15.6\nRUN zypper install -y 'nginx>=1.21' && zypper clean\n",
    divergence="Paths and URLs are not reported." + PER_INSTALL,
)

_COMPARED = re.compile(r"[<>=]")


def _pinned(package: str) -> bool:
    return bool(_COMPARED.search(package)) or package.endswith(".rpm") or "/" in package


@check(META, on=nodes.Run)
def unpinned_zypper_package(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    yield from rpm_unpinned(ctx, node, META, ("zypper",), _pinned,
                            "Pin the version of `{package}`: `'{package}>=<version>'`")
