from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.semantics.scripts import commands, run_scripts
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.model import Stage

META = RuleMeta(
    code="DKL806",
    name="consecutive-run",
    severity="info",
    aliases=("DL3059",),
    summary="Two single-command RUNs in a row could be one",
    rationale=(
        "Each RUN makes a layer. Consecutive one-command RUNs with the same options are usually "
        "one step split by accident; joined with `&&` they build one layer, and files a later "
        "command deletes never reach the image. RUNs of several commands are left alone: "
        "keeping them apart is usually deliberate (separate cache steps)."
    ),
    bad="FROM debian:12\nRUN mkdir -p /app/data\nRUN chown 1000:1000 /app/data\n",
    good="FROM debian:12\nRUN mkdir -p /app/data && chown 1000:1000 /app/data\n",
    divergence=(
        "RUNs whose SHELL is PowerShell or cmd are not reported (their commands are not analysed). "
        "`[ ... ]` tests (`[ -f x ] && cmd`) and the commands of an `sh -c` string do not count, as in hadolint."
    ),
)


_NESTED = frozenset({"sh -c", "sh heredoc", "substitution"})
_TESTS = frozenset({"[", "[["})


def _single(ctx: Context, run: nodes.Run) -> bool:
    """One command: exec form, or a script with one command besides tests (`[ -f x ] && cmd`)
    and the commands of the scripts it runs (`sh -c '...'`)."""
    if isinstance(run.command, nodes.ExecForm):
        return True
    scripts = run_scripts(ctx, run)
    if not scripts or any(rs.script.skipped_reason for rs in scripts):
        return False
    own = [c for _, c in commands(ctx, run) if c.name not in _TESTS and not _NESTED & set(c.context)]
    return len(own) <= 1


@check(META, per_stage=True)
def consecutive_run(stage: Stage, ctx: Context) -> Iterator[Finding]:
    previous: nodes.Run | None = None
    for ins in stage.instructions:
        if not isinstance(ins, nodes.Run):
            previous = None
            continue
        if (previous is not None and [f.text for f in previous.flags] == [f.text for f in ins.flags]
                and _single(ctx, previous) and _single(ctx, ins)):
            yield ctx.finding(META, ins.span, "Join this RUN to the previous one with `&&`: one layer instead of two")
        previous = ins
