from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.shell._helpers import PER_INSTALL
from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _rpm
from dockerlint.rules.shell._pins import rpm_unpinned
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL840",
    name="unpinned-dnf-package",
    severity="warning",
    aliases=("DL3041",),
    summary="A `dnf install` (or `microdnf install`) package has no version",
    rationale=(
        "Without a version the package installed depends on the day of the build. Name the "
        "version: `httpd-2.4.62` (`name-version[-release]`), or install an `.rpm` file; a module "
        "needs its stream (`dnf module install nodejs:20`). A version in a variable counts as a pin."
    ),
    bad="FROM fedora:41\nRUN dnf install -y httpd && dnf clean all\n",
    good="FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
    divergence=(
        "Groups (`@group`) and files (paths, URLs) are not reported; a version may end in a glob; "
        "any variable counts as a version, not only ARG/ENV ones."
        + PER_INSTALL
    ),
)


@check(META, on=nodes.Run)
def unpinned_dnf_package(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    yield from rpm_unpinned(ctx, node, META, ("dnf", "microdnf"), _rpm.versioned,
                            "Pin the version of `{package}`: `{package}-<version>`")
