from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules._refs import from_refs, resolve
from dockerlint.rules.api import Finding, RuleMeta, check

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.model import Stage

META = RuleMeta(
    code="DKL208",
    name="unused-stage",
    severity="info",
    summary="A stage is not needed to build the final stage",
    rationale=(
        "BuildKit builds only the stages the target depends on, and without `--target` the "
        "target is the last stage. A stage that the last stage does not reach, through `FROM "
        "<stage>`, `COPY --from` or `RUN --mount from=` (directly or through other stages), is "
        "skipped by a plain `docker build`: either it is dead code, or it is meant to be built "
        "with `--target <name>` (tests, dev images), which is worth a comment. The legacy "
        "builder, in contrast, builds every stage."
    ),
    bad="FROM node:22 AS test\nRUN npm test\nFROM node:22 AS build\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /dist /srv\n",
    good="FROM node:22 AS build\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /dist /srv\n",
    tags=("unnecessary",),
    divergence="Not in hadolint or BuildKit. Suppress it on a stage meant for `--target` with `# dockerlint ignore=unused-stage`.",
)


@check(META)
def unused_stage(ctx: Context) -> Iterator[Finding]:
    stages = ctx.model.stages
    if len(stages) < 2:
        return
    deps: dict[int, set[int]] = {s.index: set() for s in stages}
    for stage in stages:
        if stage.base_stage is not None:
            deps[stage.index].add(stage.base_stage.index)
    if _has_unknown_reference(ctx):
        return
    for ref in from_refs(ctx):
        user, used = ctx.model.stage_of(ref.instruction), resolve(ref, ctx)
        if user is not None and used is not None:
            deps[user.index].add(used.index)
    needed = _reachable(stages[-1], deps)
    for stage in stages:
        if stage.index in needed:
            continue
        node = stage.node
        span = node.stage_name.span if node.stage_name is not None else node.keyword.span
        name = f"`{stage.name}`" if stage.name else f"{stage.index} (unnamed)"
        advice = (
            f"remove it, or build it on purpose with `--target {stage.name}`"
            if stage.name else "remove it, or use it from a later stage"
        )
        yield ctx.finding(META, span, f"Stage {name} is not built by `docker build`: the final stage does not depend on it; {advice}")


def _has_unknown_reference(ctx: Context) -> bool:
    """A `--from` or `FROM` whose ARG has no known value could name any stage."""
    if any(not ref.value and not ref.onbuild for ref in from_refs(ctx)):
        return True
    return any(
        s.node.image is not None and ctx.model.expand(s.node.image, s.node).unresolved for s in ctx.model.stages
    )


def _reachable(target: Stage, deps: dict[int, set[int]]) -> set[int]:
    seen = {target.index}
    todo = [target.index]
    while todo:
        for dep in deps[todo.pop()]:
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen
