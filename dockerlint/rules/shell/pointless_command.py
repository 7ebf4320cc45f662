from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell._helpers import named
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL801",
    name="pointless-command",
    severity="info",
    aliases=("DL3001",),
    summary="A RUN runs a command that makes no sense while building an image",
    rationale=(
        "A build step runs once, without a terminal, and keeps only the files it leaves behind. "
        "Interactive tools (`vim`, `top`, `ssh`), process and service control (`ps`, `kill`, "
        "`service`, `shutdown`), `free` and `mount` change nothing in the image, or fail."
    ),
    bad="FROM debian:12\nRUN service nginx start\n",
    good="FROM debian:12\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n",
)

_POINTLESS = ("free", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim")


@check(META, on=nodes.Run)
def pointless_command(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for rs, cmd in named(ctx, node, *_POINTLESS):
        word = cmd.name_word
        yield ctx.finding(META, rs.word_span(word), f"`{cmd.name}` does nothing useful in a build step")
