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
    code="DKL835",
    name="unpinned-yum-package",
    severity="warning",
    aliases=("DL3033",),
    summary="A `yum install` package has no version",
    rationale=(
        "Without a version the package installed depends on the day of the build. Name the "
        "version: `httpd-2.4.6` (`name-version[-release]`), or install an `.rpm` file; a module "
        "needs its stream (`yum module install nodejs:18`). A version in a variable "
        "(`httpd-$HTTPD_VERSION`) counts as a pin."
    ),
    bad="FROM centos:7\nRUN yum install -y httpd && yum clean all\n",
    good="FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
    divergence=(
        "Groups (`@group`) and files (paths, URLs) are not reported; a version may end in a glob "
        "(`httpd-2.4*`); any variable counts as a version, not only ARG/ENV ones."
        + PER_INSTALL
    ),
)


@check(META, on=nodes.Run)
def unpinned_yum_package(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    yield from rpm_unpinned(ctx, node, META, ("yum",), _rpm.versioned,
                            "Pin the version of `{package}`: `{package}-<version>`")
