from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.instructions._helpers import is_absolute, workdir_path
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL613",
    name="relative-workdir",
    severity="warning",
    aliases=("DL3000", "WorkdirRelativePath", "DS009", "CKV_DOCKER_10"),
    summary="A relative WORKDIR before any absolute one",
    rationale=(
        "A relative WORKDIR is resolved against the current working directory. Until the stage "
        "sets an absolute one, that is the base image's choice, which can change under you. After "
        "an absolute WORKDIR, a relative one is a clear, deliberate step and is fine."
    ),
    bad="FROM python:3.13-slim\nWORKDIR app\n",
    good="FROM python:3.13-slim\nWORKDIR /app\nWORKDIR src\n",
    divergence=(
        "Follows BuildKit: only a relative WORKDIR with no absolute one before it in the stage "
        "(or a stage it builds on) is reported; hadolint, Trivy and Checkov report every relative "
        "WORKDIR. Variables are expanded first (hadolint accepts anything starting with `$`)."
    ),
)


def _absolute_before(node: nodes.Workdir, ctx: Context) -> bool:
    stage = ctx.model.stage_of(node)
    target: nodes.Instruction | None = node
    while stage is not None:
        for ins in stage.instructions:
            if ins is target:
                break
            if isinstance(ins, nodes.Workdir) and is_absolute(workdir_path(ins, ctx) or "/"):
                return True
        stage, target = stage.base_stage, None
    return False


@check(META, on=nodes.Workdir)
def relative_workdir(node: nodes.Workdir, ctx: Context) -> Iterator[Finding]:
    path = workdir_path(node, ctx)
    if not path or is_absolute(path) or ctx.in_onbuild(node) or _absolute_before(node, ctx):
        return
    assert node.text is not None
    yield ctx.finding(META, node.text.span, f"Make `{node.text.text}` absolute (e.g. `/{path}`): it depends on the base image's working directory")
