"""The fix oracle: what `--fix`, `--unsafe-fixes` and `format` must keep, checked on any Dockerfile.

For one file and one mode it runs the fix passes in-process (as `fixes.fix_loop` does) and,
after each pass, checks the result against the text before it:

- `fixed-point`: the passes settle (a second `--fix` run changes nothing);
- `parse`: our parser and BuildKit's (the `dockerfile` package, when installed) still accept it;
- `untargeted`: every instruction no applied edit touched reads the same to BuildKit;
- `meaning`: an instruction a re-spelling fix touched (`RESPELLING`) has the same meaning after
  BuildKit's word processing (quotes, escapes, the escape directive; `$VAR` kept as a reference);
- `shell`: a RUN script that parsed as shell still does (our parser; `bash -n` in `bash_syntax`);
- `needed`: no apt package lists are removed where a later RUN of the stage, or of a stage built
  FROM it, installs without `apt-get update`.

`python -m tests.fix.oracle` prints the figures over the corpus.
"""
from __future__ import annotations

import shlex
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Iterator, Mapping, NamedTuple

from dockerlint._edits import apply_edits
from dockerlint.engine import Context, lint
from dockerlint.fixes import apply_fixes
from dockerlint.formatter import format_edits
from dockerlint.rules import registry
from dockerlint.rules.api import Edit, Finding
from dockerlint.semantics.expand import expand
from dockerlint.semantics.scripts import commands, run_scripts, shell_argv
from dockerlint.settings import Settings
from dockerlint.syntax import buildkit, nodes
from dockerlint.syntax.parser import parse

try:
    import dockerfile as _gobuildkit  # BuildKit's Go parser, wrapped
except ImportError:  # pragma: no cover - the test extra installs it
    _gobuildkit = None

FIXING = [r for r in registry.all_rules() if r.implemented and r.fix != "none"]
_SETTINGS = Settings(select=[r.code for r in FIXING], shellcheck=False)
# Fixes that only re-spell what they touch: its meaning must not change.
RESPELLING = frozenset(("DKL106", "DKL203", "DKL204", "DKL402", "DKL404", "DKL602", "DKL603", "DKL604",
                        "DKL611", "DKL617", "DKL618", "DKL625"))
MAX_PASSES = 10


class Violation(NamedTuple):
    kind: str  # fixed-point | parse | untargeted | meaning | shell | needed
    rules: tuple[str, ...]  # the rules whose fixes were applied in the pass (those touching the instruction)
    detail: str


class Outcome(NamedTuple):
    text: str
    applied: Counter[str]  # fixes applied per rule
    passes: int
    violations: list[Violation]
    scripts: list[tuple[str, str]]  # (before, after) RUN scripts a fix changed, for `bash_syntax`


_PARSES: dict[str, nodes.Dockerfile] = {}


def _parse(text: str) -> nodes.Dockerfile:
    """Each text of a fix run is linted and checked: parse it once."""
    df = _PARSES.get(text)
    if df is None:
        if len(_PARSES) > 16:
            _PARSES.clear()
        df = _PARSES[text] = parse(text)
    return df


def findings(text: str) -> list[Finding]:
    return lint(text, settings=_SETTINGS, dockerfile=_parse(text)).findings


def fix(source: str, *, unsafe: bool) -> Outcome:
    text, found = source, findings(source)
    applied: Counter[str] = Counter()
    violations: list[Violation] = []
    scripts: list[tuple[str, str]] = []
    for passes in range(MAX_PASSES + 1):
        out = apply_fixes(text, found, unsafe=unsafe)
        if out.text == text:
            return Outcome(text, applied, passes, violations, scripts)
        if passes == MAX_PASSES:
            break
        left = {id(f) for f in out.remaining}
        done = [f for f in found if f.fix is not None and id(f) not in left]
        applied.update(f.rule.code for f in done)
        if not unsafe:
            violations += [Violation("safety", (f.rule.code,), f"a `fix = \"{f.rule.fix}\"` rule's fix applied by --fix")
                           for f in done if f.rule.fix not in ("safe", "sometimes")]
        violations += check_pass(text, out.text, done, scripts)
        text, found = out.text, findings(out.text)
    rules = tuple(sorted({f.rule.code for f in found if f.fix is not None and (f.fix.safe or unsafe)}))
    return Outcome(text, applied, MAX_PASSES, violations + [Violation("fixed-point", rules, "never settles")], scripts)


def formatted(source: str) -> Outcome:
    edits = format_edits(source)
    if not edits:
        return Outcome(source, Counter(), 0, [], [])
    text = apply_edits(source, edits)
    scripts: list[tuple[str, str]] = []
    violations = _check(source, text, edits, {id(e): "format" for e in edits}, scripts, respelling=True, spacing=True)
    if format_edits(text):
        violations.append(Violation("fixed-point", ("format",), "a second run changes the text"))
    df = _parse(source)
    for ins in df.instructions:
        if isinstance(ins, (nodes.Unknown, nodes.Broken)) and any(_touches(e, ins) for e in edits):
            violations.append(Violation("unparsed", ("format",), f"{ins.keyword.text!r} instruction rewritten"))
    violations += [Violation("indentation", ("format",), line) for line in _indentation_changed(source, text)]
    return Outcome(text, Counter(format=1), 1, violations, scripts)


def check_pass(before: str, after: str, done: list[Finding], scripts: list[tuple[str, str]]) -> list[Violation]:
    edits = [e for f in done for e in f.fix.edits]  # type: ignore[union-attr]
    # an unsafe fix may change meaning (that is what unsafe says): only safe ones must re-spell
    owner = {id(e): f.rule.code if f.fix.safe else f"{f.rule.code} (unsafe)"  # type: ignore[union-attr]
             for f in done for e in f.fix.edits}  # type: ignore[union-attr]
    return _check(before, after, edits, owner, scripts, respelling=False)


def _check(before: str, after: str, edits: list[Edit], owner: dict[int, str], scripts: list[tuple[str, str]],
           *, respelling: bool, spacing: bool = False) -> list[Violation]:
    """`spacing`: blanks between a shell-form command's words may change (the formatter's job)."""
    old, new = _parse(before), _parse(after)
    every = tuple(sorted(set(owner.values())))
    out: list[Violation] = []
    if not any(i.fatal for i in old.issues):
        if any(i.fatal for i in new.issues):
            return [Violation("parse", every, next(i.message for i in new.issues if i.fatal))]
        if _gobuildkit is not None and _go_rejects(after) and not _go_rejects(before):
            return [Violation("parse", every, "BuildKit rejects the result")]
    if (old.escape, [d.value.text for d in old.directives]) != (new.escape, [d.value.text for d in new.directives]):
        out.append(Violation("untargeted", every, "parser directives changed"))
    kept = [ins for ins in old.instructions if not any(_covers(e, ins) for e in edits)]
    if len(kept) != len(new.instructions):
        return out + [Violation("untargeted", every, f"{len(kept)} instructions expected, {len(new.instructions)} found")]
    old_ctx, new_ctx = Context(old, None, _SETTINGS), Context(new, None, _SETTINGS)
    for a, b in zip(kept, new.instructions):
        touching = tuple(sorted({owner[id(e)] for e in edits if _touches(e, a)}))
        if not touching:
            if _view(a) != _view(b):
                out.append(Violation("untargeted", every, f"{_view(a)} became {_view(b)}"))
            continue
        if respelling or all(r in RESPELLING for r in touching):
            m, n = meaning(a, old, spacing), meaning(b, new, spacing)
            if m != n:
                out.append(Violation("meaning", touching, f"{m} became {n}"))
        if isinstance(a, nodes.Run) and isinstance(b, nodes.Run):
            was, now = run_scripts(old_ctx, a), run_scripts(new_ctx, b)
            if all(rs.script.ok for rs in was) and not all(rs.script.ok for rs in now):
                out.append(Violation("shell", touching, _source(b)))
            if _posix(old_ctx, a) and _posix(new_ctx, b) and len(was) == len(now):
                scripts += [(x.script.text, y.script.text) for x, y in zip(was, now) if x.script.text != y.script.text]
    out += [Violation("needed", ("DKL821",), d) for d in needed_lists(new_ctx) if "DKL821" in every]
    return out


def _covers(e: Edit, ins: nodes.Instruction) -> bool:
    return e.start <= ins.span.start and ins.span.end <= e.end and e.text.strip() == ""


def _touches(e: Edit, ins: nodes.Instruction) -> bool:
    return ins.span.start <= e.start <= ins.span.end or e.start <= ins.span.start < e.end


def _source(ins: nodes.Instruction) -> str:
    return ins.keyword.text + " …"


def _view(ins: nodes.Instruction) -> tuple[Any, ...]:
    trigger = ins.trigger if isinstance(ins, nodes.Onbuild) else None
    return (ins.keyword.text, None if trigger is None else trigger.keyword.text, [f.text for f in ins.flags],
            buildkit.is_json(ins), buildkit.value(ins), [(h.name, h.content) for h in getattr(ins, "heredocs", ())])


def _go_rejects(text: str) -> bool:
    try:
        _gobuildkit.parse_string(text)  # type: ignore[union-attr]
    except _gobuildkit.GoParseError:  # type: ignore[union-attr]
        return True
    return False


def _indentation_changed(before: str, after: str) -> Iterator[str]:
    """Lines indented with one character (tab or space) that the result indents with the other."""
    def leads(text: str) -> Counter[str]:
        return Counter(" ".join(line.split())[:40] for line in text.splitlines() if line.startswith("\t"))

    gone = leads(before) - leads(after)
    yield from (f"tab indentation lost: {line!r}" for line in list(gone)[:1])


# -- meaning: BuildKit's view after word processing ------------------------------------------------

class _References(Mapping[str, str]):
    """Every variable is set, to a marker naming it: `${A}` and a literal `A` stay apart."""

    def __getitem__(self, name: str) -> str:
        return f"\x00{name}\x00"

    def __contains__(self, name: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


_REFS = _References()
_PROCESSED = (nodes.Env, nodes.Label, nodes.Arg, nodes.From, nodes.Copy, nodes.Add, nodes.Expose, nodes.Volume,
              nodes.Workdir, nodes.User, nodes.Stopsignal)


def _word(text: str, escape: str) -> str:
    return expand(text, _REFS, escape=escape).value


def meaning(ins: nodes.Instruction, df: nodes.Dockerfile, spacing: bool = False) -> tuple[Any, ...]:
    """What building does with `ins`: keyword case, quoting and escapes spelled out
    (`spacing`: a shell-form command as the words the shell splits it into)."""
    if isinstance(ins, nodes.Onbuild):
        return ("onbuild", None if ins.trigger is None else meaning(ins.trigger, df, spacing))
    esc = df.escape
    kind = ins.kind
    flags = sorted((f.key, _flag_value(f, kind, esc)) for f in ins.flags
                   if not (kind == "from" and f.key == "platform" and _word(f.value.text if f.value else "", esc)
                           == "\x00TARGETPLATFORM\x00"))
    if isinstance(ins, nodes.Maintainer):  # what its LABEL replacement says
        return ("label", [], [("org.opencontainers.image.authors", ins.text.text if ins.text else "")])
    if not isinstance(ins, _PROCESSED):
        value = buildkit.value(ins)
        if spacing and value and not buildkit.is_json(ins) and isinstance(ins, nodes._CommandInstruction):
            value = value[:-1] + _shell_words(value[-1])
        return (kind, flags, buildkit.is_json(ins), value, [(h.name, h.content) for h in getattr(ins, "heredocs", ())])
    if isinstance(ins, nodes._PairsInstruction):
        values = [(_word(p.key.text, esc), None if p.value is None else _word(p.value.text, esc)) for p in ins.pairs]
        return (kind, flags, values)
    if isinstance(ins, nodes.From):
        # stage names are case-insensitive, and an image reference must be lower case anyway
        return (kind, flags, [_word(w.text, esc).lower() for w in ins.args])
    words = [_word(w.text, esc) if not buildkit.is_json(ins) else w.text for w in ins.words()]
    if isinstance(ins, nodes.Expose):
        words = [w.rpartition(":")[2].lower() for w in words]
    if isinstance(ins, nodes._FileInstruction):
        kind = "copy"  # ADD and COPY of local files that are no archives do the same (the rule's promise)
        if len(words) > 2 and not words[-1].endswith("/"):  # several sources: the destination is a folder
            words[-1] += "/"
    return (kind, flags, words, [(h.name, h.content) for h in getattr(ins, "heredocs", ())])


def _shell_words(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:
        return [text]


def _flag_value(f: nodes.Flag, kind: str, esc: str) -> str:
    value = _word(f.value.text, esc) if f.value is not None else ""
    if f.key == "from" or (f.key == "mount" and "from=" in value):  # stage names are case-insensitive
        return value.lower()
    return value


# -- scripts ---------------------------------------------------------------------------------------

def _posix(ctx: Context, ins: nodes.Instruction) -> bool:
    argv = shell_argv(ctx, ins)
    return ctx.model.escape == "\\" and (argv is None or argv[0].rsplit("/", 1)[-1] in ("sh", "bash"))


def bash_syntax(pairs: list[tuple[str, str]]) -> list[str]:
    """The `after` scripts `bash -n` rejects although it accepts their `before`: one bash for all."""
    if not pairs:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for k, (a, b) in enumerate(pairs):
            for side, text in (("a", a), ("b", b)):
                Path(tmp, f"{k}{side}").write_text(text, encoding="utf-8", errors="surrogateescape")
            files += [f"{tmp}/{k}a", f"{tmp}/{k}b"]
        loop = 'for f; do bash -n "$f" 2>/dev/null || echo "${f##*/}"; done'
        bad = set(subprocess.run(["bash", "-c", loop, "_", *files], capture_output=True, text=True,
                                 timeout=600).stdout.split())
    return [pairs[k][1] for k in range(len(pairs)) if f"{k}b" in bad and f"{k}a" not in bad]


# -- what a removal must leave -------------------------------------------------------------------

_APT = ("apt-get", "apt", "aptitude")


def needed_lists(ctx: Context) -> Iterator[str]:
    """Installs that need the package lists an earlier RUN of their stage (or its bases) removed."""
    from dockerlint.rules.shell import _apt
    from dockerlint.rules.shell._helpers import rm_of

    removed: dict[int, bool] = {}  # stage id -> lists gone at its end
    for stage in ctx.model.stages:
        gone = removed.get(id(stage.base_stage), False) if stage.base_stage is not None else False
        for ins in stage.instructions:
            if not isinstance(ins, nodes.Run):
                continue
            updated = False
            found = commands(ctx, ins)
            removes = rm_of(ctx, ins, found, _apt.LISTS)
            for _, cmd in found:
                if cmd.name in _APT and _apt.sub(cmd) == "update":
                    updated, gone = True, False
                elif cmd.name in _APT and _apt.sub(cmd) == "install" and gone and not updated:
                    yield f"line {ctx.lines.position(ins.span.start).line}: install without the lists"
                elif removes(cmd):
                    gone = True
        removed[id(stage)] = gone


# -- over the corpus ---------------------------------------------------------------------------------

class Figures(NamedTuple):
    files: int
    applied: Counter[str]
    changed: int  # files the mode changed
    one_run: int  # of those, files where one run reached the fixed point
    violations: Counter[tuple[str, str]]  # (kind, rule) -> count
    examples: dict[tuple[str, str], str]  # (kind, rule) -> "path: detail"


def over(paths_and_sources: list[tuple[str, str]], mode: str) -> Figures:
    applied: Counter[str] = Counter()
    violations: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    changed = one_run = 0
    scripts: list[tuple[str, tuple[str, str]]] = []
    for path, source in paths_and_sources:
        out = formatted(source) if mode == "format" else fix(source, unsafe=mode == "unsafe")
        applied += out.applied
        if out.text != source:
            changed += 1
            one_run += not any(v.kind == "fixed-point" for v in out.violations)
        for v in out.violations:
            for rule in v.rules or ("?",):
                violations[v.kind, rule] += 1
                examples.setdefault((v.kind, rule), f"{path}: {v.detail[:200]}")
        scripts += [(path, pair) for pair in out.scripts]
    for text in bash_syntax([pair for _, pair in scripts]):
        path = next(p for p, pair in scripts if pair[1] == text)
        violations["bash -n", mode] += 1
        examples.setdefault(("bash -n", mode), f"{path}: {text[:200]}")
    return Figures(len(paths_and_sources), applied, changed, one_run, violations, examples)


def main() -> None:
    import time

    from tests import corpus

    files = [(e["path"], corpus.source(e["path"])) for e in corpus.entries()]
    for mode in ("safe", "unsafe", "format"):
        started = time.perf_counter()
        fig = over(files, mode)
        print(f"== {mode}: {fig.files} files, {fig.changed} changed, {fig.one_run} settled in one run, "
              f"{time.perf_counter() - started:.1f} s")
        print("   applied:", dict(sorted(fig.applied.items())))
        for key, n in sorted(fig.violations.items()):
            print(f"   {key[0]:<11} {key[1]:<8} {n:>4}  e.g. {fig.examples[key]!r}")


if __name__ == "__main__":
    main()
