"""Our AST in the shape of BuildKit's parser output (the conformance contract)."""
from __future__ import annotations

TYPE_CHECKING = False  # typing costs start-up time; it is only needed by type checkers
if TYPE_CHECKING:
    from typing import Any

from dockerlint.syntax import nodes
from dockerlint.syntax.span import LineIndex


def value(ins: nodes.Instruction) -> list[str]:
    """BuildKit's `value` list for one instruction."""
    if isinstance(ins, nodes.Onbuild):
        return [] if ins.trigger is None else value(ins.trigger)
    if isinstance(ins, nodes.Unknown):
        return [""]  # BuildKit ignores the arguments of an unknown instruction
    if isinstance(ins, nodes.Healthcheck):
        return ([] if ins.mode is None else [ins.mode.text]) + _command(ins.command)
    if isinstance(ins, nodes._CommandInstruction):
        return _command(ins.command)
    if isinstance(ins, nodes.Arg):
        return [p.key.text if p.value is None else f"{p.key.text}={p.value.text}" for p in ins.pairs]
    if isinstance(ins, nodes._PairsInstruction):
        return [t for p in ins.pairs for t in (p.key.text, p.value.text if p.value else "")]
    if isinstance(ins, nodes.From):
        return [w.text for w in ins.args]
    if isinstance(ins, nodes._ListInstruction):
        return [w.text for w in ins.args]
    if isinstance(ins, nodes._TextInstruction):
        return [] if ins.text is None else [ins.text.text]
    return []


def _command(command: nodes.Command | None) -> list[str]:
    if isinstance(command, nodes.ExecForm):
        return [a.text for a in command.args]
    if isinstance(command, nodes.ShellForm):
        return [command.text.text]
    return []


def is_json(ins: nodes.Instruction) -> bool:
    if isinstance(ins, nodes.Onbuild):
        return ins.trigger is not None and is_json(ins.trigger)
    if isinstance(ins, nodes._CommandInstruction):
        return isinstance(ins.command, nodes.ExecForm)
    return isinstance(ins, nodes._ListInstruction) and ins.json


def instruction(ins: nodes.Instruction, index: LineIndex) -> dict[str, Any]:
    trigger = ins.trigger if isinstance(ins, nodes.Onbuild) else None
    heredocs = getattr(ins, "heredocs", [])
    return {
        "cmd": ins.keyword.text or None,
        "sub_cmd": trigger.keyword.text if trigger is not None else None,
        "json": is_json(ins),
        # BuildKit reads flags byte by byte, so non-ASCII characters come out as Latin-1 mojibake.
        "flags": [f.text.encode("utf-8", "surrogateescape").decode("latin-1") for f in ins.flags],
        "value": value(ins),
        "start_line": index.position(ins.span.start).line,
        "end_line": index.position(ins.span.end).line,
        # BuildKit v0.12.5 (through its Python wrapper) reports no heredocs on ONBUILD.
        "heredocs": [{"name": h.name, "content": h.content} for h in heredocs],
    }


def document(df: nodes.Dockerfile) -> dict[str, Any]:
    """`{"instructions": [...]}`, or `{"errors": [...]}` when BuildKit would reject the file."""
    index = LineIndex(df.source)
    fatal = [i for i in df.issues if i.fatal]
    if fatal:
        errors = []
        for issue in fatal:
            pos = index.position(issue.span.start)
            errors.append({"line": pos.line, "column": pos.column, "message": issue.message})
        return {"errors": errors}
    return {"instructions": [instruction(ins, index) for ins in df.instructions]}
