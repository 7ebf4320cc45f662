"""One lint pass: parse, build the semantic model, run the enabled rules, filter, sort.

The CLI and the language server both call `lint()`; nothing here prints.
"""
from __future__ import annotations

import os
from bisect import bisect_right
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dockerlint.glob import per_file_glob
from dockerlint.rules import registry
from dockerlint.rules.api import Finding, Fix, Related, RuleMeta, Severity
from dockerlint.settings import Settings
from dockerlint.suppress import check_directive_skips, pragmas
from dockerlint.syntax import nodes
from dockerlint.syntax.parser import parse
from dockerlint.syntax.span import LineIndex, Span

if TYPE_CHECKING:
    from dockerlint.reuse import Reuse, Session
    from dockerlint.semantics.context import BuildContext
    from dockerlint.semantics.model import Model, Stage


class Context:
    """What a check sees: the tree, its meaning, the file's place on disk and the settings."""

    def __init__(self, dockerfile: nodes.Dockerfile, path: str | None, settings: Settings,
                 model: Model | None = None, processes: bool = True, build: BuildContext | None = None) -> None:
        self.dockerfile = dockerfile
        self.path = path
        self.settings = settings
        self.build = build  # the build context this lint checks against; None when unknown (stdin, unsaved)
        # Whether checks may start processes (ShellCheck). Without, they report what they
        # know already and clear `complete` when something is left to check.
        self.processes = processes
        self.complete = True
        self.session: Session | None = None  # the reuse of the previous lint's findings, if any
        self._model = model
        self._lines: LineIndex | None = None
        self._cache: dict[Any, Any] = {}
        self.notices: list[str] = []  # non-fatal remarks for the user (e.g. a missing tool)

    @property
    def model(self) -> Model:
        if self._model is None:
            from dockerlint.semantics.model import Model

            self._model = Model(self.dockerfile)
        return self._model

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.dockerfile.source)
        return self._lines

    @property
    def source(self) -> str:
        return self.dockerfile.source

    @property
    def context_dir(self) -> Path | None:
        """The build context's folder; None for stdin or unsaved buffers."""
        return None if self.build is None else self.build.root

    def options(self, meta: RuleMeta) -> dict[str, Any]:
        return self.settings.rule_options.get(meta.code, {})

    def cached(self, key: Any, build: Any) -> Any:
        """A value computed once per lint and shared by rules (e.g. parsed shell scripts)."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def stage_key(self, stage: Stage) -> object | None:
        """The stage's key in the reuse of findings (its text and context), when there is one."""
        return None if self.session is None else self.session.stage_key(stage)

    def stages_of(self, instructions: list[nodes.Instruction]) -> list[Stage]:
        """The stages holding these instructions, in file order."""
        found = {stage.index: stage for stage in map(self.model.stage_of, instructions) if stage is not None}
        return [found[i] for i in sorted(found)]

    def of_type(self, *classes: type[nodes.Instruction]) -> list[nodes.Instruction]:
        """The instructions of these (leaf) node classes, ONBUILD triggers included, in file
        order: whole-file checks look at a few kinds among hundreds of instructions."""
        index = self.by_type
        if len(classes) == 1:
            return index.get(classes[0], [])
        found = [ins for cls in classes for ins in index.get(cls, ())]
        found.sort(key=_start)
        return found

    @property
    def by_type(self) -> dict[type, list[nodes.Instruction]]:
        """Node class -> its instructions (ONBUILD triggers included), in file order."""
        return self.cached("by-type", self._by_type)

    def _by_type(self) -> dict[type, list[nodes.Instruction]]:
        index: dict[type, list[nodes.Instruction]] = {}
        for ins in self.dockerfile.walk():
            found = index.get(type(ins))
            if found is None:
                index[type(ins)] = [ins]
            else:
                found.append(ins)
        return index

    def finding(self, meta: RuleMeta, span: Span, message: str, fix: Fix | None = None,
                related: tuple[Related, ...] = ()) -> Finding:
        return Finding(meta, span, message, fix, related=related)

    def in_onbuild(self, ins: nodes.Instruction) -> bool:
        return self.cached("onbuild-triggers", lambda: {
            id(i.trigger) for i in self.of_type(nodes.Onbuild) if i.trigger  # type: ignore[attr-defined]
        }).__contains__(id(ins))


def _start(ins: nodes.Instruction) -> int:
    return ins.span.start


class LintResult:
    __slots__ = ("path", "dockerfile", "findings", "rule_errors", "notices", "_lines", "complete")

    def __init__(self, path: str | None, dockerfile: nodes.Dockerfile, findings: list[Finding],
                 rule_errors: list[str], notices: list[str] | None = None, lines: LineIndex | None = None,
                 complete: bool = True) -> None:
        self.path = path
        self.dockerfile = dockerfile
        self.findings = findings
        self.rule_errors = rule_errors  # rules that crashed: skipped, reported separately
        # remarks such as "shellcheck not found": the same text for every file, print each once
        self.notices = notices or []
        self._lines = lines  # the rules' index when they built one
        self.complete = complete  # False: linted without processes, and one had work left

    @property
    def source(self) -> str:
        return self.dockerfile.source

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.dockerfile.source)
        return self._lines


# enabled_rules by what it reads of the settings: the server lints on every edit with equal settings.
_ENABLED: dict[tuple[object, ...], list[RuleMeta]] = {}


def enabled_rules(settings: Settings, path: str | None = None) -> list[RuleMeta]:
    key = (id(registry.all_rules()), None if settings.select is None else tuple(settings.select),
           tuple(settings.extend_select), tuple(settings.ignore), tuple((k, tuple(v)) for k, v in settings.per_file_ignores.items()),
           tuple(settings.severity.items()), path if settings.per_file_ignores else None)
    found = _ENABLED.get(key)
    if found is None:
        if len(_ENABLED) >= 32:
            _ENABLED.clear()
        found = _ENABLED[key] = _enabled_rules(settings, path)
    return list(found)


def _enabled_rules(settings: Settings, path: str | None) -> list[RuleMeta]:
    rules = [r for r in registry.all_rules() if r.implemented and r.check is not None]
    if settings.select is not None:
        selected, _ = registry.resolve_many(settings.select)
    else:
        selected = {r.code for r in rules}
    extra, _ = registry.resolve_many(settings.extend_select)
    extra |= set(_sub_code_only(settings))  # `--select SC2086` runs ShellCheck for SC2086 alone
    ignored, _ = registry.resolve_many(_ignore_selectors(settings, path))
    wanted = (selected | extra) - ignored
    named = _named(settings)
    return [r for r in rules if r.code in wanted and _severity(r, settings) != "off"
            and (r.default_enabled or r.code in named)]


def _sub_code_only(settings: Settings) -> dict[str, set[str]]:
    """Rules selected by sub-codes only (`--select SC2086` without DKL900 or ALL): rule code ->
    the sub-codes whose findings it reports."""
    selectors = [*(settings.select if settings.select is not None else ("ALL",)), *settings.extend_select]
    whole, _ = registry.resolve_many(selectors)
    only: dict[str, set[str]] = {}
    for selector in selectors:
        code = registry.sub_code(selector)
        meta = registry.sub_code_rule(selector) if code else None
        if meta is not None and meta.code not in whole:
            only.setdefault(meta.code, set()).add(code)  # type: ignore[arg-type]
    return only


def selecting(settings: Settings, meta: RuleMeta) -> list[str]:
    """Selectors that choose `meta` alone as `settings` choose it: its sub-codes when only those
    are selected, else its code (for a lint of one rule's share, as the language server's)."""
    only = _sub_code_only(settings).get(meta.code)
    return sorted(only) if only else [meta.code]


def _named(settings: Settings) -> set[str]:
    """Rules chosen by their own code, name or alias (in select, extend-select or a severity
    override), which is what turns on an off-by-default rule; ALL or a prefix does not."""
    named: set[str] = set()
    for selector in [*(settings.select or ()), *settings.extend_select, *settings.severity]:
        meta = registry.resolve(selector)
        if meta is not None:
            named.add(meta.code)
    return named


def _severity(meta: RuleMeta, settings: Settings) -> str:
    for selector in meta.names:
        for key, value in settings.severity.items():
            if key.lower() == selector.lower():
                return value
    return meta.severity


def lint(source: str, *, path: str | None = None, settings: Settings | None = None,
         dockerfile: nodes.Dockerfile | None = None, model: Model | None = None,
         reuse: Reuse | None = None, processes: bool = True) -> LintResult:
    """Lint one Dockerfile's text. `path` locates the build context (dockerlint/semantics/context.py).

    A caller that already has the parse (and its semantic model), as the language server
    does, passes them so they are not built again; one that lints a document again and
    again passes the same `reuse` each time (see dockerlint/reuse.py). Without
    `processes`, ShellCheck's findings come from what it said before, and the result is
    not `complete` when a script is left unchecked.

    A Dockerfile that several Compose services or dev container configurations build (with their own
    contexts and args) is checked once for each; a finding that not all of them give names the
    builds it comes from.
    """
    from dockerlint.semantics.context import builds_for

    settings = settings or Settings()
    df = dockerfile if dockerfile is not None else parse(source)
    builds = builds_for(path, settings.context)
    if len(builds) <= 1:
        build = builds[0] if builds else None
        return _lint(df, path, settings, model_for(df, model, build), reuse, processes, build)
    results = [_lint(df, path, settings, model_for(df, model, build), reuse, processes, build) for build in builds]
    first = results[0]
    findings = _merge([r.findings for r in results], builds)
    return LintResult(path, df, findings, list(dict.fromkeys(e for r in results for e in r.rule_errors)),
                      list(dict.fromkeys(n for r in results for n in r.notices)), first._lines,
                      all(r.complete for r in results))


def model_for(df: nodes.Dockerfile, model: Model | None, build: BuildContext | None) -> Model | None:
    """The model of a build: the one given unless the build passes a value to an ARG of the file."""
    if build is None or not build.args:
        return model
    declared = {pair.key.text for ins in df.walk() if isinstance(ins, nodes.Arg) for pair in ins.pairs}
    args = {k: v for k, v in build.args.items() if k in declared}
    if not args:
        return model
    from dockerlint.semantics.model import Model

    return Model(df, args)


def _merge(runs: list[list[Finding]], builds: list[BuildContext]) -> list[Finding]:
    """One list of the findings of several builds: once each, those not every build gives saying
    which builds (services, dev containers) they come from."""
    from dockerlint.semantics.context import describe

    seen: dict[tuple[object, ...], tuple[Finding, list[BuildContext]]] = {}
    for findings, build in zip(runs, builds):
        for f in findings:
            key = (f.rule.code, f.sub_code, f.span, f.message, f.severity)
            if key in seen:
                seen[key][1].append(build)
            else:
                seen[key] = (f, [build])
    merged = []
    for f, which in seen.values():
        if len(which) < len(runs):
            f = Finding(f.rule, f.span, f"{f.message} ({describe(which)})", f.fix, f.severity, f.sub_code)
        merged.append(f)
    merged.sort(key=Finding.sort_key)
    return merged


def _lint(df: nodes.Dockerfile, path: str | None, settings: Settings, model: Model | None, reuse: Reuse | None,
          processes: bool, build: BuildContext | None) -> LintResult:
    ctx = Context(df, path, settings, model, processes, build)
    rules = enabled_rules(settings, path)
    findings: list[Finding] = []
    errors: list[str] = []
    # A file-level check may yield a callable instead of a finding: it is called, and its
    # findings collected, after all other checks (ShellCheck runs in the meantime).
    later: list[tuple[RuleMeta, Any]] = []
    session = ctx.session = (None if reuse is None else
                             reuse.start(df, ctx.model, settings, path, None if build is None else build.identity))
    for meta in rules:
        if meta.on is None and not meta.per_stage:
            _run(meta, errors, findings, meta.check, ctx, later=later)
    checks = _Checks(rules, ctx, errors, session)
    model = ctx.model
    for ins in model.leading:
        checks.instruction(ins, findings)
    for stage in model.stages:
        checks.stage(stage, findings)
    if session is not None:
        session.finish()
    for meta, finish in later:
        _run(meta, errors, findings, finish)
    findings = _suppress(findings, df, settings.disable_ignore_pragma)
    ignored_sub_codes = {c for c in map(registry.sub_code, _ignore_selectors(settings, path)) if c}
    only = _sub_code_only(settings) if settings.select is not None or settings.extend_select else {}
    findings = [f for f in findings if f.sub_code is None or f.sub_code not in ignored_sub_codes
                and (f.rule.code not in only or f.sub_code in only[f.rule.code])]
    if settings.severity:  # overrides; without any, every finding keeps its own
        for f in findings:
            f.severity = _finding_severity(f, settings)
    findings.sort(key=Finding.sort_key)
    return LintResult(path, df, findings, errors, list(dict.fromkeys(ctx.notices)), ctx._lines, ctx.complete)


class _Checks:
    """The instruction and stage checks of one lint, with findings reused through `session`."""

    def __init__(self, rules: list[RuleMeta], ctx: Context, errors: list[str], session: Session | None) -> None:
        self.rules = rules
        self.ctx = ctx
        self.errors = errors
        self.session = session
        self._by_class: dict[type, list[RuleMeta]] = {}  # instruction class -> its checks
        self._stage_checks = [m for m in rules if m.per_stage]

    def _checks(self, cls: type) -> list[RuleMeta]:
        found = self._by_class.get(cls)
        if found is None:
            found = self._by_class[cls] = [m for m in self.rules if m.on is not None and issubclass(cls, m.on)]
        return found

    def instruction(self, ins: nodes.Instruction, out: list[Finding]) -> None:
        """Check an instruction, and the trigger of an ONBUILD (as `Dockerfile.walk`)."""
        self._check(ins, out)
        if isinstance(ins, nodes.Onbuild) and ins.trigger is not None:
            self._check(ins.trigger, out)

    def _check(self, ins: nodes.Instruction, out: list[Finding]) -> None:
        ctx, errors, session = self.ctx, self.errors, self.session
        checks = self._checks(type(ins))
        key = session.key(ins) if session is not None and checks else None
        kept = session.get(key, ins) if key is not None else None  # type: ignore[union-attr]
        if kept is not None:
            out.extend(kept[0])
            ctx.notices.extend(kept[1])
        elif checks:
            found, failed, noticed = len(out), len(errors), len(ctx.notices)
            for meta in checks:
                _run(meta, errors, out, meta.check, ins, ctx)
            if session is not None and len(errors) == failed:
                session.put(key, ins, out[found:], ctx.notices[noticed:])

    def stage(self, stage: Stage, out: list[Finding]) -> None:
        """Check a stage: its instructions, then the stage checks; all at once when it is unchanged."""
        ctx, errors, session = self.ctx, self.errors, self.session
        key = session.stage_key(stage) if session is not None else None
        kept = session.get_stage(key, stage) if key is not None else None  # type: ignore[union-attr]
        if kept is not None:
            out.extend(kept[0])
            ctx.notices.extend(kept[1])
            return
        failed = len(errors)
        self.instruction(stage.node, out)
        for ins in stage.instructions:
            self.instruction(ins, out)
        found, noticed = len(out), len(ctx.notices)
        for meta in self._stage_checks:
            _run(meta, errors, out, meta.check, stage, ctx)
        if key is not None and len(errors) == failed:
            session.put_stage(key, stage, out[found:], ctx.notices[noticed:])  # type: ignore[union-attr]


def _ignore_selectors(settings: Settings, path: str | None) -> list[str]:
    """`ignore` and the per-file ignores whose pattern matches the end of `path` (as `Path.match`);
    the command line and the server have already applied them, relative to their config file."""
    selectors = list(settings.ignore)
    if path is not None:
        for pattern, more in settings.per_file_ignores.items():
            if per_file_glob(pattern, True).match(path.replace(os.sep, "/")):
                selectors.extend(more)
    return selectors


def _finding_severity(f: Finding, settings: Settings) -> str:
    """A severity configured for the finding's sub-code, else for its rule, else its own."""
    if f.sub_code is not None:
        for key, value in settings.severity.items():
            if key.upper() == f.sub_code:
                return value
    if any(key.lower() == name.lower() for name in f.rule.names for key in settings.severity):
        return _severity(f.rule, settings)
    return f.severity


def _run(meta: RuleMeta, errors: list[str], out: list[Finding], fn: Any, *args: Any,
         later: list[tuple[RuleMeta, Any]] | None = None) -> None:
    try:
        result = fn(*args)
        if result is not None:
            for item in result:
                if later is not None and callable(item):
                    later.append((meta, item))
                else:
                    out.append(item)
    except Exception:  # one broken rule must not silence the others
        import traceback  # only on this path: it costs start-up time

        errors.append(f"rule {meta.code} ({meta.name}) failed:\n{traceback.format_exc()}")


def _suppress(findings: list[Finding], df: nodes.Dockerfile, no_pragmas: bool = False) -> list[Finding]:
    skip_all: set[str] = set()
    by_instruction: dict[int, set[str]] = {}
    for selector in check_directive_skips(df):
        skip_all |= _codes(selector)
    for pragma in [] if no_pragmas else pragmas(df):
        codes: set[str] = set()
        for selector in pragma.selectors:
            codes |= _codes(selector)
        if pragma.is_global:
            skip_all |= codes
        elif pragma.instruction is not None:
            by_instruction.setdefault(id(pragma.instruction), set()).update(codes)
    if not skip_all and not by_instruction:
        return findings
    starts = [ins.span.start for ins in df.instructions]
    kept = []
    for f in findings:
        if f.rule.code in skip_all or f.sub_code in skip_all or "*" in skip_all:
            continue
        i = bisect_right(starts, f.span.start) - 1
        if i >= 0 and df.instructions[i].span.end >= f.span.start:
            codes = by_instruction.get(id(df.instructions[i]), ())
            if f.rule.code in codes or f.sub_code in codes or "*" in codes:
                continue
        kept.append(f)
    return kept


def _codes(selector: str) -> set[str]:
    if selector.lower() == "all":
        return {"*"}
    found = registry.resolve_all(selector)
    if found:
        return {m.code for m in found}
    sub = registry.sub_code(selector)
    return {sub} if sub else set()


def worst(findings: list[Finding]) -> str | None:
    if not findings:
        return None
    return max((f.severity for f in findings), key=Severity.rank)
