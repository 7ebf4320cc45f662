from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _apt
from dockerlint.rules.shell._helpers import missing, piped_from
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.shell import Command

META = RuleMeta(
    code="DKL822",
    name="apt-get-without-yes",
    severity="warning",
    aliases=("DL3014", "DS-0021", "AVD-DS-0021", "DS021"),
    summary="`apt-get install` without `-y`",
    rationale=(
        "A build has no terminal to answer apt's \"Do you want to continue?\": without `-y` the "
        "install aborts as soon as it needs to install more than the named packages. `-y` (or "
        "`--yes`, `--assume-yes`, `-qq`, `-o APT::Get::Assume-Yes=true`) answers yes."
    ),
    bad="FROM debian:12\nRUN apt-get install --no-install-recommends curl=7.88.1-10+deb12u8\n",
    good="FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n",
    fix="safe",
    fix_description=(
        "Adds `-y` after `install`. Safe: without it apt-get asks for confirmation, and a build has no "
        "one to answer, so the install aborts whenever there is anything to install."
    ),
    divergence=(
        "Also checks `apt install`, and installs behind `sudo`/`env`, in `sh -c`/`su -c` strings and in "
        "heredocs (hadolint misses these); accepts `-o APT::Get::Assume-Yes=true` and `yes | apt-get install` "
        "(hadolint reports both). Like hadolint, and unlike Trivy, `-qq` counts as yes."
    ),
)


def _quiet_level(cmd: Command) -> int:
    """`-qq`, `-q -q`, `--quiet --quiet`, `-q=2`: level 2 implies yes."""
    level = 0
    for word in cmd.options():
        v = word.value or ""
        if v in ("-q=2", "--quiet=2"):
            level += 2
        elif v == "--quiet":
            level += 1
        elif not v.startswith("--") and set(v[1:]) == {"q"}:
            level += len(v) - 1
    return level


def _answers_yes(cmd: Command) -> bool:
    return (cmd.has_flag("-y", "--yes", "--assume-yes") or piped_from(cmd, "yes") or _quiet_level(cmd) >= 2
            or _apt.option_set(cmd, "APT::Get::Assume-Yes", ("true", "1", "yes")))


@check(META, on=nodes.Run)
def apt_get_without_yes(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    yield from missing(ctx, META, _apt.installs(ctx, node), _answers_yes,
                       "Add `-y`: nobody can answer apt's prompt during a build", "-y", _apt.OPTIONS)
