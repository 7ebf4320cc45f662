from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _managers, _rpm
from dockerlint.rules.shell._helpers import missing
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL834",
    name="zypper-without-yes",
    severity="warning",
    aliases=("DL3034",),
    summary="`zypper install` without `-n` or `-y`",
    rationale=(
        "zypper asks for confirmation, which a build cannot give. Run it non-interactively with "
        "the global `-n` (`--non-interactive`) or the subcommand's `-y` (`--no-confirm`)."
    ),
    bad="FROM opensuse/leap:15.6\nRUN zypper install 'nginx>=1.21' && zypper clean\n",
    good="FROM opensuse/leap:15.6\nRUN zypper install -y 'nginx>=1.21' && zypper clean\n",
    fix="safe",
    fix_description=(
        "Adds `-y` after the subcommand. Safe: without it zypper asks for confirmation, and a build has "
        "no one to answer, so the install aborts whenever there is anything to install."
    ),
)

SUBCOMMANDS = frozenset({"install", "in", "remove", "rm", "source-install", "si", "patch"})


@check(META, on=nodes.Run)
def zypper_without_yes(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    yield from missing(ctx, META, _rpm.installs(ctx, node, ("zypper",), SUBCOMMANDS),
                       lambda c: c.has_flag("-n", "--non-interactive", "-y", "--no-confirm"),
                       "Add `-y` (or the global `-n`): nobody can answer zypper's prompt during a build",
                       "-y", _managers.OPTIONS["zypper"])
