from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, insert
from dockerlint.rules.base_image._knowledge import facts as image_facts, lineage
from dockerlint.semantics.scripts import commands
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
    bad="FROM node:22-slim\nCOPY server.js /app/\nCMD [\"node\", \"/app/server.js\"]\n",
    good="FROM node:22-slim\nCOPY server.js /app/\nUSER node\nCMD [\"node\", \"/app/server.js\"]\n",
    divergence=(
        "hadolint's DL3002 reports only a last `USER root`; this rule also reports a final stage with "
        "no `USER` at all (as Trivy's DS002 and Checkov's CKV_DOCKER_3 do), follows `FROM <stage>` to "
        "the user that stage set, leaves alone a final stage built on `scratch` without CMD or "
        "ENTRYPOINT (files for `docker build --output`, or a data image: nothing in it runs) "
        "and one without USER whose RUN steps install or run `gosu` or `su-exec` (an entrypoint "
        "that starts as root and steps down to the service's user, as the Docker Official Images "
        "`postgres`, `redis` and `mysql` do) or that keeps the ENTRYPOINT of an official image whose "
        "entrypoint script does so (the image table lists them from their Dockerfiles and scripts: "
        "`mariadb`, `mongo`, `mysql`, `postgres`, `rabbitmq`), and trusts base images that already run unprivileged "
        "(distroless `:nonroot`, Chainguard, .NET chiseled images, Bitnami's server images with their "
        "numeric `USER 1001`, Windows Nano Server, whose default user is the unprivileged `ContainerUser`) "
        "or are run by a tool that picks an unprivileged user itself (the AWS Lambda base images "
        "`public.ecr.aws/lambda/*`; the dev container images `mcr.microsoft.com/devcontainers/*`, whose "
        "metadata sets the `remoteUser` Dev Containers run as), even after a last `USER root`: what an image "
        "runs as comes from dockerlint's dated image table (see `package-manager-mismatch`). A Dockerfile "
        "that a dev container configuration builds (`devcontainer.json` with `build.dockerfile`, see "
        "`copy-source-missing`) and that names a `remoteUser` or `containerUser` other than root is not "
        "reported for that build either."
    ),
    fix="unsafe",
    fix_description=(
        "When the base image ships an unprivileged user of its own (`node` in `node`, `postgres` in "
        "`postgres`, `app` in .NET images), add `USER <that user>` at the end of the final stage. Not "
        "offered where the image's documentation says running as its user takes configuration changes "
        "(`nginx`, which must move its pid and temporary files): the message says so and names the "
        "unprivileged image the documentation suggests (`nginxinc/nginx-unprivileged`). When the image "
        "itself runs unprivileged and the Dockerfile switched to `USER root` (to install packages on a "
        "Bitnami image, which ends with `USER 1001`), add the image's own `USER` back. Only a user the "
        "image is known to have is offered: images that run as a bare numeric id (Bitnami's `1001` has no "
        "name in the image) get that id back and no name, and root images that ship no unprivileged user "
        "get no fix. Unsafe: the program then runs without root, and may no longer bind ports below 1024 "
        "or write where it used to."
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


def _in_chain(stage: Stage, found: Callable[[nodes.Instruction], bool]) -> bool:
    """Whether an instruction of `stage`, or of a stage it is built FROM, is `found`."""
    return any(found(ins) for owner in lineage(stage) for ins in owner.instructions)


_STEP_DOWN = frozenset(("gosu", "su-exec"))


def _steps_down(ctx: Context, ins: nodes.Instruction) -> bool:
    """A RUN that installs or runs `gosu` or `su-exec`: the entrypoint starts as root and switches to an
    unprivileged user itself."""
    return isinstance(ins, nodes.Run) and any(
        (w.value or "").rsplit("/", 1)[-1] in _STEP_DOWN for _, cmd in commands(ctx, ins) for w in cmd.words)


def _dev_container_user(ctx: Context) -> bool:
    """Whether this build is a dev container's that names an unprivileged user to run as."""
    build = ctx.build
    return (build is not None and build.dev_container is not None and build.user is not None
            and build.user.split(":", 1)[0] not in _ROOT)


@check(META)
def missing_user(ctx: Context) -> Iterator[Finding]:
    final = ctx.model.final_stage
    if final is None or _dev_container_user(ctx):
        return
    user, where = _last_user(final)
    if user is None:
        root = lineage(final)[0]
        ref = root.image
        if ref is not None and ref.is_scratch and not _in_chain(final, lambda i: isinstance(i, (nodes.Cmd, nodes.Entrypoint))):
            return  # files only (`docker build --output`, a data image): no process to run as anyone
        if ref is not None and (
            (ref.tag and "nonroot" in ref.tag) or ref.name.startswith(_NONROOT_IMAGES) or ref.has_variables
        ):
            return
        facts = image_facts(ctx, final)
        if facts is not None and facts.runs_unprivileged:
            return
        if _in_chain(final, lambda i: _steps_down(ctx, i)) or (
                facts is not None and facts.steps_down and not _in_chain(final, lambda i: isinstance(i, nodes.Entrypoint))):
            return  # the Docker Official Images' way: fix permissions as root, then drop to the service's user
        node = final.node
        span = node.image.span if node.image is not None else node.keyword.span
        own = facts.users[0] if facts is not None and facts.users else None
        runs_as = f"`{facts.user}`" if facts is not None and facts.windows else "root"
        if own is not None and facts is not None and facts.users_need_setup is not None:
            setup = facts.users_need_setup
            instead = f", or build on `{setup['instead']}`" if setup["instead"] else ""
            yield ctx.finding(
                META, span,
                f"The final stage runs as {runs_as}: `{facts.image}` runs as its user `{own}` only once its "
                f"configuration moves the files it writes (see {setup['source']}){instead}")
            return
        if own is None:
            # an image the table does not know may set a USER of its own: say what the finding rests on
            head = (f"The final stage runs as {runs_as}:" if facts is not None or ref is None or ref.is_scratch else
                    f"The final stage sets no `USER`, so it runs as root unless `{ref.familiar_name}` sets an "
                    "unprivileged user itself;")
            yield ctx.finding(META, span, f"{head} add `USER <unprivileged user>` after the last step that needs it")
            return
        last = final.instructions[-1] if final.instructions else node
        yield ctx.finding(
            META, span,
            f"The final stage runs as {runs_as}: add `USER {own}` (the unprivileged user `{facts.image}` ships) "
            "after the last step that needs it",
            fix=Fix(f"Add `USER {own}`", (insert(last.span.end, f"\nUSER {own}"),), safe=False),
        )
        return
    assert user.text is not None
    value = ctx.model.expand(user.text, user)
    if value.unresolved:
        return
    if value.value.split(":", 1)[0].strip() not in _ROOT:
        return
    facts = image_facts(ctx, final)
    if facts is not None and facts.run_by is not None:
        return  # Lambda or Dev Containers run it as their own user, whatever USER says
    message = f"The last `USER` is `{user.text.text}`: switch to an unprivileged user at the end of the final stage"
    fix = None
    if facts is not None and facts.run_by is None and facts.runs_unprivileged and not facts.windows:
        # the image's own user: it exists there, and the image's files are set up for it
        last = final.instructions[-1] if final.instructions else final.node
        fix = Fix(f"Add `USER {facts.user}`", (insert(last.span.end, f"\nUSER {facts.user}"),), safe=False)
        message += f" (`{facts.image}` itself runs as `{facts.user}`)"
    if where is final:
        yield ctx.finding(META, user.text.span, message, fix=fix)
    else:  # inherited from the stage this one is built FROM
        node = final.node
        yield ctx.finding(META, node.image.span if node.image is not None else node.keyword.span, message, fix=fix)
