from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell._helpers import named
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL810",
    name="world-writable-chmod",
    severity="warning",
    summary="`chmod 777` (or `o+w`) makes files writable by every user of the container",
    rationale=(
        "A world-writable file or folder can be changed by any process in the container, "
        "whatever its user: a compromised unprivileged process can then alter programs or "
        "configuration that others run. Give write access to the owner (`chown` to the user "
        "that needs it, `chmod 755`/`644`) or to a group. Folders with the sticky bit "
        "(`chmod 1777 /tmp`) are not reported."
    ),
    bad="FROM debian:12\nRUN mkdir /data && chmod -R 777 /data\n",
    good="FROM debian:12\nRUN mkdir /data && chown -R 1000:1000 /data && chmod -R 755 /data\n",
)

_OCTAL = re.compile(r"0*([0-7]?)[0-7][0-7]([0-7])")
_SYMBOLIC = re.compile(r"([ugoa]*)([-+=])([rwxXst]*)")


def world_writable(mode: str) -> bool:
    m = _OCTAL.fullmatch(mode)
    if m:
        special, others = m.group(1), int(m.group(2))
        return bool(others & 2) and not (special and int(special) & 1)
    for clause in mode.split(","):
        c = _SYMBOLIC.fullmatch(clause)
        if c and c.group(2) in "+=" and "w" in c.group(3) and "t" not in c.group(3) and set(c.group(1)) & set("oa"):
            return True
    return False


@check(META, on=nodes.Run)
def world_writable_chmod(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for rs, cmd in named(ctx, node, "chmod"):
        modes = cmd.positional_args(("--reference",), after_subcommand=False)
        if modes and modes[0].value and world_writable(modes[0].value):
            yield ctx.finding(META, rs.word_span(modes[0]),
                              f"`chmod {modes[0].value}` lets every user write: give write access to the owner or a group")
