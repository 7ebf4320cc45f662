from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.base_image._knowledge import facts as image_facts
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL302",
    name="numeric-user",
    severity="info",
    aliases=("DL3066",),
    summary="The image's user is a name, not a numeric id",
    rationale=(
        "A user name is resolved through the image's `/etc/passwd` when the container starts, "
        "which the host and the orchestrator cannot see: Kubernetes refuses to start a pod with "
        "`runAsNonRoot: true` when the image user is a name (`container has runAsNonRoot and image "
        "has non-numeric user`), and volume ownership must be set by number anyway. Use the "
        "numeric id (and group) the user was created with."
    ),
    bad="FROM node:22-alpine\nUSER node\nCMD [\"node\", \"server.js\"]\n",
    good="FROM node:22-alpine\nUSER 1000:1000\nCMD [\"node\", \"server.js\"]\n",
    divergence=(
        "Only the `USER` the image runs as (the last one of the final stage, or of the stage it is "
        "built FROM) matters at run time, so only that one is reported; hadolint reports every "
        "`USER` of every stage. Values are checked after ARG/ENV expansion (`USER $APP_UID` with "
        "`ARG APP_UID=1001` passes, with a name it is reported); a variable with no known value "
        "is not judged. Windows images (`USER ContainerUser`, `USER ContainerAdministrator`, or any user "
        "of a stage on a Windows base image) are left alone: Windows has no numeric user ids."
    ),
)

_WINDOWS_USERS = frozenset(("ContainerUser", "ContainerAdministrator"))


@check(META)
def numeric_user(ctx: Context) -> Iterator[Finding]:
    stage = ctx.model.final_stage
    while stage is not None:
        users = [i for i in stage.instructions if isinstance(i, nodes.User) and i.text is not None]
        if users:
            break
        stage = stage.base_stage
    else:
        return
    user = users[-1]
    assert user.text is not None
    expansion = ctx.model.expand(user.text, user)
    if expansion.unresolved:
        return
    name = expansion.value.split(":", 1)[0].strip()
    if not name or name.isdigit() or name == "root":
        return  # root is missing-user's finding
    facts = image_facts(ctx, stage)
    if name in _WINDOWS_USERS or (facts is not None and facts.windows):
        return  # Windows users have no numeric ids
    word = user.text
    span = word.span if "$" in word.text else word.sub_span(0, len(word.text.split(":", 1)[0]))
    yield ctx.finding(
        META, span,
        f"Run as the numeric id of `{name}` instead (e.g. `USER 10001:10001`, the uid and gid "
        "it was created with), so the runtime can tell it is not root",
    )
