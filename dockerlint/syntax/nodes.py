"""The typed Dockerfile AST. Every node carries an exact Span into the source text."""
from __future__ import annotations

from bisect import bisect_right
TYPE_CHECKING = False  # typing costs start-up time; it is only needed by type checkers
if TYPE_CHECKING:
    from typing import Any, ClassVar, Iterator, Union

from dockerlint.syntax.span import Span



class Node:
    """A plain slotted record. Fields are declared per class in `_fields` (with `_defaults`).

    Not a dataclass: building dataclasses costs more import time than the whole parser,
    and the CLI starts on every commit.
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = tuple(n for n in cls.__dict__.get("__annotations__", {}) if n in cls.__dict__.get("__slots__", ()))
        cls._fields = cls._fields + own
        defaults = dict(cls._defaults)
        for name in own:
            if name in cls.__dict__.get("_own_defaults", {}):
                defaults[name] = cls.__dict__["_own_defaults"][name]
        cls._defaults = defaults

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = self._fields
        for name, value in zip(names, args):
            object.__setattr__(self, name, value)
        for name in names[len(args):]:
            if name in kwargs:
                value = kwargs[name]
            elif name in self._defaults:
                value = self._defaults[name]
                if isinstance(value, list):
                    value = []
            else:
                raise TypeError(f"{type(self).__name__} needs {name}")
            object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(getattr(self, n) == getattr(other, n) for n in self._fields)

    __hash__ = None  # type: ignore[assignment]


class Word(Node):
    """A piece of an instruction: `text` as BuildKit sees it, `span` as written.

    When a word runs across a line continuation its logical text and its source
    text differ in length; `segments` then maps logical offsets back to the source.
    """
    __slots__ = ("text", "span", "segments")
    _own_defaults: ClassVar[dict[str, Any]] = {"segments": None}

    text: str
    span: Span
    segments: tuple[tuple[int, int], ...] | None  # (logical offset, source offset) starts

    def source_offset(self, index: int) -> int:
        """Source offset of logical character `index` of `text` (index == len(text) maps to the end)."""
        if index >= len(self.text):
            return self.span.end
        if self.segments is None:
            return self.span.start + index
        keys = [s[0] for s in self.segments]
        k = bisect_right(keys, index) - 1
        logical, source = self.segments[k]
        return source + index - logical

    def sub_span(self, start: int, end: int) -> Span:
        """Source span of the logical slice text[start:end]."""
        if end <= start:
            at = self.source_offset(start)
            return Span(at, at)
        return Span(self.source_offset(start), self.source_offset(end - 1) + 1)


class Comment(Node):
    __slots__ = ("span", "text")
    span: Span
    text: str  # without the leading '#', stripped


class Directive(Node):
    """A parser directive at the top of the file: `# syntax=...`, `# escape=...`, `# check=...`."""
    __slots__ = ("span", "name", "value")

    span: Span
    name: Word
    value: Word


class Flag(Node):
    """`--name=value` before an instruction's arguments. `text` is BuildKit's form (quotes removed)."""
    __slots__ = ("span", "text", "name", "value")

    span: Span
    text: str
    name: Word
    value: Word | None

    @property
    def key(self) -> str:
        return self.name.text.lower()


class KeyValue(Node):
    """`key=value` in ENV/LABEL/ARG, or the legacy `ENV key value` (equals=False)."""
    __slots__ = ("span", "key", "value", "equals")
    _own_defaults: ClassVar[dict[str, Any]] = {"equals": True}

    span: Span
    key: Word
    value: Word | None  # raw, quotes kept as BuildKit keeps them; None for `ARG name`
    equals: bool


class ExecForm(Node):
    """JSON (exec) form: `["a", "b"]`; each arg's span covers the string inside its quotes."""
    __slots__ = ("span", "args")

    span: Span
    args: list[Word]


class ShellForm(Node):
    __slots__ = ("span", "text")
    span: Span
    text: Word


if TYPE_CHECKING:
    Command = Union[ExecForm, ShellForm]


class Heredoc(Node):
    """`<<[-]NAME` in the arguments, and the body lines after the instruction."""
    __slots__ = ("span", "marker", "name", "chomp", "expand", "fd", "body", "content", "terminator")

    span: Span  # from the marker to the end of the terminator line
    marker: Word  # the `<<EOF` word as written
    name: str  # the delimiter with quotes removed
    chomp: bool  # `<<-`: leading tabs stripped
    expand: bool  # unquoted delimiter: variables expanded in the body
    fd: int | None
    body: Span  # the content lines, newline of the last included
    content: str
    terminator: Span | None  # None when unterminated


class Instruction(Node):
    __slots__ = ("span", "keyword", "flags")
    span: Span
    keyword: Word
    flags: list[Flag]

    KIND: ClassVar[str] = ""

    @property
    def kind(self) -> str:
        return self.KIND or self.keyword.text.lower()

    def flag(self, name: str) -> Flag | None:
        for f in self.flags:
            if f.key == name:
                return f
        return None

    def words(self) -> Iterator[Word]:
        """Every argument word, in order (used by variable lookups and semantic tokens)."""
        return iter(())


class From(Instruction):
    __slots__ = ("args", "image", "as_keyword", "stage_name")
    _own_defaults: ClassVar[dict[str, Any]] = {"args": [], "image": None, "as_keyword": None, "stage_name": None}
    args: list[Word]
    image: Word | None
    as_keyword: Word | None
    stage_name: Word | None
    KIND: ClassVar[str] = "from"

    def words(self) -> Iterator[Word]:
        return iter(self.args)


class _CommandInstruction(Instruction):
    __slots__ = ("command",)
    _own_defaults: ClassVar[dict[str, Any]] = {"command": None}
    command: Command | None

    def words(self) -> Iterator[Word]:
        if isinstance(self.command, ExecForm):
            return iter(self.command.args)
        if isinstance(self.command, ShellForm):
            return iter((self.command.text,))
        return iter(())


class Run(_CommandInstruction):
    __slots__ = ("heredocs",)
    _own_defaults: ClassVar[dict[str, Any]] = {"heredocs": []}
    heredocs: list[Heredoc]
    KIND: ClassVar[str] = "run"


class Cmd(_CommandInstruction):
    __slots__ = ()
    KIND: ClassVar[str] = "cmd"


class Entrypoint(_CommandInstruction):
    __slots__ = ()
    KIND: ClassVar[str] = "entrypoint"


class Shell(_CommandInstruction):
    __slots__ = ()
    KIND: ClassVar[str] = "shell"


class Healthcheck(_CommandInstruction):
    __slots__ = ("mode",)
    _own_defaults: ClassVar[dict[str, Any]] = {"mode": None}
    mode: Word | None  # CMD or NONE
    KIND: ClassVar[str] = "healthcheck"

    def words(self) -> Iterator[Word]:
        yield from () if self.mode is None else (self.mode,)
        yield from _CommandInstruction.words(self)


class _PairsInstruction(Instruction):
    __slots__ = ("pairs",)
    _own_defaults: ClassVar[dict[str, Any]] = {"pairs": []}
    pairs: list[KeyValue]

    def words(self) -> Iterator[Word]:
        for p in self.pairs:
            yield p.key
            if p.value is not None:
                yield p.value


class Env(_PairsInstruction):
    __slots__ = ()
    KIND: ClassVar[str] = "env"


class Label(_PairsInstruction):
    __slots__ = ()
    KIND: ClassVar[str] = "label"


class Arg(_PairsInstruction):
    __slots__ = ()
    KIND: ClassVar[str] = "arg"


class _ListInstruction(Instruction):
    __slots__ = ("args", "json", "exec_span")
    _own_defaults: ClassVar[dict[str, Any]] = {"args": [], "json": False, "exec_span": None}
    args: list[Word]
    json: bool
    exec_span: Span | None  # span of the JSON array when json

    def words(self) -> Iterator[Word]:
        return iter(self.args)


class _FileInstruction(_ListInstruction):
    __slots__ = ("heredocs",)
    _own_defaults: ClassVar[dict[str, Any]] = {"heredocs": []}
    heredocs: list[Heredoc]

    @property
    def sources(self) -> list[Word]:
        return self.args[:-1]

    @property
    def destination(self) -> Word | None:
        return self.args[-1] if len(self.args) >= 2 else None


class Copy(_FileInstruction):
    __slots__ = ()
    KIND: ClassVar[str] = "copy"


class Add(_FileInstruction):
    __slots__ = ()
    KIND: ClassVar[str] = "add"


class Volume(_ListInstruction):
    __slots__ = ()
    KIND: ClassVar[str] = "volume"


class Expose(_ListInstruction):
    __slots__ = ()
    KIND: ClassVar[str] = "expose"


class _TextInstruction(Instruction):
    __slots__ = ("text",)
    _own_defaults: ClassVar[dict[str, Any]] = {"text": None}
    text: Word | None

    def words(self) -> Iterator[Word]:
        return iter(() if self.text is None else (self.text,))


class User(_TextInstruction):
    __slots__ = ()
    KIND: ClassVar[str] = "user"


class Workdir(_TextInstruction):
    __slots__ = ()
    KIND: ClassVar[str] = "workdir"


class Maintainer(_TextInstruction):
    __slots__ = ()
    KIND: ClassVar[str] = "maintainer"


class Stopsignal(_TextInstruction):
    __slots__ = ()
    KIND: ClassVar[str] = "stopsignal"


class Unknown(_TextInstruction):
    """A keyword BuildKit does not know; BuildKit ignores its arguments."""
    __slots__ = ()


class Onbuild(Instruction):
    __slots__ = ("trigger",)
    _own_defaults: ClassVar[dict[str, Any]] = {"trigger": None}
    trigger: Instruction | None
    KIND: ClassVar[str] = "onbuild"

    def words(self) -> Iterator[Word]:
        return iter(()) if self.trigger is None else self.trigger.words()


class Broken(Instruction):
    """An instruction BuildKit rejects; `message` says why. The file's other instructions still parse."""
    __slots__ = ("message", "text")
    _own_defaults: ClassVar[dict[str, Any]] = {"message": "", "text": None}

    message: str
    text: Word | None


class SyntaxIssue(Node):
    __slots__ = ("message", "span", "fatal")
    _own_defaults: ClassVar[dict[str, Any]] = {"fatal": True}
    message: str
    span: Span
    fatal: bool  # BuildKit rejects the file (as opposed to a warning such as an empty continuation line)


class Dockerfile(Node):
    __slots__ = ("source", "instructions", "comments", "directives", "issues", "escape")
    _own_defaults: ClassVar[dict[str, Any]] = {"escape": "\\"}
    source: str
    instructions: list[Instruction]
    comments: list[Comment]
    directives: list[Directive]
    issues: list[SyntaxIssue]
    escape: str

    def walk(self) -> Iterator[Instruction]:
        """Every instruction, ONBUILD triggers included (after their ONBUILD)."""
        return with_triggers(self.instructions)

    def directive(self, name: str) -> Directive | None:
        for d in self.directives:
            if d.name.text.lower() == name:
                return d
        return None


INSTRUCTION_CLASSES: dict[str, type[Instruction]] = {
    cls.KIND: cls
    for cls in (
        From, Run, Cmd, Entrypoint, Shell, Healthcheck, Env, Label, Arg, Copy, Add,
        Volume, Expose, User, Workdir, Maintainer, Stopsignal, Onbuild,
    )
}


def with_triggers(instructions: list[Instruction]) -> Iterator[Instruction]:
    """These instructions, each ONBUILD followed by its trigger."""
    for ins in instructions:
        yield ins
        if isinstance(ins, Onbuild) and ins.trigger is not None:
            yield ins.trigger
