"""The shell scripts a RUN executes, parsed, with offsets mapped back into the Dockerfile.

A shell-form RUN runs its text; `RUN <<EOF` runs the heredoc bodies (their text is
contiguous in the source); the SHELL in force picks the dialect (PowerShell and
cmd are not analysed).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.shell import Command, Script, ShellWord


class RunScript:
    __slots__ = ("script", "_word", "_base", "instruction")

    def __init__(self, script: Script, instruction: nodes.Instruction, word: nodes.Word | None, base: int) -> None:
        self.script = script
        self.instruction = instruction
        self._word = word  # shell form: the logical text's map to the source
        self._base = base  # heredoc body: where its text starts

    def offset(self, i: int) -> int:
        if self._word is not None:
            return self._word.source_offset(i)
        return self._base + i

    def span(self, start: int, end: int) -> Span:
        if self._word is not None:
            return self._word.sub_span(start, end)
        return Span(self._base + start, self._base + end)

    def word_span(self, word: ShellWord) -> Span:
        return self.span(word.start, word.end)

    def command_span(self, command: Command) -> Span:
        return self.span(command.start, command.end)


def shell_argv(ctx: Context, ins: nodes.Instruction) -> list[str] | None:
    """The SHELL in force at `ins` (None: the default /bin/sh -c)."""
    stage = ctx.model.stage_of(ins)
    current: list[str] | None = None
    while stage is not None:
        for other in stage.instructions:
            if other is ins or (isinstance(other, nodes.Onbuild) and other.trigger is ins):
                return current
            if isinstance(other, nodes.Shell) and isinstance(other.command, nodes.ExecForm):
                current = [a.text for a in other.command.args]
        return current
    return current


def run_scripts(ctx: Context, ins: nodes.Instruction) -> list[RunScript]:
    """Parsed scripts of a RUN (shell form or heredocs); cached per lint."""
    return ctx.cached(("run-scripts", id(ins)), lambda: _build(ctx, ins))


def _build(ctx: Context, ins: nodes.Instruction) -> list[RunScript]:
    from dockerlint.shell import dialect_for_shell, parse_script

    if not isinstance(ins, nodes.Run):
        return []
    dialect = dialect_for_shell(shell_argv(ctx, ins))
    if ins.heredocs:
        out = []
        for h in ins.heredocs:
            text = h.content
            first = text.split("\n", 1)[0]
            body_dialect = dialect
            if first.startswith("#!"):
                body_dialect = "bash" if "bash" in first else ("posix" if "sh" in first else "other")
            if body_dialect == "other":
                continue  # a python/node/... script
            out.append(RunScript(parse_script(text, dialect=body_dialect), ins, None, h.body.start))
        return out
    if isinstance(ins.command, nodes.ShellForm):
        word = ins.command.text
        return [RunScript(parse_script(word.text, dialect=dialect), ins, word, 0)]
    return []


def commands(ctx: Context, ins: nodes.Instruction) -> list[tuple[RunScript, Command]]:
    """Every simple command a RUN executes, with the script it came from."""
    return [(rs, c) for rs in run_scripts(ctx, ins) for c in rs.script.commands]
