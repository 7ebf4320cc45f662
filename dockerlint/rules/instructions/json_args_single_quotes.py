from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, replace
from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL610",
    name="json-args-single-quotes",
    severity="error",
    summary="A JSON array written with single quotes, which Docker reads as shell form",
    rationale=(
        "JSON strings need double quotes. `CMD ['node', 'server.js']` is not JSON, so Docker "
        "silently takes it as a shell command and runs `/bin/sh -c \"['node', 'server.js']\"`, "
        "which fails at run time with `[node,: not found`."
    ),
    bad="FROM node:22-alpine\nCMD ['node', 'server.js']\n",
    good='FROM node:22-alpine\nCMD ["node", "server.js"]\n',
    fix="unsafe",
    fix_description="Replace the single quotes with double quotes (when no string holds a quote or backslash). "
    "Unsafe: the instruction changes from shell form to exec form, which is the point.",
    references=("https://github.com/rcjsuen/dockerfile-utils",),
)

_SINGLE_QUOTED = re.compile(r"\[\s*'[^']*'(\s*,\s*'[^']*')*\s*\]")


def _array(ins: nodes.Instruction) -> tuple[str, Span] | None:
    """The shell-form text that looks like a single-quoted array, with its span."""
    if isinstance(ins, nodes._CommandInstruction) and isinstance(ins.command, nodes.ShellForm):
        return ins.command.text.text, ins.command.span
    if isinstance(ins, nodes._ListInstruction) and not ins.json and ins.args:
        return " ".join(w.text for w in ins.args), Span(ins.args[0].span.start, ins.args[-1].span.end)
    return None


@check(META, on=(nodes.Run, nodes.Cmd, nodes.Entrypoint, nodes.Shell, nodes.Healthcheck,
                 nodes.Copy, nodes.Add, nodes.Volume))
def json_args_single_quotes(node: nodes.Instruction, ctx: Context) -> Iterator[Finding]:
    found = _array(node)
    if found is None or not _SINGLE_QUOTED.fullmatch(found[0].strip()):
        return
    text, span = found
    fix = None
    source = ctx.source[span.start:span.end]
    if '"' not in source and "\\" not in source:
        converted = source.replace("'", '"')
        try:
            json.loads(converted)
            fix = Fix("Use double quotes", (replace(span, converted),), safe=False)
        except ValueError:
            pass
    yield ctx.finding(
        META, span, "Use double quotes: with single quotes this is not JSON, and Docker runs it as a shell command",
        fix=fix,
    )
