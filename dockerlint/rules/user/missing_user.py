from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.model import Stage

META = RuleMeta(
    code="DKL301",
    name="missing-user",
    severity="warning",
    aliases=("DL3002", "DS002", "CKV_DOCKER_3", "CKV_DOCKER_8"),
    summary="The final stage runs as root",
    rationale=(
        "A container runs as the image's last `USER`, and as root when there is none. A process "
        "running as root inside the container is one kernel or runtime bug away from root on the "
        "host, and can rewrite everything in the image. Create an unprivileged user and switch to "
        "it at the end of the final stage; earlier build stages may stay root."
    ),
    bad="FROM python:3.13-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
    good=(
        "FROM python:3.13-slim\nRUN useradd --create-home app\nCOPY app.py /app/\nUSER app\n"
        "CMD [\"python\", \"/app/app.py\"]\n"
    ),
    divergence=(
        "hadolint's DL3002 reports only a last `USER root`; this rule also reports a final stage with "
        "no `USER` at all (as Trivy's DS002 and Checkov's CKV_DOCKER_3 do), follows `FROM <stage>` to "
        "the user that stage set, and trusts base images that already run unprivileged "
        "(distroless `:nonroot`, Chainguard)."
    ),
)

_ROOT = ("root", "0")
# Base images documented to run as an unprivileged user by default.
_NONROOT_IMAGES = ("cgr.dev/chainguard/",)


def _last_user(stage: Stage | None) -> tuple[nodes.User | None, Stage | None]:
    """The USER in force at the end of `stage`, following FROM <earlier stage>."""
    while stage is not None:
        users = [i for i in stage.instructions if isinstance(i, nodes.User) and i.text is not None]
        if users:
            return users[-1], stage
        stage = stage.base_stage
    return None, None


@check(META)
def missing_user(ctx: Context) -> Iterator[Finding]:
    final = ctx.model.final_stage
    if final is None:
        return
    user, where = _last_user(final)
    if user is None:
        root = final
        while root.base_stage is not None:
            root = root.base_stage
        ref = root.image
        if ref is not None and (
            (ref.tag and "nonroot" in ref.tag) or ref.name.startswith(_NONROOT_IMAGES) or ref.has_variables
        ):
            return
        node = final.node
        span = node.image.span if node.image is not None else node.keyword.span
        yield ctx.finding(META, span, "The final stage runs as root: add `USER <unprivileged user>` after the last step that needs root")
        return
    assert user.text is not None
    value = ctx.model.expand(user.text, user)
    if value.unresolved:
        return
    if value.value.split(":", 1)[0].strip() not in _ROOT:
        return
    message = f"The last `USER` is `{user.text.text}`: switch to an unprivileged user at the end of the final stage"
    if where is final:
        yield ctx.finding(META, user.text.span, message)
    else:  # inherited from the stage this one is built FROM
        node = final.node
        yield ctx.finding(META, node.image.span if node.image is not None else node.keyword.span, message)
