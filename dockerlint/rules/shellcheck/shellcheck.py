from __future__ import annotations

import re

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.semantics.scripts import RunScript, run_scripts
from dockerlint.syntax import nodes

TYPE_CHECKING = False  # typing costs start-up time; it is only needed by type checkers
if TYPE_CHECKING:
    import threading
    from typing import Callable, Iterable, Iterator, Mapping

    from dockerlint.engine import Context
    from dockerlint.reuse import Placed
    from dockerlint.semantics.model import Stage, Variable
    from dockerlint.rules.shellcheck import _runner

META = RuleMeta(
    code="DKL900",
    name="shellcheck",
    severity="warning",
    summary="ShellCheck finds a problem in a RUN script",
    rationale=(
        "Every RUN script (shell form, heredoc bodies, `sh -c` in exec form) is checked with "
        "[ShellCheck](https://www.shellcheck.net/), as hadolint does. Each finding carries "
        "ShellCheck's code (`SC2086`...) and severity; ignore single codes with "
        "`ignore = [\"SC2086\"]` or `# dockerlint ignore=SC2086` (`# hadolint ignore=SC2086` works too).\n\n"
        "ShellCheck is a separate program: it is used when `shellcheck` is on the PATH or installed "
        "with `pip install dockerlint[shellcheck]`, and skipped with a notice otherwise. All scripts "
        "of a Dockerfile go to one shellcheck process. The ARG and ENV variables in scope are declared "
        "with their values, so they are not reported as unassigned and their quoting is judged on "
        "what they hold; the SHELL decides between `sh` and `bash`, and "
        "PowerShell or cmd scripts are skipped. Turn it off with `shellcheck = false`."
    ),
    bad="FROM debian:12\nRUN for f in $(ls /etc/*.conf); do echo $f; done\n",
    good="FROM debian:12\nRUN for f in /etc/*.conf; do echo \"$f\"; done\n",
    options={"shellcheck": "run ShellCheck on RUN scripts (default true)"},
    divergence=(
        "hadolint checks only shell-form RUNs; here `RUN [\"sh\", \"-c\", \"...\"]` is checked too, and "
        "a heredoc body with a `#!` line for sh or bash gets that shell; scripts run by PowerShell or cmd "
        "(a Windows base image without SHELL uses cmd) are skipped, where hadolint checks them as sh. "
        "hadolint shows one ShellCheck finding per RUN line; here every finding is reported at its own "
        "position. Like hadolint, SC1090, SC1091 and SC2187 are never reported."
    ),
)

MISSING = ("shellcheck is not installed: RUN scripts were not checked with ShellCheck "
           "(install it, or `pip install dockerlint[shellcheck]`; set `shellcheck = false` to silence this)")
_LEVELS = {"error": "error", "warning": "warning", "info": "info", "style": "style"}


@check(META)
def shellcheck(ctx: Context) -> Iterator[Finding | Callable[[], Iterator[Finding]]]:
    if not ctx.settings.shellcheck:
        return
    from dockerlint.rules.shellcheck import _runner

    if not ctx.processes and _runner.executable() is not None:
        yield from _known(ctx)
        return
    scripts, jobs = _jobs(ctx, ctx.dockerfile.walk())
    if not jobs:
        return
    if _runner.executable() is None:
        ctx.notices.append(MISSING)
        return
    keys = [_runner.cache_key(job) for job in jobs]
    todo, done, waits = _runner.claim(keys)
    try:
        running = _runner.start([jobs[i] for i in todo]) if todo else None
    except BaseException:
        _runner.release([keys[i] for i in todo], done)
        raise
    # collected after the other rules (see `engine.lint`), so shellcheck runs meanwhile
    yield lambda: _findings(ctx, scripts, keys, todo, running, done, waits)


def _findings(ctx: Context, scripts: list[RunScript], keys: list[tuple[object, ...]], todo: list[int],
              running: _runner.Running | None, done: threading.Event,
              waits: list[threading.Event]) -> Iterator[Finding]:
    from dockerlint.rules.shellcheck import _runner

    try:
        if running is not None:
            try:
                comments = running.finish()
            except _runner.Failure as failure:
                ctx.notices.append(f"{ctx.path or '<stdin>'}: {failure}")
                return
            fresh: dict[int, list[tuple[str, str, str, int, int]]] = {i: [] for i in todo}
            for c in comments:
                fresh[todo[c.job]].append((c.code, c.level, c.message, c.start, c.end))
            for i, found in fresh.items():
                _runner.remember(keys[i], found)
    finally:
        _runner.release([keys[i] for i in todo], done)
    for other in waits:  # scripts another lint's process is checking: its answer lands in the cache
        other.wait(_runner.TIMEOUT)
    yield from _cached(scripts, keys)


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _named_in(text: str, scope: Mapping[str, Variable]) -> dict[str, str | None]:
    """The ARG/ENV variables in scope that the script names (all ShellCheck can use): declaring
    every variable in scope before every script cost variables × RUNs."""
    out: dict[str, str | None] = {}
    for name in set(_IDENTIFIER.findall(text)):
        var = scope.get(name)
        if var is not None:
            out[name] = var.value
    return out


def _jobs(ctx: Context, instructions: Iterable[nodes.Instruction]) -> tuple[list[RunScript], list[_runner.Job]]:
    """The scripts of these instructions' RUNs worth checking, and their shellcheck jobs."""
    from dockerlint.rules.shellcheck import _runner

    scripts: list[RunScript] = []
    jobs: list[_runner.Job] = []
    for ins in instructions:
        if not isinstance(ins, nodes.Run):
            continue
        scope = ctx.model.scope(ins)
        for rs in run_scripts(ctx, ins):
            if rs.exact and rs.script.skipped_reason is None and rs.script.text.strip():
                scripts.append(rs)
                jobs.append(_runner.Job(rs.script.text, rs.script.dialect, _named_in(rs.script.text, scope)))
    return scripts, jobs


# The language server's first lint of each version starts no process: it reports what
# ShellCheck said before, stage by stage. A stage whose scripts were all checked keeps its
# findings here by its reuse key, its text and context, which fix its scripts, their shell
# and variables; so an edit looks into the edited stage only.
_BY_STAGE: dict[object, Placed] = {}
_BY_STAGE_MAX = 2048


def _known(ctx: Context) -> Iterator[Finding]:
    """ShellCheck's findings on the scripts it has checked before; `ctx.complete` is cleared
    when a script is left for a lint that may start its process."""
    from dockerlint.reuse import Placed, relative, stage_span
    from dockerlint.rules.shellcheck import _runner

    model = ctx.model
    groups: list[tuple[Stage | None, list[nodes.Instruction]]] = [(None, model.leading)]
    groups += [(stage, stage.instructions) for stage in model.stages]
    # the lint sets the findings' severity overrides on them: findings made under others are not shared
    overrides = tuple(ctx.settings.severity.items())
    for stage, instructions in groups:
        key = None if stage is None else ctx.stage_key(stage)
        if key is not None and overrides:
            key = (key, overrides)
        kept = None if key is None else _BY_STAGE.get(key)
        if kept is not None:
            yield from kept.at(stage.node.span.start)  # type: ignore[union-attr]
            continue
        scripts, jobs = _jobs(ctx, nodes.with_triggers(instructions))
        keys = [_runner.cache_key(job) for job in jobs]
        found = list(_cached(scripts, keys))
        if any(_runner.cached(k) is None for k in keys):
            ctx.complete = False
        elif key is not None:
            span = stage_span(stage)  # type: ignore[arg-type]
            entries = relative(found, span)  # each finding takes its entry as origin, for the server's JSON
            if entries is not None:
                if len(_BY_STAGE) >= _BY_STAGE_MAX:
                    _BY_STAGE.clear()  # simplest bound; one call, so safe with the server's lint threads
                _BY_STAGE[key] = Placed([(e, 0) for e in entries], (span.start, found))
        yield from found


def _cached(scripts: list[RunScript], keys: list[tuple[object, ...]]) -> Iterator[Finding]:
    from dockerlint.rules.shellcheck import _runner

    for rs, key in zip(scripts, keys):
        for code, level, message, start, end in _runner.cached(key) or ():
            yield Finding(META, rs.span(start, end), f"{code}: {message}",
                          severity=_LEVELS.get(level, META.severity), sub_code=code)
