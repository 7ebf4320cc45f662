from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, replace
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL609",
    name="json-args-recommended",
    severity="warning",
    aliases=("DL3025", "JSONArgsRecommended"),
    summary="CMD or ENTRYPOINT in shell form",
    rationale=(
        "In shell form the process is `/bin/sh -c \"…\"`: the shell is PID 1 and does not pass "
        "SIGTERM on, so `docker stop` waits its 10 seconds and then kills the container. The JSON "
        "(exec) form runs the program directly. If you need the shell, write it explicitly: "
        "`CMD [\"sh\", \"-c\", \"exec …\"]`.\n\n"
        "Like BuildKit, a stage with a `SHELL` instruction (its own or inherited from a stage it "
        "builds on) is not reported: the shell was chosen deliberately."
    ),
    bad="FROM node:22-alpine\nCMD node server.js\n",
    good='FROM node:22-alpine\nCMD ["node", "server.js"]\n',
    fix="unsafe",
    fix_description=(
        "Rewrite a simple command (plain words, no quotes, variables or shell operators) as a JSON "
        "array. Unsafe: the program no longer runs under a shell."
    ),
    divergence=(
        "`HEALTHCHECK CMD` in shell form is not reported (hadolint does): it is not PID 1, signals do "
        "not matter. JSON with escapes such as `\\/` is exec form, as in BuildKit (hadolint's parser "
        "takes it for shell form). A stage with a SHELL is not reported (BuildKit's rule; hadolint "
        "reports it)."
    ),
)

_PLAIN_WORD = re.compile(r"[A-Za-z0-9_./:,@%+=-]+")


def _has_shell(ins: nodes.Instruction, ctx: Context) -> bool:
    stage = ctx.model.stage_of(ins)
    while stage is not None:
        if any(isinstance(other, nodes.Shell) for other in stage.instructions):
            return True
        stage = stage.base_stage
    return False


@check(META, on=(nodes.Cmd, nodes.Entrypoint))
def json_args_recommended(node: nodes.Cmd | nodes.Entrypoint, ctx: Context) -> Iterator[Finding]:
    command = node.command
    if not isinstance(command, nodes.ShellForm) or ctx.in_onbuild(node) or _has_shell(node, ctx):
        return
    name = node.keyword.text.upper()
    words = command.text.text.split()
    fix = None
    if words and all(_PLAIN_WORD.fullmatch(w) for w in words) and command.text.segments is None:
        array = "[" + ", ".join(f'"{w}"' for w in words) + "]"
        fix = Fix(f"Rewrite as `{name} {array}`", (replace(command.span, array),), safe=False)
    yield ctx.finding(
        META, command.span, f"Write {name} as a JSON array so the program runs as PID 1 and receives stop signals",
        fix=fix,
    )
