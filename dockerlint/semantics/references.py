"""Every definition and use of a stage name or an ARG/ENV variable, with the span of the name only.

The language server's definition, references, highlight and rename all read this index.

- Stages: `FROM img AS build` defines `build`; `FROM build`, `COPY --from=build` and
  `RUN --mount=...,from=build` use it (case-insensitive, as BuildKit matches them;
  `--from=0` uses stage 0 by index).
- Variables: ARG/ENV keys define; `$V` / `${V...}` use, resolved through the semantic
  model's scopes. BuildKit expands the words of most instructions; the shell expands RUN
  (ARG and ENV), CMD/ENTRYPOINT/HEALTHCHECK shell forms (ENV only: ARGs do not survive
  into the image) and heredoc bodies the shell reads. Shell text only counts a name that
  is an ARG/ENV in scope, so `$HOME` or `$1` are left alone.
- Heredocs: `<<EOF` defines the delimiter, its terminator line uses it.
- Definitions of one name are one symbol when renaming one without the other would change
  the build: redefinitions in a stage, a stage `ARG V` redeclaring a global `ARG V`, ENVs
  inherited by `FROM <stage>`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, NamedTuple

from dockerlint.semantics.expand import find_refs
from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.semantics.model import Model, Stage, Variable

STAGE = "stage"
VARIABLE = "variable"
HEREDOC = "heredoc"

STAGE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*\Z")
VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
HEREDOC_NAME = re.compile(r"[A-Za-z0-9_.-]+\Z")
RESERVED_STAGE_NAMES = frozenset({"scratch", "context"})

_SHELL_ONLY = (nodes.Run, nodes.Cmd, nodes.Entrypoint, nodes.Shell, nodes.Healthcheck)


class Occurrence(NamedTuple):
    span: Span  # the name only
    symbol: int  # index into References.symbols
    definition: bool
    by_index: bool = False  # `--from=0`: uses a stage without naming it (rename leaves it)


class Symbol:
    __slots__ = ("kind", "name", "builtin", "stage")

    def __init__(self, kind: str, name: str, builtin: bool = False) -> None:
        self.kind = kind  # STAGE | VARIABLE
        self.name = name
        self.builtin = builtin  # BuildKit's automatic ARGs: nothing in the file defines them
        self.stage: Stage | None = None

    def __repr__(self) -> str:
        return f"<{self.kind} {self.name}>"


class References:
    """The index for one parse. `at(offset)` finds the name under a cursor."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.symbols: list[Symbol] = []
        self.occurrences: list[Occurrence] = []
        self._by_key: dict[tuple, int] = {}
        self._build()
        self.occurrences.sort(key=lambda o: (o.span.start, o.span.end))
        self._starts = [o.span.start for o in self.occurrences]

    # -- queries -----------------------------------------------------------------

    def at(self, offset: int) -> Occurrence | None:
        """The occurrence whose name contains `offset` (its end included, so a cursor after the name hits)."""
        i = bisect_right(self._starts, offset) - 1
        while i >= 0 and self.occurrences[i].span.end >= offset:
            if self.occurrences[i].span.start <= offset:
                return self.occurrences[i]
            i -= 1
        return None

    def of(self, symbol: int) -> list[Occurrence]:
        return [o for o in self.occurrences if o.symbol == symbol]

    def definitions(self, symbol: int) -> list[Occurrence]:
        return [o for o in self.of(symbol) if o.definition]

    def check_rename(self, symbol: int, new_name: str) -> str | None:
        """Why `new_name` cannot replace the symbol's name, or None when it can."""
        sym = self.symbols[symbol]
        if sym.builtin:
            return f"`{sym.name}` is set by BuildKit and cannot be renamed"
        if sym.kind == STAGE:
            if not STAGE_NAME.match(new_name):
                return f"`{new_name}` is not a valid stage name (a letter, then letters, digits, `-`, `_` or `.`)"
            key = new_name.lower()
            if key in RESERVED_STAGE_NAMES:
                return f"`{new_name}` is reserved and cannot name a stage"
            for stage in self.model.stages:
                if stage.key == key and stage is not sym.stage:
                    return f"a stage named `{stage.name}` already exists"
            return None
        if sym.kind == HEREDOC:
            if not HEREDOC_NAME.match(new_name):
                return f"`{new_name}` is not a valid heredoc delimiter (letters, digits, `_`, `.` or `-`)"
            return None
        if not VARIABLE_NAME.match(new_name):
            return f"`{new_name}` is not a valid variable name (letters, digits and `_`, not starting with a digit)"
        return None

    # -- construction --------------------------------------------------------------

    def _symbol(self, key: tuple, kind: str, name: str, builtin: bool = False) -> int:
        index = self._by_key.get(key)
        if index is None:
            index = len(self.symbols)
            self.symbols.append(Symbol(kind, name, builtin))
            self._by_key[key] = index
        return index

    def _add(self, span: Span, symbol: int, definition: bool, by_index: bool = False) -> None:
        self.occurrences.append(Occurrence(span, symbol, definition, by_index))

    def _build(self) -> None:
        model = self.model
        for stage in model.stages:
            if stage.node.stage_name is not None:
                sym = self._symbol(("stage", stage.index), STAGE, stage.name or "")
                self.symbols[sym].stage = stage
                self._add(stage.node.stage_name.span, sym, True)
        for ins in model.dockerfile.walk():
            if isinstance(ins, nodes.Onbuild):
                continue  # its trigger is walked next and owns the words
            self._instruction(ins)

    def _instruction(self, ins: nodes.Instruction) -> None:
        model = self.model
        stage = model.stage_of(ins)
        if isinstance(ins, nodes.From):
            base = model.stages[stage.index].base_stage if stage is not None else None
            if base is not None and ins.image is not None and "$" not in ins.image.text:
                self._stage_use(base, ins.image.span)
        for flag in ins.flags:
            if flag.value is None:
                continue
            self._words(ins, flag.value, runtime=False)
            if flag.key == "from" and not isinstance(ins, nodes.From):
                self._stage_ref(ins, flag.value, 0, len(flag.value.text))
            elif flag.key == "mount":
                self._mount_from(ins, flag.value)
        if isinstance(ins, (nodes.Arg, nodes.Env)):
            for pair in ins.pairs:
                if pair.value is not None:
                    self._words(ins, pair.value, runtime=False)
                self._define(ins, pair)
            return
        if isinstance(ins, _SHELL_ONLY):
            if isinstance(ins.command, nodes.ShellForm):
                self._words(ins, ins.command.text, runtime=True)
        else:
            for word in ins.words():
                self._words(ins, word, runtime=False)
        for heredoc in getattr(ins, "heredocs", ()):
            self._delimiter(heredoc)
            self._heredoc(ins, heredoc)

    def _stage_use(self, stage: Stage, span: Span, by_index: bool = False) -> None:
        sym = self._symbol(("stage", stage.index), STAGE, stage.name or str(stage.index))
        self.symbols[sym].stage = stage
        self._add(span, sym, False, by_index)

    def _stage_ref(self, ins: nodes.Instruction, word: nodes.Word, start: int, end: int) -> None:
        ref = word.text[start:end]
        if not ref or "$" in ref:
            return
        stage = self.model.stage_ref(ref)
        if stage is not None and (stage.name is not None or ref.isdigit()):
            self._stage_use(stage, word.sub_span(start, end), ref.isdigit())

    def _mount_from(self, ins: nodes.Instruction, value: nodes.Word) -> None:
        text = value.text
        pos = 0
        for part in text.split(","):
            key, eq, _ = part.partition("=")
            if eq and key.strip().lower() == "from":
                start = pos + len(key) + 1
                self._stage_ref(ins, value, start, pos + len(part))
            pos += len(part) + 1

    # -- variables -----------------------------------------------------------------

    def _define(self, ins: nodes.Instruction, pair: nodes.KeyValue) -> None:
        name = pair.key.text
        stage = self.model.stage_of(ins)
        owner = -1 if stage is None else stage.index
        key = ("var", owner, name)
        if key not in self._by_key and isinstance(ins, nodes.Arg) and owner >= 0 and name in self.model.global_args:
            self._by_key[key] = self._symbol(("var", -1, name), VARIABLE, name)  # redeclares a global ARG
        elif key not in self._by_key and stage is not None and stage.base_stage is not None:
            inherited = self._by_key.get(("var", stage.base_stage.index, name))
            if inherited is not None and name in stage.base_stage.variables:
                self._by_key[key] = inherited  # a variable the stage inherits and sets again
        self._add(pair.key.span, self._symbol(key, VARIABLE, name), True)

    def _words(self, ins: nodes.Instruction, word: nodes.Word, runtime: bool) -> None:
        if "$" not in word.text:
            return
        escape = "\\" if runtime else self.model.escape
        for ref in find_refs(word.text, escape=escape):
            self._use(ins, ref.name, word.sub_span(ref.name_start, ref.name_end), runtime)

    def _delimiter(self, heredoc: nodes.Heredoc) -> None:
        """`<<EOF` defines the delimiter, the terminator line uses it."""
        at = heredoc.marker.text.find(heredoc.name, 2) if heredoc.name else -1
        if at < 0:
            return
        sym = self._symbol(("heredoc", heredoc.marker.span.start), HEREDOC, heredoc.name)
        self._add(heredoc.marker.sub_span(at, at + len(heredoc.name)), sym, True)
        if heredoc.terminator is not None:
            source = self.model.dockerfile.source
            end = source.find(heredoc.name, heredoc.terminator.start, heredoc.terminator.end)
            if end >= 0:
                self._add(Span(end, end + len(heredoc.name)), sym, False)

    def _heredoc(self, ins: nodes.Instruction, heredoc: nodes.Heredoc) -> None:
        if not heredoc_expands(ins, heredoc):
            return
        source = self.model.dockerfile.source
        body = source[heredoc.body.start:heredoc.body.end]
        if "$" not in body:
            return
        runtime = isinstance(ins, nodes.Run)
        escape = "\\" if runtime else self.model.escape
        for ref in find_refs(body, escape=escape):
            start = heredoc.body.start + ref.name_start
            self._use(ins, ref.name, Span(start, start + ref.name_end - ref.name_start), runtime)

    def _use(self, ins: nodes.Instruction, name: str, span: Span, runtime: bool) -> None:
        var = self.model.definition(name, ins)
        if var is None:
            if runtime:
                return  # the shell's own variable ($HOME, $1, ...)
            stage = self.model.stage_of(ins)
            sym = self._symbol(("undefined", -1 if stage is None else stage.index, name), VARIABLE, name)
        elif var.kind == "builtin":
            if runtime and not isinstance(ins, nodes.Run):
                return
            sym = self._symbol(("builtin", name), VARIABLE, name, builtin=True)
        else:
            if runtime and var.kind == "arg" and not isinstance(ins, nodes.Run):
                return  # ARGs are gone when CMD, ENTRYPOINT or HEALTHCHECK run
            sym = self._variable_symbol(var)
        self._add(span, sym, False)

    def _variable_symbol(self, var: Variable) -> int:
        stage = self.model.stage_of(var.instruction) if var.instruction is not None else None
        owner = -1 if stage is None else stage.index
        return self._symbol(("var", owner, var.name), VARIABLE, var.name)



def heredoc_expands(ins: nodes.Instruction, heredoc: nodes.Heredoc) -> bool:
    """Whether `$V` in the heredoc's body is a variable: an unquoted delimiter, or the body is the RUN's own script."""
    if heredoc.expand:
        return True
    command = getattr(ins, "command", None)
    return isinstance(ins, nodes.Run) and isinstance(command, nodes.ShellForm) \
        and command.text.text.strip() == heredoc.marker.text
