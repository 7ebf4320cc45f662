from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.semantics.scripts import commands
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL803",
    name="sudo-in-run",
    severity="error",
    aliases=("DL3004", "DS-0010", "AVD-DS-0010", "DS010", "CKV2_DOCKER_1"),
    summary="`sudo` in a RUN",
    rationale=(
        "`sudo` behaves unpredictably in a build: no terminal, no password, a TTY requirement "
        "in some configurations, and it keeps an extra setuid program in the image. Run the "
        "step as root (switch with `USER root` and back), or use `gosu`/`su-exec` in an entrypoint."
    ),
    bad="FROM debian:12\nUSER app\nRUN sudo make install\n",
    good="FROM debian:12\nUSER root\nRUN make install\nUSER app\n",
    divergence="`doas` is reported too.",
)


@check(META, on=nodes.Run)
def sudo_in_run(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for rs, cmd in commands(ctx, node):
        first = cmd.words[0] if cmd.words else None
        value = (first.value or "").rsplit("/", 1)[-1] if first is not None else ""
        if value in ("sudo", "doas"):
            yield ctx.finding(META, rs.word_span(first), f"Drop `{value}`: run the step as root with `USER root` instead")
