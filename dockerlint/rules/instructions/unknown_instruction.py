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
    fix_description=(
        "Replace the keyword with the instruction it is a typo of: offered only for a clear typo (a "
        "word of four letters or more, one letter added, dropped, changed or two swapped, and only one "
        "instruction that close). Unsafe: what was meant cannot be known, and a shell command that lost "
        "its line continuation (`set -e`, `--add ...`) is no typo; the message still names the closest "
        "instruction within two edits."
    ),
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
        if _typo_of(word.upper()) == match:
            fix = Fix(f"Replace with `{wanted}`", (replace(node.keyword.span, wanted),), safe=False)
    else:
        message += ": if it continues a command, end the line above with a line continuation"
    yield ctx.finding(META, node.keyword.span, message, fix=fix)


def _typo_of(word: str) -> str | None:
    """The one instruction `word` is a single typo away from (None: none, or several)."""
    if len(word) < 4 or not word.isalpha():
        return None
    found = [k for k in _KEYWORDS if _one_typo(word, k)]
    return found[0] if len(found) == 1 else None


def _one_typo(a: str, b: str) -> bool:
    """One letter added, dropped or changed, or two neighbours swapped."""
    if len(a) < len(b):
        a, b = b, a
    i = next((k for k in range(len(b)) if a[k] != b[k]), len(b))
    if len(a) == len(b) + 1:
        return a[i + 1:] == b[i:]
    if len(a) != len(b) or i == len(a):
        return False
    return a[i + 1:] == b[i + 1:] or (a[i + 1:i + 2] == b[i:i + 1] and a[i] == b[i + 1] and a[i + 2:] == b[i + 2:])
