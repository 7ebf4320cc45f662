"""Findings reused from one lint of a document to the next, as an editor re-lints on each change.

An instruction check (`@check(META, on=...)`) sees its instruction and, through the
semantic model, a context: the variables, SHELL, WORKDIR and USER in force, the stage
names and base images, the global ARGs. Its findings are kept by the instruction's
text and a key of that context, with offsets relative to the instruction, and reused
while both stay the same: an edit re-runs the checks of the instructions it changed
and, when it changes context, of the instructions that context reaches. A stage is
kept the same way, by its text (FROM to its last instruction) and its context: with
it go the findings of its stage checks and the records of its instructions, so an
unchanged stage costs one lookup (its findings keep their records as origins, which
the language server's JSON cache is keyed by). Checks of the whole file always run.
An instruction (stage) is kept only when every finding and fix lies inside it, and
none of its checks failed. A document several Compose services build is checked once per
service: each build's findings are kept apart (by its context, args and service), so that an
edit re-runs the same few checks in each.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Hashable

from dockerlint.rules.api import Edit, Finding, Fix, Related
from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.semantics.model import Model, Stage
    from dockerlint.settings import Settings

# What an instruction check may read of the instructions before it in its stage (and in
# the stages that one is built FROM): the model's scopes, shells, working directory, user.
_CONTEXT_TYPES = frozenset((nodes.Arg, nodes.Env, nodes.Shell, nodes.Workdir, nodes.User))

Key = tuple[str, int]
_NOTHING: list[Finding] = []  # shared, never changed: callers only read it
# (rule, start, end, message, fix, severity, sub_code, related), offsets relative to the instruction (stage)
Entry = tuple[Any, int, int, str, "Fix | None", str, "str | None", "tuple[Related, ...]"]
Record = tuple[list[Entry], list[str]]  # an instruction's entries and notices


class Placed:
    """Findings kept relative to a stage's start, made again only where the stage moves to."""

    __slots__ = ("entries", "made")

    def __init__(self, entries: list[tuple[Entry, int]], made: tuple[int, list[Finding]] | None = None) -> None:
        # every finding: its entry, and the offset in the stage it is relative to
        self.entries = entries
        # (stage start, the findings made there): a stage before the edit has not moved, and
        # keeps its findings as they are. One tuple, replaced whole: lint threads may share it.
        self.made = made

    def at(self, base: int) -> list[Finding]:
        """The findings of a stage that starts at `base` (shared: callers only read them)."""
        made = self.made
        if made is None or made[0] != base:
            made = self.made = (base, [_finding(e, base + offset) for e, offset in self.entries])
        return made[1]


class StageRecord:
    """A checked stage: what an unchanged stage gives back in one lookup."""

    __slots__ = ("records", "findings", "notices")

    def __init__(self, records: dict[Key, Record], findings: Placed, notices: list[str]) -> None:
        self.records = records  # its instructions' records, for when one of them changes next
        self.findings = findings
        self.notices = notices  # its instructions' and its stage checks' notices


# Builds of one document whose findings are kept (Compose services building it): past this, the
# least recently linted is dropped.
_BUILDS = 32


class Reuse:
    """The instruction checks' findings of a document's latest lints; one per open document. A
    document that several builds check (Compose services, each with its own context and args)
    keeps the findings of each build apart, by the build's identity."""

    def __init__(self) -> None:
        self._builds: dict[Hashable, Kept] = {}  # least recently linted first

    def start(self, df: nodes.Dockerfile, model: Model, settings: Settings, path: str | None,
              build: Hashable = None) -> Session:
        """Begin the lint of one build (`build`: its identity; None for the document alone)."""
        kept = self._builds.pop(build, None)
        if kept is None:
            kept = Kept()
            if len(self._builds) >= _BUILDS:
                del self._builds[next(iter(self._builds))]
        self._builds[build] = kept
        return kept.start(df, model, settings, path)


class Kept:
    """The findings of one build's latest lint of a document."""

    def __init__(self) -> None:
        self._entries: dict[Key, Record] = {}
        self._stages: dict[Key, StageRecord] = {}
        self._settings: Settings | None = None
        self._path: str | None = None
        self._args: object = None  # the build args of the lints kept (Compose's): values the checks see
        self._day: date | None = None  # checks may compare with today (end-of-life dates)

    def start(self, df: nodes.Dockerfile, model: Model, settings: Settings, path: str | None) -> Session:
        today = date.today()
        if settings != self._settings or path != self._path or today != self._day or model.args != self._args:
            self._entries, self._stages = {}, {}
            self._day, self._args = today, dict(model.args)
        return Session(self, df, model, settings, path)


class Session:
    """One lint's use of a build's Kept findings: looks up the previous findings, collects this lint's."""

    def __init__(self, owner: Kept, df: nodes.Dockerfile, model: Model, settings: Settings, path: str | None) -> None:
        self._owner = owner
        self._old, self._old_stages = owner._entries, owner._stages
        self._new: dict[Key, Record] = {}
        self._new_stages: dict[Key, StageRecord] = {}
        # The instructions' records of the stage being checked, and whether all could be kept.
        self._recording: list[tuple[Key, int, Record]] | None = None
        self._complete = True
        self._settings = settings
        self._path = path
        self._source = df.source
        self._contexts = Contexts(df, model)
        self._stage_keys: dict[int, Key | None] = {}  # by stage index: a check may ask too (ShellCheck)

    def key(self, ins: nodes.Instruction) -> Key | None:
        context = self._contexts.get(ins)
        return None if context is None else (self._source[ins.span.start:ins.span.end], context)

    def get(self, key: Key, ins: nodes.Instruction) -> tuple[list[Finding], list[str]] | None:
        """The findings (moved to where `ins` now is) and notices its checks gave last time."""
        kept = self._old.get(key)
        if kept is None:
            return None
        self._keep(key, ins, kept)
        entries, notices = kept
        if not entries:
            return _NOTHING, notices  # most instructions: nothing to move
        base = ins.span.start
        return [_finding(e, base) for e in entries], notices

    def put(self, key: Key | None, ins: nodes.Instruction, findings: list[Finding], notices: list[str]) -> None:
        """Keep the findings of an instruction's checks; with no key, they are not kept (nor
        the stage that holds it)."""
        entries = None if key is None else relative(findings, ins.span)
        if key is not None and entries is not None:
            self._keep(key, ins, (entries, notices))
        else:
            self._complete = False

    def _keep(self, key: Key, ins: nodes.Instruction, record: Record) -> None:
        self._new[key] = record
        if self._recording is not None:
            self._recording.append((key, ins.span.start, record))

    def stage_key(self, stage: Stage) -> Key | None:
        found = self._stage_keys.get(stage.index, False)
        if found is False:
            context = self._contexts.get(stage.node)
            span = stage_span(stage)
            found = self._stage_keys[stage.index] = (
                None if context is None else (self._source[span.start:span.end], hash((context, "stage"))))
        return found  # type: ignore[return-value]

    def get_stage(self, key: Key, stage: Stage) -> tuple[list[Finding], list[str]] | None:
        """All the findings and notices of an unchanged stage, moved to where it now is; None
        when the stage must be checked: its instructions' records are noted as they are
        checked, and the caller ends with `put_stage` (or not, when a check failed)."""
        kept = self._old_stages.get(key)
        if kept is None:
            self._recording, self._complete = [], True
            return None
        self._recording = None
        self._new_stages[key] = kept
        self._new.update(kept.records)
        return kept.findings.at(stage.node.span.start), kept.notices

    def put_stage(self, key: Key, stage: Stage, findings: list[Finding], notices: list[str]) -> None:
        """Keep a checked stage: its stage checks' findings and notices, its instructions' records."""
        records, self._recording = self._recording, None
        if records is None or not self._complete:
            return  # an instruction's findings reach outside it: the stage is checked anew each time
        span = stage_span(stage)
        entries = relative(findings, span)
        if entries is not None:
            kept = {k: r for k, _, r in records}
            flat = [(e, start - span.start) for _, start, r in records for e in r[0]]
            flat += [(e, 0) for e in entries]
            self._new_stages[key] = StageRecord(kept, Placed(flat), [n for _, _, r in records for n in r[1]] + notices)

    def finish(self) -> None:
        """Keep this lint's findings (only those: the table never outgrows the document)."""
        owner = self._owner
        owner._entries, owner._stages = self._new, self._new_stages
        owner._settings, owner._path = self._settings, self._path


def stage_span(stage: Stage) -> Span:
    """From the stage's FROM to the end of its last instruction."""
    last = stage.instructions[-1] if stage.instructions else stage.node
    return Span(stage.node.span.start, last.span.end)


def relative(findings: list[Finding], span: Span) -> list[Entry] | None:
    """The findings as entries relative to `span`, or None when one reaches outside it.
    Each finding takes its entry as origin, as if re-created from it (see `_finding`)."""
    start, end = span
    entries: list[Entry] = []
    for f in findings:
        edits = f.fix.edits if f.fix is not None else ()
        if not (start <= f.span.start and f.span.end <= end and all(start <= e.start and e.end <= end for e in edits)
                and all(start <= r.span.start and r.span.end <= end for r in f.related)):
            return None  # it points outside: computed anew each time
        fix = None if f.fix is None else f.fix._replace(
            edits=tuple(Edit(e.start - start, e.end - start, e.text) for e in edits))
        related = tuple(Related(Span(r.span.start - start, r.span.end - start), r.message) for r in f.related)
        entries.append((f.rule, f.span.start - start, f.span.end - start, f.message, fix, f.severity, f.sub_code,
                        related))
    for f, entry in zip(findings, entries):
        f.origin, f.anchor = entry, start
    return entries


def _finding(entry: Entry, base: int) -> Finding:
    rule, start, end, message, fix, severity, sub_code, related = entry
    if fix is not None:
        fix = Fix(fix.title, tuple([Edit(e.start + base, e.end + base, e.text) for e in fix.edits]), fix.safe)
    if related:
        related = tuple([Related(Span(r.span.start + base, r.span.end + base), r.message) for r in related])
    return Finding(rule, Span(start + base, end + base), message, fix, severity, sub_code, entry, base, related)


class Contexts:
    """Hashes of what an instruction's (stage's) checks may see besides the instruction (stage)
    itself.

    For an instruction in a stage: every FROM line and global ARG of the file, the
    context instructions of its stage and of the stages it is built FROM (all of them:
    a check may look ahead, e.g. for a later SHELL), and how many of its own stage's
    come before it. Hash chains of strings: a collision is not a practical concern.
    The stages' keys are made at once, their instructions' only for a stage that is
    checked: an unchanged stage is taken whole.
    """

    def __init__(self, df: nodes.Dockerfile, model: Model) -> None:
        source = df.source
        self._source = source
        self._model = model
        globals_ = model.leading
        # (list comprehensions and span[0]: this runs on every keystroke over every instruction)
        file_key = self._file_key = hash((df.escape, tuple([source[s.node.span[0]:s.node.span[1]] for s in model.stages]),
                                          tuple([self._text(i) for i in globals_ if type(i) is nodes.Arg])))
        keys = self._keys = {}
        count = 0
        for ins in globals_:
            keys[id(ins)] = hash((file_key, count))
            count += type(ins) is nodes.Arg
        # ONBUILD triggers before the first FROM have no key: they are checked anew each time
        own_keys = self._own = []
        for stage in model.stages:
            base = own_keys[stage.base_stage.index] if stage.base_stage is not None else None
            own = hash((base, tuple([source[i.span[0]:i.span[1]] for i in stage.instructions
                                     if type(i) in _CONTEXT_TYPES])))
            own_keys.append(own)
            keys[id(stage.node)] = hash((file_key, own, -1))
        self._filled: set[int] = set()

    def _text(self, ins: nodes.Instruction) -> str:
        return self._source[ins.span.start:ins.span.end]

    def get(self, ins: nodes.Instruction) -> int | None:
        key = self._keys.get(id(ins))
        if key is None:
            stage = self._model.stage_of(ins)
            if stage is not None and stage.index not in self._filled:
                self._fill(stage)
                key = self._keys.get(id(ins))
        return key

    def _fill(self, stage: Stage) -> None:
        self._filled.add(stage.index)
        keys, file_key, own = self._keys, self._file_key, self._own[stage.index]
        count = 0
        for ins in stage.instructions:
            keys[id(ins)] = key = hash((file_key, own, count))
            if type(ins) in _CONTEXT_TYPES:
                count += 1
            elif type(ins) is nodes.Onbuild and ins.trigger is not None:  # type: ignore[attr-defined]
                keys[id(ins.trigger)] = hash((key, "trigger"))  # type: ignore[attr-defined]
