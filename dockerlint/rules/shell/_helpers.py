"""Shared by the shell rules: the commands a RUN executes, package arguments with their
variables, cache mounts, and the text edits of their fixes."""
from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping

from dockerlint.rules.api import Edit, Finding, Fix, Related, RuleMeta, insert
from dockerlint.semantics.scripts import RunScript, commands, run_scripts
from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.shell import Command, ShellWord

Found = tuple[RunScript, "Command"]

# The shared last words of the unpinned-package rules' divergence.
PER_INSTALL = (
    " One finding per install command names all its unpinned packages (hadolint reports each "
    "package: an install of 20 packages printed 20 findings); each package's place comes with it "
    "as related information (LSP `relatedInformation`, SARIF `relatedLocations`, `related` in JSON)."
)

_SPECIAL_BUILTINS = frozenset({":", ".", "set", "export", "readonly", "eval", "exec", "shift", "trap", "unset"})
_WHOLE_VARIABLE = re.compile(r"""(["']?)\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)\1""")
# What may follow the last command of a script for `&& cmd` to still join it.
_CLOSERS = re.compile(r"""(?:\s|;|fi\b|done\b|esac\b|[})'"])*""")


def named(ctx: Context, run: nodes.Instruction, *names: str) -> list[Found]:
    """Commands of `run` whose (wrapper-resolved) name is one of `names`."""
    return [found for found, name in _with_names(ctx, run) if name in names]


def _with_names(ctx: Context, run: nodes.Instruction) -> list[tuple[Found, str | None]]:
    # worked out once per lint: two dozen rules ask for a RUN's commands by name
    return ctx.cached(("command-names", id(run)), lambda: [((rs, c), c.name) for rs, c in commands(ctx, run)])


def head_span(rs: RunScript, cmd: Command, options_with_value: Iterable[str] = ()) -> Span:
    """From the command name through its subcommand: `apt-get install`."""
    start = cmd.name_word or cmd.words[0]
    sub = cmd.subcommand_word(options_with_value) or start
    return rs.span(start.start, max(start.end, sub.end))


# -- variables and package arguments ------------------------------------------------

class _Placeholders(Mapping[str, str]):
    """Known ARG/ENV values; any other variable stands for an unknown version string."""

    def __init__(self, known: Mapping[str, str]) -> None:
        self._known = known

    def __getitem__(self, name: str) -> str:
        return self._known.get(name, "1")

    def __contains__(self, name: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._known)

    def __len__(self) -> int:
        return len(self._known)


def values(ctx: Context, run: nodes.Instruction) -> dict[str, str]:
    """Values known in `run`: ARG/ENV in scope, then the script's own plain assignments
    (`deps='gcc make'`, `export V=1`), whose value is known statically."""
    def build() -> dict[str, str]:
        known = dict(ctx.model.values(run))
        for _, cmd in commands(ctx, run):
            # `A=1` alone, `export A=1`, and `A=1 set -x` (before a special builtin it persists)
            words = list(cmd.assignments) if not cmd.words or cmd.name in _SPECIAL_BUILTINS else []
            if cmd.name in ("export", "readonly"):
                words += cmd.args
            for word in words:
                name, eq, _ = word.text.partition("=")
                value = word.expand(known)
                if eq and name.isidentifier() and value is not None:
                    known[name] = value.partition("=")[2]
        return known

    return ctx.cached(("shell-values", id(run)), build)


def package_values(word: ShellWord, known: Mapping[str, str]) -> list[str]:
    """What a package argument stands for: `$PKGS` known from ARG/ENV is split like the
    shell splits it; an unknown variable inside a word stands for a version (`foo-$V` is
    pinned); a word that is nothing but an unknown variable is skipped (it may hold anything)."""
    value = word.expand(known)
    if value is not None:
        return value.split() if not any(q in word.text for q in "'\"") else [value]
    if _WHOLE_VARIABLE.fullmatch(word.source):
        return []
    value = word.expand(_Placeholders(known))
    return [value] if value is not None else []


def packages(cmd: Command, known: Mapping[str, str], options_with_value: Iterable[str] = (),
             skip: int = 1) -> Iterator[tuple[ShellWord, str]]:
    """(word, value) of each positional argument after the first `skip` (the subcommand)."""
    for word in cmd.positional_args(options_with_value, after_subcommand=False)[skip:]:
        for value in package_values(word, known):
            yield word, value


def unpinned(ctx: Context, run: nodes.Instruction, meta: RuleMeta, found: Iterable[Found],
             is_pinned: Callable[[str], bool], advice: str, options_with_value: Iterable[str] = (),
             skip: int = 1, shown: Callable[[str], str] = str) -> Iterator[Finding]:
    """One finding per install command of `found` with packages that are not pinned, on the
    command (`apt-get install`): its message names them all, and each package's place is a
    related place with `advice` for it (`advice` is "Do X to `{package}`: `example`"; `shown`
    gives the name to write for a package argument)."""
    known = values(ctx, run)
    options_with_value = tuple(options_with_value)
    for rs, cmd in found:
        loose = [(word, shown(value)) for word, value in packages(cmd, known, options_with_value, skip)
                 if value and not is_pinned(value)]
        if loose:
            yield unpinned_finding(ctx, meta, head_span(rs, cmd, options_with_value),
                                   [(rs.word_span(word), name) for word, name in loose], advice)


def unpinned_finding(ctx: Context, meta: RuleMeta, span: Span, loose: list[tuple[Span, str]], advice: str) -> Finding:
    """The finding of one install command (at `span`) whose packages `loose` (place, name to
    write) are not pinned: hadolint's one finding per package made a 20-package install
    print 20 findings with 20 code frames."""
    names = list(dict.fromkeys(name for _, name in loose))
    message = advice.format(package=names[0])
    if len(names) > 1:
        message = f"Pin the versions of {_listed(names)}, e.g. {message.partition(': ')[2]}"
    return ctx.finding(meta, span, message, related=tuple(Related(s, advice.format(package=n)) for s, n in loose))


def _listed(names: list[str]) -> str:
    quoted = [f"`{n}`" for n in names]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


# -- flags ---------------------------------------------------------------------------

def insert_after(rs: RunScript, word: ShellWord, text: str) -> Edit | None:
    """Insert `text` right after `word` (None when offsets are only approximate)."""
    if not rs.exact:
        return None
    return insert(rs.word_span(word).end, text)


def flag_fix(rs: RunScript, cmd: Command, title: str, flag: str,
             options_with_value: Iterable[str] = ()) -> Fix | None:
    """Add `flag` after the subcommand (`apt-get install` -> `apt-get install -y`)."""
    anchor = cmd.subcommand_word(options_with_value) or cmd.name_word
    edit = insert_after(rs, anchor, " " + flag) if anchor is not None else None
    return Fix(title, (edit,)) if edit is not None else None


def missing(ctx: Context, meta: RuleMeta, found: Iterable[Found], present: Callable[[Command], bool],
            message: str, flag: str | None = None, options_with_value: Iterable[str] = ()) -> Iterator[Finding]:
    """One finding per command of `found` for which `present` is false; the fix adds `flag`."""
    options_with_value = tuple(options_with_value)
    for rs, cmd in found:
        if present(cmd):
            continue
        fix = flag_fix(rs, cmd, f"Add `{flag}`", flag, options_with_value) if flag else None
        yield ctx.finding(meta, head_span(rs, cmd, options_with_value), message, fix=fix)


def piped_from(cmd: Command, *names: str) -> bool:
    """`cmd` reads a pipe fed by one of `names` (`yes | apt-get install ...`)."""
    pipe = cmd.pipeline
    if pipe is None:
        return False
    stage = pipe.stage_of(cmd)
    return bool(stage) and any(c.name in names for c in pipe.stages[stage - 1])


# -- cache mounts and stages -------------------------------------------------------

def cache_mounted(run: nodes.Instruction, *paths: str) -> bool:
    """A `--mount=type=cache|tmpfs` whose target is one of `paths` (or ends with it when
    the path is relative, e.g. `.cache/pip`)."""
    for flag in run.flags:
        if flag.key != "mount" or flag.value is None:
            continue
        options = dict(part.partition("=")[::2] for part in flag.value.text.split(","))
        if options.get("type") not in ("cache", "tmpfs"):
            continue
        target = (options.get("target") or options.get("dst") or options.get("destination") or "").rstrip("/")
        if any(target == p.rstrip("/") or (not p.startswith("/") and target.endswith("/" + p)) for p in paths):
            return True
    return False


def image_stage(ctx: Context, run: nodes.Instruction) -> bool:
    """`run` is in the final stage or in a stage another stage is built FROM: its files ship."""
    stage = ctx.model.stage_of(run)
    if stage is None:
        return True
    bases = ctx.cached("base-stages", lambda: {id(s.base_stage) for s in ctx.model.stages if s.base_stage})
    return stage is ctx.model.final_stage or id(stage) in bases


def later(found: list[Found], cmd: Command, test: Callable[[Command], bool]) -> bool:
    """Some command that runs after `cmd` in the same RUN passes `test`."""
    seen = False
    for _, other in executed(found):
        if other is cmd:
            seen = True
        elif seen and test(other):
            return True
    return False


def executed(found: list[Found]) -> list[Found]:
    """`found` in the order the commands run: a script fed as a here-document (`RUN <<EOF bash`)
    runs where the command reading it stands, before what follows that command's line."""
    if not any(c.heredocs for _, c in found):
        return found
    first: dict[int, int] = {}  # script -> the index of its first command: scripts run in turn
    for k, (rs, _) in enumerate(found):
        first.setdefault(id(rs), k)

    def key(item: Found) -> tuple[int, int, int]:
        rs, cmd = item
        readers = (c for other, c in found if other is rs and c is not cmd)
        at = next((c.start for c in readers if any(a <= cmd.start < b for a, b in c.heredocs)), cmd.start)
        return (first[id(rs)], at, cmd.start)

    return sorted(found, key=key)


def uncleaned(ctx: Context, run: nodes.Instruction, meta: RuleMeta, installs: list[Found],
              cleans: Callable[[Command, Command], bool], clean_command: Callable[[Command], str],
              message: str, caches: tuple[str, ...] = ()) -> Iterator[Finding]:
    """The first install of `installs` not followed in the same RUN by a command that
    `cleans(install, other)` or removes one of `caches`; the fix appends `clean_command(install)`."""
    if not installs:
        return
    found = commands(ctx, run)
    removes = rm_of(ctx, run, found, *caches)
    for rs, cmd in installs:
        if not later(found, cmd, lambda other, cmd=cmd: cleans(cmd, other) or removes(other)):
            clean = clean_command(cmd)
            yield ctx.finding(meta, head_span(rs, cmd), message.format(clean=clean),
                              fix=append_fix(ctx, run, f"Append `&& {clean}`", clean))
            return


def rm_of(ctx: Context, run: nodes.Instruction, found: list[Found], *paths: str) -> Callable[[Command], bool]:
    """A test of the commands of `found` (those of `run`): an `rm` of one of `paths`, of its
    contents or of a parent folder. A relative path is taken from the directory the command
    runs in (WORKDIR, then `cd`); where that is unknown, one that names whole trailing or
    inner components of a path (`lists/*`, `apt`) counts: a finding needs certainty."""
    scripts = {id(c): rs for rs, c in found}
    wanted = [p.rstrip("/*") for p in paths]

    def removes(cmd: Command) -> bool:
        if cmd.name != "rm":
            return False
        rs = scripts.get(id(cmd))
        cwd: str | None = None
        for word in cmd.positional_args(after_subcommand=False):
            removed = (word.value or word.text).rstrip("*").rstrip("/")
            if not removed:
                continue
            if not removed.startswith("/"):
                if cwd is None and rs is not None:
                    cwd = rs.script.cwd_at(cmd, ctx.model.workdir(run))
                if cwd is None:
                    part = "/" + removed.removeprefix("./") + "/"
                    if any(part in w + "/" for w in wanted):
                        return True
                    continue
                removed = posixpath.normpath(posixpath.join(cwd, removed))
            if any(w == removed or w.startswith(removed.rstrip("/") + "/") for w in wanted):
                return True
        return False

    return removes


# -- appending a command to the RUN ----------------------------------------------------

def append_fix(ctx: Context, run: nodes.Instruction, title: str, command: str) -> Fix | None:
    """`&& command` at the end of the RUN's script, in the continuation style of the RUN.

    Not offered where `&&` would not join the last command (a trailing comment, `;`,
    `&`) or where offsets are approximate.
    """
    scripts = [rs for rs in run_scripts(ctx, run) if rs.script.commands]
    if not scripts:
        return None
    rs = scripts[-1]
    if not rs.exact or not rs.script.ok:
        return None
    text = rs.script.text[:rs.command_line_length]
    last_end = max((c.end for c in rs.script.commands if c.end <= len(text)), default=len(text))
    tail = text[last_end:]
    if not _CLOSERS.fullmatch(tail) or tail.rstrip().endswith(";"):
        return None
    end = len(text.rstrip())
    at = rs.offset(end - 1) + 1
    return Fix(title, (insert(at, _joined(ctx, rs, at, command)),))


def _joined(ctx: Context, rs: RunScript, at: int, command: str) -> str:
    """` && command`, or a new continuation line when the RUN already spans lines."""
    if not rs.continued:
        return f" && {command}"
    source = ctx.source
    line_start = source.rfind("\n", 0, at) + 1
    line = source[line_start:at]
    indent = line[: len(line) - len(line.lstrip())]
    escape = ctx.model.escape
    if line.lstrip().startswith(("&&", "||")):
        return f" {escape}\n{indent}&& {command}"
    return f" && {escape}\n{indent}{command}"
