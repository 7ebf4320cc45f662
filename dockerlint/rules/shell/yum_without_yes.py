from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _managers, _rpm
from dockerlint.rules.shell._helpers import missing, piped_from
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL832",
    name="yum-without-yes",
    severity="warning",
    aliases=("DL3030",),
    summary="`yum install` without `-y`",
    rationale=(
        "A build cannot answer yum's confirmation prompt: without `-y` (`--assumeyes`) the "
        "install stops at \"Is this ok [y/N]\" and the RUN fails."
    ),
    bad="FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n",
    good="FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
    fix="safe",
    fix_description=(
        "Adds `-y` after the subcommand. Safe: without it yum asks for confirmation, and a build has no "
        "one to answer, so the install aborts whenever there is anything to install."
    ),
    divergence="Accepts `yes | yum install` (hadolint reports it).",
)

SUBCOMMANDS = frozenset({"install", "groupinstall", "localinstall"})


@check(META, on=nodes.Run)
def yum_without_yes(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    yield from missing(ctx, META, _rpm.installs(ctx, node, ("yum",), SUBCOMMANDS),
                       lambda c: c.has_flag("-y", "--assumeyes") or piped_from(c, "yes"),
                       "Add `-y`: nobody can answer yum's prompt during a build", "-y", _managers.OPTIONS["yum"])
