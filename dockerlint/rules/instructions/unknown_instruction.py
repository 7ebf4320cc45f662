from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules._suggest import closest
from dockerlint.rules.api import Finding, Fix, RuleMeta, check, replace
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL619",
    name="unknown-instruction",
    severity="error",
    summary="A keyword that is not a Dockerfile instruction",
    rationale=(
        "BuildKit stops at the first unknown instruction (`unknown instruction: COPPY`). Most are "
        "typos, or a shell command whose line continuation (`\\`) went missing on the line above."
    ),
    bad="FROM alpine:3.20\nCOPPY app /app\n",
    good="FROM alpine:3.20\nCOPY app /app\n",
    fix="unsafe",
    fix_description="Replace the keyword with the closest instruction, when one is within two edits (check that it is what you meant).",
)

_KEYWORDS = tuple(k.upper() for k in nodes.INSTRUCTION_CLASSES)


@check(META, on=nodes.Unknown)
def unknown_instruction(node: nodes.Unknown, ctx: Context) -> Iterator[Finding]:
    word = node.keyword.text
    match = closest(word.upper(), _KEYWORDS)
    fix = None
    message = f"`{word}` is not an instruction"
    if match is not None:
        wanted = match.lower() if word.islower() else match
        message += f" (did you mean `{wanted}`?)"
        fix = Fix(f"Replace with `{wanted}`", (replace(node.keyword.span, wanted),), safe=False)
    else:
        message += ": if it continues a command, end the line above with a line continuation"
    yield ctx.finding(META, node.keyword.span, message, fix=fix)
