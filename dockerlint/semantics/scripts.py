"""The shell scripts a RUN executes, parsed, with offsets mapped back into the Dockerfile.

- shell form: the RUN text; when it also has here-documents (`RUN cat <<EOF > f`), the
  shell sees the command line followed by the bodies and terminators, as BuildKit runs it;
- heredoc only (`RUN <<EOF`): each body is a script (a `#!` line other than sh/bash skips it);
- exec form running a shell (`RUN ["sh", "-c", "..."]`): the script argument.

The SHELL in force picks the dialect (PowerShell and cmd are not analysed) and whether
`pipefail` is on from the start (`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.model import Model
    from dockerlint.shell import Command, Script, ShellWord

# Parsed scripts by (text, dialect): a Script holds offsets into its own text only and is
# never changed after parsing, so an editor's re-lint reuses the scripts of unchanged RUNs.
_PARSED: dict[tuple[str, str], Script] = {}
_PARSED_MAX = 4096

_HEREDOC_ONLY = re.compile(r"\s*(<<-?\s*(['\"]?)[^\s'\"]+\2\s*)+")
_SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"})


class RunScript:
    """One script of a RUN and the map from its offsets to the Dockerfile's.

    `exact` is False when script offsets can only be mapped approximately (an exec-form
    argument with JSON escapes): spans then cover the whole argument and no fix is offered.
    """

    __slots__ = ("script", "instruction", "_word", "_base", "_tail", "exact", "pipefail")

    def __init__(self, script: Script, instruction: nodes.Instruction, word: nodes.Word | None, base: int,
                 *, tail: int | None = None, exact: bool = True, pipefail: bool = False) -> None:
        self.script = script
        self.instruction = instruction
        self._word = word  # shell form: the logical text's map to the source
        self._base = base  # heredoc body: where its text starts
        self._tail = tail  # command line + heredocs: source offset of text[len(word.text)]
        self.exact = exact
        self.pipefail = pipefail  # set by the SHELL before the script starts

    def offset(self, i: int) -> int:
        word = self._word
        if word is None:
            return self._base + i
        if not self.exact:
            return word.span.start
        if self._tail is not None and i >= len(word.text):
            return self._tail + i - len(word.text)
        return word.source_offset(i)

    def span(self, start: int, end: int) -> Span:
        word = self._word
        if word is None:
            return Span(self._base + start, self._base + end)
        if not self.exact:
            return word.span
        if self._tail is not None and end > len(word.text):
            first = self.offset(start)
            return Span(first, self._tail + end - len(word.text))
        return word.sub_span(start, end)

    def word_span(self, word: ShellWord) -> Span:
        return self.span(word.start, word.end)

    def command_span(self, command: Command) -> Span:
        return self.span(command.start, command.end)

    @property
    def command_line_length(self) -> int:
        """Length of the script's command line: all of it but the here-document bodies
        that follow a shell-form command (`RUN cat <<EOF > f`)."""
        return len(self._word.text) if self._tail is not None and self._word is not None else len(self.script.text)

    @property
    def continued(self) -> bool:
        """A shell-form script written over several lines with line continuations."""
        return self._word is not None and self._word.segments is not None


_WINDOWS_IMAGE = re.compile(r"windows|nanoserver|servercore", re.IGNORECASE)
WINDOWS_SHELL = ["cmd", "/S", "/C"]


def shell_argv(ctx: Context, ins: nodes.Instruction) -> list[str] | None:
    """The SHELL in force at `ins` (None: the default /bin/sh -c). A stage built FROM another
    stage starts with that stage's SHELL; one FROM a Windows image with `cmd /S /C`."""
    stage = ctx.model.stage_of(ins)
    if stage is None:
        return None
    starts, shells = ctx.cached("shells", lambda: _shells(ctx.model))[stage.index]
    if ins is stage.node:
        return shells[-1]
    return shells[bisect_left(starts, ins.span.start) - 1]


def _shells(model: Model) -> list[tuple[list[int], list[list[str] | None]]]:
    """Per stage, where each SHELL in it starts and the shell from there on, after the one it
    starts with (at -1): one pass over the file, where looking back from each RUN was quadratic."""
    out: list[tuple[list[int], list[list[str] | None]]] = []
    for stage in model.stages:
        if stage.base_stage is not None:  # always an earlier stage
            first = out[stage.base_stage.index][1][-1]
        else:
            first = WINDOWS_SHELL if _WINDOWS_IMAGE.search(stage.image_text or "") else None
        starts, shells = [-1], [first]
        for other in stage.instructions:
            if type(other) is nodes.Shell and isinstance(other.command, nodes.ExecForm):  # type: ignore[attr-defined]
                starts.append(other.span.start)
                shells.append([a.text for a in other.command.args])  # type: ignore[attr-defined]
        out.append((starts, shells))
    return out


def shell_sets_pipefail(argv: list[str] | None) -> bool:
    """`SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or `-eo pipefail`, `-euxo pipefail`)."""
    if not argv:
        return False
    for k, arg in enumerate(argv[1:-1], start=1):
        if len(arg) > 1 and arg[0] == "-" and arg.endswith("o") and argv[k + 1] == "pipefail":
            return True
    return False


def run_scripts(ctx: Context, ins: nodes.Instruction) -> list[RunScript]:
    """Parsed scripts of a RUN (shell form, heredocs, or exec-form `sh -c`); cached per lint."""
    return ctx.cached(("run-scripts", id(ins)), lambda: _build(ctx, ins))


def parse_script(text: str, *, dialect: str) -> Script:
    """`dockerlint.shell.parse_script`, remembered for the scripts seen last."""
    key = (text, dialect)
    script = _PARSED.get(key)
    if script is None:
        from dockerlint.shell import parse_script as parse

        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()  # simplest bound; one call, so safe with the server's lint threads
        script = _PARSED[key] = parse(text, dialect=dialect)
    return script


def _build(ctx: Context, ins: nodes.Instruction) -> list[RunScript]:
    from dockerlint.shell import dialect_for_shell

    if not isinstance(ins, nodes.Run) or ins.command is None:
        return []
    argv = shell_argv(ctx, ins)
    dialect = dialect_for_shell(argv)
    pipefail = shell_sets_pipefail(argv)
    source = ctx.source
    if isinstance(ins.command, nodes.ExecForm):
        return _exec_form(ins, ins.command)
    word = ins.command.text
    if ins.heredocs and _HEREDOC_ONLY.fullmatch(word.text):
        out = []
        for h in ins.heredocs:
            text = source[h.body.start:h.body.end]
            first = text.split("\n", 1)[0]
            body_dialect = dialect
            if first.startswith("#!"):
                body_dialect = "bash" if "bash" in first else ("posix" if "sh" in first else "other")
            if body_dialect == "other":
                continue  # a python/node/... script
            out.append(RunScript(parse_script(text, dialect=body_dialect), ins, None, h.body.start,
                                 pipefail=pipefail and body_dialect == dialect))
        return out
    if ins.heredocs:
        last = ins.heredocs[-1]
        end = last.terminator.end if last.terminator is not None else last.body.end
        text = word.text + source[word.span.end:end]
        return [RunScript(parse_script(text, dialect=dialect), ins, word, 0, tail=word.span.end, pipefail=pipefail)]
    return [RunScript(parse_script(word.text, dialect=dialect), ins, word, 0, pipefail=pipefail)]


def _exec_form(ins: nodes.Run, form: nodes.ExecForm) -> list[RunScript]:
    args = form.args
    exe = args[0].text.rsplit("/", 1)[-1] if args else ""
    if exe not in _SHELLS:
        return []
    k, has_c = 1, False
    while k < len(args) and args[k].text.startswith(("-", "+")):
        flag = args[k].text
        has_c = has_c or "c" in flag[1:]
        k += 2 if flag.endswith("o") and not flag.startswith("--") else 1
    if not has_c or k >= len(args):
        return []
    script_word = args[k]
    exact = script_word.span.end - script_word.span.start == len(script_word.text)
    dialect = "bash" if exe in ("bash", "zsh", "ksh", "mksh") else "posix"
    return [RunScript(parse_script(script_word.text, dialect=dialect), ins, script_word, 0, exact=exact,
                      pipefail=shell_sets_pipefail([a.text for a in args[:k]] + ["-c"]))]


def commands(ctx: Context, ins: nodes.Instruction) -> list[tuple[RunScript, Command]]:
    """Every simple command a RUN executes, with the script it came from."""
    return [(rs, c) for rs in run_scripts(ctx, ins) for c in rs.script.commands]
