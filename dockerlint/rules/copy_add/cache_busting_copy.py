from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.copy_add._helpers import whole_context_source
from dockerlint.rules.copy_add._installs import Install, classify
from dockerlint.semantics.scripts import commands
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL401",
    name="cache-busting-copy",
    severity="warning",
    summary="The whole build context is copied before a dependency install",
    rationale=(
        "Docker reuses a cached layer only while every earlier layer is unchanged. `COPY . .` "
        "changes whenever any file in the context changes, so a dependency install after it runs "
        "again on every source edit, which is the slowest step of most builds. Copy the dependency "
        "manifests first, install, and only then copy the rest: the install layer then stays "
        "cached until the manifests change.\n\n"
        "Recognised installs: pip (`-r file`, `.`), poetry, uv, pipenv, npm, yarn, pnpm, "
        "`go mod download`, bundler, composer, maven, gradle and cargo."
    ),
    bad="FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n",
    good=(
        "FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\n"
        "COPY . .\nCMD [\"node\", \"server.js\"]\n"
    ),
)

@check(META)
def cache_busting_copy(ctx: Context) -> Iterator[Finding]:
    # only the stages with a whole-context copy have anything to report
    for stage in ctx.stages_of([ins for ins in ctx.of_type(nodes.Copy, nodes.Add) if whole_context_source(ins)]):
        sources = [whole_context_source(ins) if isinstance(ins, (nodes.Copy, nodes.Add)) else None
                   for ins in stage.instructions]
        installed: set[str] = set()  # ecosystems installed before any whole-context copy
        pending: list[nodes.Word] = []  # whole-context copies not yet followed by an install
        for ins, source in zip(stage.instructions, sources):
            if source is not None:
                pending.append(source)
                continue
            if not isinstance(ins, nodes.Run):
                continue
            for _, cmd in commands(ctx, ins):
                found = classify(cmd)
                if found is None:
                    continue
                if not pending:
                    installed.add(found.ecosystem)
                elif found.ecosystem not in installed:
                    yield _finding(ctx, pending[0], found)
                    pending.clear()


def _finding(ctx: Context, source: nodes.Word, install: Install) -> Finding:
    files = ", ".join(f"`{m}`" for m in install.manifests)
    what = " ".join(w.text for w in install.command.words)
    return ctx.finding(
        META, source.span,
        f"Every source change re-runs the later `{what}`: copy {files} first, install, then copy the rest",
    )
