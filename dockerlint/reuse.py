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
none of its checks failed.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from dockerlint.rules.api import Edit, Finding, Fix
from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.semantics.model import Model, Stage
    from dockerlint.settings import Settings

# What an instruction check may read of the instructions before it in its stage (and in
# the stages that one is built FROM): the model's scopes, shells, working directory, user.
_CONTEXT = (nodes.Arg, nodes.Env, nodes.Shell, nodes.Workdir, nodes.User)

Key = tuple[str, int]
_NOTHING: list[Finding] = []  # shared, never changed: callers only read it
# (rule, start, end, message, fix, severity, sub_code), offsets relative to the instruction (stage)
Entry = tuple[Any, int, int, str, "Fix | None", str, "str | None"]
Record = tuple[list[Entry], list[str]]  # an instruction's entries and notices
# a stage's check entries and notices, and its instructions' keys, offsets in the stage and records
StageRecord = tuple[list[Entry], list[str], list[tuple[Key, int, Record]]]


class Reuse:
    """The instruction checks' findings of a document's latest lint; one per open document."""

    def __init__(self) -> None:
        self._entries: dict[Key, Record] = {}
        self._stages: dict[Key, StageRecord] = {}
        self._settings: Settings | None = None
        self._path: str | None = None
        self._day: date | None = None  # checks may compare with today (end-of-life dates)

    def start(self, df: nodes.Dockerfile, model: Model, settings: Settings, path: str | None) -> Session:
        today = date.today()
        if settings != self._settings or path != self._path or today != self._day:
            self._entries, self._stages = {}, {}
            self._day = today
        return Session(self, df, model, settings, path)


class Session:
    """One lint's use of a Reuse: looks up the previous findings, collects this lint's."""

    def __init__(self, owner: Reuse, df: nodes.Dockerfile, model: Model, settings: Settings, path: str | None) -> None:
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
        self._contexts = context_keys(df, model)

    def key(self, ins: nodes.Instruction) -> Key | None:
        context = self._contexts.get(id(ins))
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
        entries = None if key is None else _relative(findings, ins.span)
        if key is not None and entries is not None:
            self._keep(key, ins, (entries, notices))
        else:
            self._complete = False

    def _keep(self, key: Key, ins: nodes.Instruction, record: Record) -> None:
        self._new[key] = record
        if self._recording is not None:
            self._recording.append((key, ins.span.start, record))

    def stage_key(self, stage: Stage) -> Key | None:
        context = self._contexts.get(id(stage.node))
        if context is None:
            return None
        span = stage_span(stage)
        return self._source[span.start:span.end], hash((context, "stage"))

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
        entries, stage_notices, records = kept
        base = stage.node.span.start
        findings: list[Finding] = []
        notices: list[str] = []
        for ins_key, offset, record in records:
            self._new[ins_key] = record  # for when one of its instructions changes next
            findings += [_finding(e, base + offset) for e in record[0]]
            notices += record[1]
        findings += [_finding(e, base) for e in entries]
        return findings, notices + stage_notices

    def put_stage(self, key: Key, stage: Stage, findings: list[Finding], notices: list[str]) -> None:
        """Keep a checked stage: its stage checks' findings and notices, its instructions' records."""
        records, self._recording = self._recording, None
        if records is None or not self._complete:
            return  # an instruction's findings reach outside it: the stage is checked anew each time
        span = stage_span(stage)
        entries = _relative(findings, span)
        if entries is not None:
            self._new_stages[key] = (entries, notices, [(k, start - span.start, r) for k, start, r in records])

    def finish(self) -> None:
        """Keep this lint's findings (only those: the table never outgrows the document)."""
        owner = self._owner
        owner._entries, owner._stages = self._new, self._new_stages
        owner._settings, owner._path = self._settings, self._path


def stage_span(stage: Stage) -> Span:
    """From the stage's FROM to the end of its last instruction."""
    last = stage.instructions[-1] if stage.instructions else stage.node
    return Span(stage.node.span.start, last.span.end)


def _relative(findings: list[Finding], span: Span) -> list[Entry] | None:
    """The findings as entries relative to `span`, or None when one reaches outside it.
    Each finding takes its entry as origin, as if re-created from it (see `_finding`)."""
    start, end = span
    entries: list[Entry] = []
    for f in findings:
        edits = f.fix.edits if f.fix is not None else ()
        if not (start <= f.span.start and f.span.end <= end and all(start <= e.start and e.end <= end for e in edits)):
            return None  # it points outside: computed anew each time
        fix = None if f.fix is None else f.fix._replace(
            edits=tuple(Edit(e.start - start, e.end - start, e.text) for e in edits))
        entries.append((f.rule, f.span.start - start, f.span.end - start, f.message, fix, f.severity, f.sub_code))
    for f, entry in zip(findings, entries):
        f.origin, f.anchor = entry, start
    return entries


def _finding(entry: Entry, base: int) -> Finding:
    rule, start, end, message, fix, severity, sub_code = entry
    if fix is not None:
        fix = fix._replace(edits=tuple(Edit(e.start + base, e.end + base, e.text) for e in fix.edits))
    return Finding(rule, Span(start + base, end + base), message, fix, severity, sub_code, entry, base)


def context_keys(df: nodes.Dockerfile, model: Model) -> dict[int, int]:
    """id(instruction) -> a hash of what its checks may see besides the instruction itself.

    For an instruction in a stage: every FROM line and global ARG of the file, the
    context instructions of its stage and of the stages it is built FROM (all of them:
    a check may look ahead, e.g. for a later SHELL), and how many of its own stage's
    come before it. Hash chains of strings: a collision is not a practical concern.
    """
    source = df.source

    def text(ins: nodes.Instruction) -> str:
        return source[ins.span.start:ins.span.end]

    globals_ = df.instructions[: _leading(df)]
    file_key = hash((df.escape, tuple(text(s.node) for s in model.stages),
                     tuple(text(i) for i in globals_ if isinstance(i, nodes.Arg))))
    keys: dict[int, int] = {}
    count = 0
    for ins in globals_:
        keys[id(ins)] = hash((file_key, count))
        count += isinstance(ins, nodes.Arg)
    # ONBUILD triggers before the first FROM have no key: they are checked anew each time
    stage_keys: list[int] = []
    for stage in model.stages:
        base = stage_keys[stage.base_stage.index] if stage.base_stage is not None else None
        own = hash((base, tuple(text(i) for i in stage.instructions if isinstance(i, _CONTEXT))))
        stage_keys.append(own)
        keys[id(stage.node)] = hash((file_key, own, -1))
        count = 0
        for ins in stage.instructions:
            keys[id(ins)] = key = hash((file_key, own, count))
            if isinstance(ins, _CONTEXT):
                count += 1
            elif isinstance(ins, nodes.Onbuild) and ins.trigger is not None:
                keys[id(ins.trigger)] = hash((key, "trigger"))
    return keys


def _leading(df: nodes.Dockerfile) -> int:
    """How many instructions come before the first FROM."""
    for i, ins in enumerate(df.instructions):
        if isinstance(ins, nodes.From):
            return i
    return len(df.instructions)
