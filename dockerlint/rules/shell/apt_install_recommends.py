from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _apt
from dockerlint.rules.shell._helpers import missing
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.shell import Command

META = RuleMeta(
    code="DKL823",
    name="apt-install-recommends",
    severity="info",
    aliases=("DL3015", "DS-0029", "AVD-DS-0029", "DS029"),
    summary="`apt-get install` also installs the recommended packages",
    rationale=(
        "By default apt installs every package the named ones recommend, which often doubles "
        "the size of the layer with documentation, fonts and tools the image never uses. "
        "`--no-install-recommends` installs only what is required."
    ),
    bad="FROM debian:12\nRUN apt-get install -y curl=7.88.1-10+deb12u8\n",
    good="FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n",
    fix="unsafe",
    fix_description=(
        "Adds `--no-install-recommends` after `install`. Unsafe: a program may rely on a recommended "
        "package, which then has to be named explicitly."
    ),
    divergence=(
        "Also checks `apt install`, and installs behind `sudo`/`env`, in `sh -c`/`su -c` strings and in "
        "heredocs (hadolint misses these); accepts `-o APT::Install-Recommends=0` as well as `=false`."
    ),
)


def _no_recommends(cmd: Command) -> bool:
    return cmd.has_flag("--no-install-recommends") or _apt.option_set(
        cmd, "APT::Install-Recommends", ("false", "0", "no", "off"))


@check(META, on=nodes.Run)
def apt_install_recommends(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    yield from missing(ctx, META, _apt.installs(ctx, node), _no_recommends,
                       "Add `--no-install-recommends` to install only what the packages need",
                       "--no-install-recommends", _apt.OPTIONS)
