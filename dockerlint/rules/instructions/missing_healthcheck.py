from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL612",
    name="missing-healthcheck",
    severity="info",
    aliases=("DL3057", "DS026", "CKV_DOCKER_2"),
    summary="The final image defines no HEALTHCHECK",
    rationale=(
        "Without a HEALTHCHECK, Docker (and Swarm, Compose `depends_on: service_healthy`) only knows "
        "whether the process runs, not whether it answers. Off by default, as in hadolint: many "
        "images are not services, and orchestrators such as Kubernetes use their own probes. Select "
        "it (`DKL612`, `missing-healthcheck` or `DL3057`) where every image must have one."
    ),
    bad="FROM nginx:1.27\n",
    good="FROM nginx:1.27\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\n",
    default_enabled=False,
    divergence=(
        "Only the final stage (the image that runs) is checked, with the stages it builds on; "
        "hadolint checks every stage. `HEALTHCHECK NONE` counts as a decision and is not reported."
    ),
)


@check(META)
def missing_healthcheck(ctx: Context) -> Iterator[Finding]:
    final = ctx.model.final_stage
    stage = final
    while stage is not None:
        if any(isinstance(ins, nodes.Healthcheck) for ins in stage.instructions):
            return
        stage = stage.base_stage
    if final is not None:
        node = final.node
        yield ctx.finding(META, node.image.span if node.image else node.keyword.span,
                          "The final image has no HEALTHCHECK: add one so Docker can tell when the service stops answering")
