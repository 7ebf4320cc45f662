from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell._helpers import named
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL802",
    name="cd-in-run",
    severity="warning",
    aliases=("DL3003", "DS-0013", "AVD-DS-0013", "DS013"),
    summary="`cd` in a RUN instead of `WORKDIR`",
    rationale=(
        "A `cd` lasts only until the end of its RUN, so the next instruction silently runs in "
        "the old folder, and the script's meaning depends on hidden state. `WORKDIR` sets the "
        "folder for every following instruction and documents it."
    ),
    bad="FROM debian:12\nRUN cd /usr/src/app && make\n",
    good="FROM debian:12\nWORKDIR /usr/src/app\nRUN make\n",
    divergence=(
        "A `cd` inside a subshell, `(cd dir && make)`, or inside a `sh -c`/`su -c` script is not reported: "
        "it cannot leak, and it is the usual way to work in a folder briefly."
    ),
)


@check(META, on=nodes.Run)
def cd_in_run(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for rs, cmd in named(ctx, node, "cd"):
        if "subshell" in cmd.context or "sh -c" in cmd.context:
            continue
        yield ctx.finding(META, rs.command_span(cmd), "Set the folder with `WORKDIR` instead of `cd`")
