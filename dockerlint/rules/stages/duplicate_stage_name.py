from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.model import Stage

META = RuleMeta(
    code="DKL201",
    name="duplicate-stage-name",
    severity="error",
    aliases=("DL3024", "DuplicateStageName", "DS012", "CKV_DOCKER_11"),
    summary="Two stages have the same name",
    rationale=(
        "`FROM <name>` and `COPY --from=<name>` pick a stage by name; with two stages of the same "
        "name, a reference silently means the one defined last before it is resolved, which is "
        "rarely what the author of the reference meant. Stage names are compared ignoring case, "
        "as BuildKit does (`Build` and `build` are the same stage)."
    ),
    bad="FROM golang:1.23 AS build\nRUN go build ./...\nFROM node:22 AS build\nRUN npm run build\n",
    good="FROM golang:1.23 AS build-api\nRUN go build ./...\nFROM node:22 AS build-web\nRUN npm run build\n",
    divergence=(
        "Case-insensitive, like BuildKit and Trivy (hadolint compares exactly, Checkov only sees a "
        "lower-case `as`)."
    ),
)


@check(META)
def duplicate_stage_name(ctx: Context) -> Iterator[Finding]:
    first: dict[str, Stage] = {}
    for stage in ctx.model.stages:
        if stage.key is None or stage.node.stage_name is None:
            continue
        earlier = first.setdefault(stage.key, stage)
        if earlier is stage:
            continue
        line = ctx.lines.position(earlier.node.span.start).line
        yield ctx.finding(
            META, stage.node.stage_name.span,
            f"Stage name `{stage.name}` is already used by the stage on line {line}: give this stage another name",
        )
