from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _managers, _rpm
from dockerlint.rules.shell._helpers import missing, piped_from
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL838",
    name="dnf-without-yes",
    severity="warning",
    aliases=("DL3038",),
    summary="`dnf install` (or `microdnf install`) without `-y`",
    rationale=(
        "A build cannot answer dnf's confirmation prompt: without `-y` (`--assumeyes`) the "
        "install stops at \"Is this ok [y/N]\" and the RUN fails."
    ),
    bad="FROM fedora:41\nRUN dnf install httpd-2.4.62 && dnf clean all\n",
    good="FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n",
    fix="safe",
    fix_description=(
        "Adds `-y` after the subcommand. Safe: without it dnf asks for confirmation, and a build has no "
        "one to answer, so the install aborts whenever there is anything to install."
    ),
    divergence="Accepts `yes | dnf install` (hadolint reports it).",
)

SUBCOMMANDS = frozenset({"install", "in", "groupinstall", "localinstall"})


@check(META, on=nodes.Run)
def dnf_without_yes(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for tool in ("dnf", "microdnf"):
        yield from missing(ctx, META, _rpm.installs(ctx, node, (tool,), SUBCOMMANDS),
                           lambda c: c.has_flag("-y", "--assumeyes") or piped_from(c, "yes"),
                           f"Add `-y`: nobody can answer {tool}'s prompt during a build", "-y", _managers.OPTIONS[tool])
