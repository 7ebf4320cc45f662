"""Data model of a parsed shell script: words, simple commands, pipelines.

All offsets are ``str`` indexes into the script text given to
:func:`dockerlint.shell.parse_script`; ``end`` is exclusive.
"""
from __future__ import annotations

from . import words as _words

TYPE_CHECKING = False  # typing costs start-up time; it is only needed by type checkers
if TYPE_CHECKING:
    from typing import Iterable, Iterator, Mapping

# Plain slotted classes, not dataclasses: building dataclasses costs more import
# time than parsing a script, and the CLI starts on every commit.
_UNSET = object()  # ShellWord.value not computed yet


class ParseError:
    """A place where the script does not parse as POSIX/bash shell."""

    __slots__ = ("message", "start", "end")

    def __init__(self, message: str, start: int, end: int) -> None:
        self.message = message
        self.start = start
        self.end = end

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"ParseError({self.message!r}, {self.start}, {self.end})"


class ShellWord:
    """One shell word (an argv element or an ``A=b`` assignment).

    ``text`` is the raw source text ``script[start:end]``.  ``value`` is the
    word after quote removal and escape resolution, or ``None`` when it holds
    an expansion (``$VAR``, ``$(cmd)``, ...) that cannot be resolved
    statically; use :meth:`expand` to substitute known variables.
    """

    __slots__ = ("text", "start", "end", "source", "_value")

    def __init__(self, text: str, start: int, end: int, source: str = "") -> None:
        self.text = text
        self.start = start
        self.end = end
        #: text the (possibly nested, ``sh -c``) shell sees; equals ``text``
        #: except for words of an inner ``sh -c "..."`` script.
        self.source = source or text
        self._value: object = _UNSET

    @property
    def value(self) -> str | None:
        if self._value is _UNSET:
            self._value = _words.unquote(self.source)
        return self._value  # type: ignore[return-value]

    @property
    def is_literal(self) -> bool:
        """True when the word has no expansion (its ``value`` is known)."""
        return self.value is not None

    def expand(self, variables: Mapping[str, str]) -> str | None:
        """The word's value with ``$NAME``/``${NAME}``/``${NAME:-x}`` replaced
        from ``variables``; ``None`` if some expansion stays unknown."""
        return _words.unquote(self.source, variables)

    @property
    def literal_prefix(self) -> str:
        """Value of the word up to its first unresolvable expansion."""
        return _words.literal_prefix(self.source)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"ShellWord({self.text!r}@{self.start}:{self.end})"


def expand_word(word: ShellWord, variables: Mapping[str, str]) -> str | None:
    """Expanded value of ``word`` if every variable in it is known."""
    return word.expand(variables)


class Pipeline:
    """Commands joined by ``|`` (or ``|&``).  Only real pipes (two or more
    stages) are recorded."""

    __slots__ = ("start", "end", "stages", "negated", "pipefail")

    def __init__(self, start: int, end: int, stages: list[list[Command]] | None = None,
                 negated: bool = False, pipefail: bool = False) -> None:
        self.start = start
        self.end = end
        #: simple commands of each stage; a stage that is a subshell or group
        #: holds all the simple commands inside it
        self.stages = [] if stages is None else stages
        self.negated = negated
        #: ``set -o pipefail`` was executed earlier in the same script
        self.pipefail = pipefail

    @property
    def commands(self) -> list[Command]:
        """The first simple command of each stage."""
        return [stage[0] for stage in self.stages if stage]

    def stage_of(self, command: Command) -> int | None:
        for i, stage in enumerate(self.stages):
            if any(c is command for c in stage):
                return i
        return None


class Command:
    """A simple command (argv plus env-prefix assignments) with its context."""

    __slots__ = ("words", "assignments", "start", "end", "connector", "previous", "negated", "pipeline",
                 "pipeline_position", "context", "redirects", "heredocs", "name_index", "wrappers")

    def __init__(self, words: list[ShellWord], assignments: list[ShellWord], start: int, end: int,
                 connector: str | None = None, previous: Command | None = None, negated: bool = False,
                 pipeline: Pipeline | None = None, pipeline_position: int | None = None,
                 context: tuple[str, ...] = (), redirects: list[tuple[str, ShellWord | None]] | None = None,
                 heredocs: list[tuple[int, int]] | None = None, name_index: int | None = None,
                 wrappers: list[str] | None = None) -> None:
        self.words = words
        self.assignments = assignments
        self.start = start
        self.end = end
        #: operator joining this command to the previous one at the same level:
        #: ``"&&"``, ``"||"``, ``";"``, ``"&"``, ``"|"``, ``"|&"``, ``"\n"`` or None
        self.connector = connector
        #: the command that ``connector`` joins this one to
        self.previous = previous
        self.negated = negated
        self.pipeline = pipeline
        self.pipeline_position = pipeline_position
        #: enclosing constructs, outermost first: "subshell", "group", "if",
        #: "condition", "loop", "case", "function", "substitution", "sh -c", ...
        self.context = context
        #: redirection operators and targets, e.g. ``[(">", word), ("2>&1", None)]``
        self.redirects = [] if redirects is None else redirects
        #: (start, end) of the bodies of this command's here-documents
        self.heredocs = [] if heredocs is None else heredocs
        # filled by wrappers.resolve()
        self.name_index = name_index
        self.wrappers = [] if wrappers is None else wrappers

    # -- naming ----------------------------------------------------------
    @property
    def name(self) -> str | None:
        """The real command after wrappers (sudo, env, xargs, ...), as a
        basename (``/usr/bin/apt-get`` -> ``apt-get``); None when there is
        no command word or it is not a literal."""
        if self.name_index is None or self.name_index >= len(self.words):
            return None
        value = self.words[self.name_index].value
        if value is None:
            return None
        return value.rsplit("/", 1)[-1] if "/" in value.rstrip("/") else value

    @property
    def name_word(self) -> ShellWord | None:
        if self.name_index is None or self.name_index >= len(self.words):
            return None
        return self.words[self.name_index]

    @property
    def args(self) -> list[ShellWord]:
        """Words after the command name."""
        if self.name_index is None:
            return []
        return self.words[self.name_index + 1 :]

    @property
    def in_pipeline(self) -> bool:
        return self.pipeline is not None

    @property
    def argv(self) -> list[str | None]:
        return [w.value for w in self.words]

    # -- option helpers --------------------------------------------------
    def has_flag(self, *names: str) -> bool:
        """True if any of ``names`` (``"-y"``, ``"--yes"``, ``"y"``) is given.

        Understands combined short flags (``-yq`` has ``-y``),
        ``--flag=value`` and ``--flag value``.  Scanning stops at ``--``.
        """
        return _words.has_flag(self.args, names)

    def flag_value(self, *names: str) -> ShellWord | str | None:
        """The value of an option: ``--opt=v``, ``--opt v``, ``-ov``, ``-o v``.
        Returns the word (or the value string for the ``=``/attached forms)."""
        return _words.flag_value(self.args, names)

    def subcommand(
        self, skip_options: Iterable[str] = (), *, options_with_value: Iterable[str] = ()
    ) -> str | None:
        """First positional argument, skipping options: ``apt-get -y install
        foo`` -> ``"install"``.  ``options_with_value`` (or its alias
        ``skip_options``) names options whose value is the next word
        (``-o Dpkg::Options=x``)."""
        word = _words.first_positional(self.args, set(skip_options) | set(options_with_value))
        return None if word is None else word.value

    def subcommand_word(self, options_with_value: Iterable[str] = ()) -> ShellWord | None:
        return _words.first_positional(self.args, set(options_with_value))

    def positional_args(
        self,
        options_with_value: Iterable[str] = (),
        *,
        after_subcommand: bool = True,
    ) -> list[ShellWord]:
        """Positional words (not options, not option values), after the
        subcommand unless ``after_subcommand`` is false."""
        pos = _words.positionals(self.args, set(options_with_value))
        return pos[1:] if after_subcommand else pos

    def options(self) -> list[ShellWord]:
        """All words that look like options (start with ``-``), up to ``--``."""
        out = []
        for w in self.args:
            v = w.value if w.value is not None else w.literal_prefix
            if v == "--":
                break
            if v.startswith("-") and v != "-":
                out.append(w)
        return out

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Command({' '.join(w.text for w in self.words)!r}@{self.start}:{self.end})"


# Constructs that run in a process of their own: a `cd` there stays there.
_OWN_PROCESS = frozenset(("subshell", "substitution", "sh -c"))


class Script:
    """The result of :func:`dockerlint.shell.parse_script`."""

    __slots__ = ("text", "dialect", "commands", "pipelines", "errors", "skipped_reason", "parser")

    def __init__(self, text: str, dialect: str = "posix", commands: list[Command] | None = None,
                 pipelines: list[Pipeline] | None = None, errors: list[ParseError] | None = None,
                 skipped_reason: str | None = None, parser: str = "rd") -> None:
        self.text = text
        self.dialect = dialect
        self.commands = [] if commands is None else commands
        self.pipelines = [] if pipelines is None else pipelines
        self.errors = [] if errors is None else errors
        #: set when the script was not analysed (e.g. PowerShell / cmd SHELL)
        self.skipped_reason = skipped_reason
        #: which parser produced the model ("rd" or "fallback")
        self.parser = parser

    @property
    def ok(self) -> bool:
        return not self.errors and self.skipped_reason is None

    def __iter__(self) -> Iterator[Command]:
        return iter(self.commands)

    def find(self, *names: str) -> list[Command]:
        """Commands whose (wrapper-resolved) name is one of ``names``."""
        wanted = set(names)
        return [c for c in self.commands if c.name in wanted]

    def pipefail_at(self, offset: int, *, initially: bool = False) -> bool:
        """Whether ``set -o pipefail`` is in effect at ``offset`` (by source
        order of top-level ``set`` commands; ``initially`` is the state the
        SHELL gives, e.g. ``["/bin/bash", "-o", "pipefail", "-c"]``)."""
        state = initially
        for cmd in self.commands:
            if cmd.start >= offset:
                break
            if cmd.name == "set" and not cmd.context:
                change = _words.set_option_change(cmd.args, "pipefail")
                if change is not None:
                    state = change
        return state

    def cwd_at(self, command: Command, initially: str | None) -> str | None:
        """The directory `command` runs in after the `cd`s before it; `initially` is the
        script's (the RUN's WORKDIR), None when unknown. A `cd` to a place not written
        literally, or one that may or may not run (in an `if`, a loop, a function), makes it
        unknown; one in a subshell only changes the commands inside that subshell."""
        cwd = initially
        for cmd in self.commands:
            if cmd.start >= command.start:
                break
            if cmd.name != "cd":
                continue
            if any(c in _OWN_PROCESS for c in cmd.context):
                if command.context[:len(cmd.context)] == cmd.context:
                    cwd = None  # perhaps the same subshell: it may have moved
                continue
            cwd = None if cmd.context else _words.cd_target(cmd.args, cwd)
        return cwd

    def piped_into(self, left: Iterable[str], right: Iterable[str]) -> list[Pipeline]:
        """Pipes where a stage running one of ``left`` feeds (directly) a
        stage running one of ``right``: e.g. ``(("curl", "wget"), ("sh", "bash"))``."""
        lset, rset = set(left), set(right)
        found = []
        for p in self.pipelines:
            names = [{c.name for c in stage} for stage in p.stages]
            if any(names[i] & lset and names[i + 1] & rset for i in range(len(names) - 1)):
                found.append(p)
        return found
