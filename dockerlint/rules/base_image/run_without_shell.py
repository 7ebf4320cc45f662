from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.base_image._knowledge import copied_names, facts, lineage
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL111",
    name="run-without-shell",
    severity="error",
    summary="A shell-form instruction in a stage whose base image has no shell",
    rationale=(
        "The shell form (`RUN make`, `CMD node server.js`) runs its command through `/bin/sh -c`. "
        "`scratch`, distroless images (all but their `:debug` tags), Chainguard's `static`, .NET's "
        "chiseled and distroless images and Red Hat's `ubi-micro` have no shell, so the step fails "
        "with `/bin/sh: no such file or directory` — a RUN at build time, a CMD, ENTRYPOINT or "
        "HEALTHCHECK when the container starts. Use the exec (JSON) form, do the work in a build stage "
        "that has a shell, or use the image's `:debug` variant while debugging.\n\n"
        "What each base image has comes from dockerlint's dated image table (see "
        "`package-manager-mismatch`); an image it does not know is never reported. A stage that copies "
        "a shell in (`COPY --from=busybox /bin/sh /bin/sh`, `COPY --from=busybox /bin /bin`, an `ADD` of "
        "a root file system to `/`), itself or in a stage it is built FROM, is taken to have one."
    ),
    bad='FROM gcr.io/distroless/static-debian12\nCOPY app /app\nCMD /app --serve\n',
    good='FROM gcr.io/distroless/static-debian12\nCOPY app /app\nCMD ["/app", "--serve"]\n',
    references=("https://github.com/GoogleContainerTools/distroless#entrypoints",),
    divergence="hadolint, BuildKit, Trivy and Checkov have no such check.",
)

_SHELLS = frozenset(("sh", "bash", "ash", "dash", "busybox", "zsh", "/", "bin"))
_SHELL_FORM = (nodes.Run, nodes.Cmd, nodes.Entrypoint, nodes.Healthcheck)


@check(META)
def run_without_shell(ctx: Context) -> Iterator[Finding]:
    for stage in ctx.model.stages:
        known = facts(ctx, stage)
        if known is None or known.has_shell is not False:
            continue
        chain = lineage(stage)
        image = chain[0].image_text
        for owner in chain:
            for ins in owner.instructions:
                if _SHELLS.intersection(copied_names(ins)):
                    break  # from here on the stage has a shell of its own
                if owner is stage and isinstance(ins, _SHELL_FORM) and isinstance(ins.command, nodes.ShellForm):
                    yield ctx.finding(
                        META, ins.command.span,
                        f"`{image}` has no shell to run this shell-form {ins.keyword.text.upper()}: " + (
                            "run it in a build stage that has one, or use the exec form (a JSON array)"
                            if isinstance(ins, nodes.Run) else "use the exec form (a JSON array)"),
                    )
            else:
                continue
            break
