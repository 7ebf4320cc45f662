from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, insert, replace
from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL611",
    name="text-after-json-array",
    severity="warning",
    summary="Text after a JSON array, which BuildKit silently ignores",
    rationale=(
        "BuildKit reads the JSON array and drops whatever follows it on the line. "
        "`ENTRYPOINT [\"app\"] --verbose` runs `app` without `--verbose`, and a trailing "
        "`# comment` is not a comment but ignored text (comments must start a line)."
    ),
    bad='FROM alpine:3.20\nENTRYPOINT ["/app"] # start the server\n',
    good='FROM alpine:3.20\n# start the server\nENTRYPOINT ["/app"]\n',
    fix="safe",
    fix_description=(
        "A trailing `# comment` is moved to its own line above the instruction; other text has no fix. "
        "Safe: BuildKit already ignores the text after the array (the exec form stands), and a comment "
        "line does not reach the build."
    ),
)


def _exec_span(ins: nodes.Instruction) -> Span | None:
    if isinstance(ins, nodes._CommandInstruction) and isinstance(ins.command, nodes.ExecForm):
        return ins.command.span
    if isinstance(ins, nodes._ListInstruction) and ins.json:
        return ins.exec_span
    return None


@check(META, on=(nodes.Run, nodes.Cmd, nodes.Entrypoint, nodes.Shell, nodes.Healthcheck,
                 nodes.Copy, nodes.Add, nodes.Volume))
def text_after_json_array(node: nodes.Instruction, ctx: Context) -> Iterator[Finding]:
    array = _exec_span(node)
    if array is None or getattr(node, "heredocs", None):
        return
    tail = ctx.source[array.end:node.span.end]
    text = tail.strip()
    if not text:
        return
    start = array.end + len(tail) - len(tail.lstrip())
    span = Span(start, start + len(tail.strip()))
    fix = None
    if text.startswith("#") and "\n" not in tail:
        line_start = ctx.source.rfind("\n", 0, node.span.start) + 1
        indent = ctx.source[line_start:node.span.start]
        if not indent.strip():
            fix = Fix("Move the comment to its own line", (
                insert(line_start, f"{indent}{text}\n"), replace(Span(array.end, span.end), ""),
            ))
    what = "comment" if text.startswith("#") else "text"
    yield ctx.finding(META, span, f"BuildKit ignores this {what} after the JSON array: "
                      + ("put comments on their own line" if what == "comment" else "move it into the array"), fix=fix)
