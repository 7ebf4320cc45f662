from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.semantics.scripts import commands
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.model import Stage

META = RuleMeta(
    code="DKL807",
    name="curl-and-wget",
    severity="warning",
    aliases=("DL4001", "DS-0014", "AVD-DS-0014", "DS014"),
    summary="A stage downloads with both `curl` and `wget`",
    rationale=(
        "Two download tools do the same job; keeping both in the image costs space and doubles "
        "what needs patching. Pick one for the whole stage."
    ),
    bad="FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\nUSER app\n"
        "RUN wget -q -O /tmp/b.tgz https://example.com/b.tgz\n",
    good="FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\nUSER app\n"
         "RUN curl -fsSLo /tmp/b.tgz https://example.com/b.tgz\n",
    divergence="Each use of a tool is reported at the command, once the stage has used both (hadolint reports each such RUN).",
)

_TOOLS = ("curl", "wget")


@check(META, per_stage=True)
def curl_and_wget(stage: Stage, ctx: Context) -> Iterator[Finding]:
    seen: set[str] = set()
    for ins in stage.instructions:
        run = ins.trigger if isinstance(ins, nodes.Onbuild) else ins
        if not isinstance(run, nodes.Run):
            continue
        for rs, cmd in commands(ctx, run):
            if cmd.name not in _TOOLS:
                continue
            seen.add(cmd.name)
            if len(seen) == 2:
                other = "wget" if cmd.name == "curl" else "curl"
                yield ctx.finding(META, rs.word_span(cmd.name_word),
                                  f"This stage also uses `{other}`: download with one tool only")
