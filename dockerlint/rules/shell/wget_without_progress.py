from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell._helpers import named
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL808",
    name="wget-without-progress",
    severity="info",
    aliases=("DL3047",),
    summary="`wget` without a progress setting fills the build log",
    rationale=(
        "Without a terminal, wget prints a progress line for every few kilobytes: a large "
        "download writes thousands of lines into the build log. Use `-q`, `-nv`, "
        "`--progress=dot:giga` (GNU wget), or send the log elsewhere with `-o`/`-a`."
    ),
    bad="FROM debian:12\nRUN wget https://example.com/big.tar.gz\n",
    good="FROM debian:12\nRUN wget -nv https://example.com/big.tar.gz\n",
)


@check(META, on=nodes.Run)
def wget_without_progress(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for rs, cmd in named(ctx, node, "wget"):
        if not cmd.has_flag("--progress", "-q", "--quiet", "-o", "--output-file", "-a", "--append-output",
                            "-nv", "--no-verbose"):
            yield ctx.finding(META, rs.word_span(cmd.name_word), "Quiet `wget` with `-nv` or `--progress=dot:giga`")
