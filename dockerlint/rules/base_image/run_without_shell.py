from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.base_image._knowledge import copied_names, facts, lineage
from dockerlint.semantics.scripts import shell_argv
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
        "`scratch`, distroless images, Chainguard's `static`, .NET's chiseled and distroless images and "
        "Red Hat's `ubi-micro` have no shell, and distroless `:debug` images have busybox's at "
        "`/busybox/sh` but no `/bin/sh`, so the step fails "
        "with `/bin/sh: no such file or directory` — a RUN at build time, a CMD, ENTRYPOINT or "
        "HEALTHCHECK when the container starts. Use the exec (JSON) form, do the work in a build stage "
        "that has a shell, or, on a `:debug` image, `SHELL [\"/busybox/sh\", \"-c\"]`.\n\n"
        "What each base image has comes from dockerlint's dated image table (see "
        "`package-manager-mismatch`); an image it does not know is never reported. A stage that copies "
        "a shell in (`COPY --from=busybox /bin/sh /bin/sh`, `COPY --from=busybox /bin /bin`, an `ADD` of "
        "a root file system to `/`), itself or in a stage it is built FROM, is taken to have one; a "
        "`SHELL` naming a program of the stage's own (not a shell by name) is not judged."
    ),
    bad='FROM gcr.io/distroless/static-debian12\nCOPY app /app\nCMD /app --serve\n',
    good='FROM gcr.io/distroless/static-debian12\nCOPY app /app\nCMD ["/app", "--serve"]\n',
    references=("https://github.com/GoogleContainerTools/distroless#entrypoints",
                "https://github.com/GoogleContainerTools/distroless/blob/main/java/testdata/java_base_debug.yaml"),
    divergence="hadolint, BuildKit, Trivy and Checkov have no such check.",
)

# Copied in, these give the stage a shell (a whole tree copied to / or /bin counts too).
_SHELLS = frozenset(("sh", "bash", "ash", "dash", "busybox", "zsh", "/", "bin"))
_SHELL_FORM = (nodes.Run, nodes.Cmd, nodes.Entrypoint, nodes.Healthcheck)


@check(META)
def run_without_shell(ctx: Context) -> Iterator[Finding]:
    for stage in ctx.model.stages:
        known = facts(ctx, stage)
        if known is None or known.windows or known.has_shell is None or known.shell == "/bin/sh":
            continue
        chain = lineage(stage)
        image = chain[0].image_text
        copied: set[str] = set()
        for owner in chain:
            for ins in owner.instructions:
                copied.update(copied_names(ins))
                if owner is not stage or not isinstance(ins, _SHELL_FORM) or \
                        not isinstance(ins.command, nodes.ShellForm) or _SHELLS & copied:
                    continue
                argv = shell_argv(ctx, ins)
                program = argv[0] if argv else "/bin/sh"
                if program == known.shell or program.rsplit("/", 1)[-1] not in _SHELLS:
                    continue  # the image's own shell, or a program of the stage's: not judged
                what = ins.keyword.text.upper()
                fix = ("run it in a build stage that has one, or use the exec form (a JSON array)"
                       if isinstance(ins, nodes.Run) else "use the exec form (a JSON array)")
                if known.shell:
                    message = (f"`{image}` has no `{program}` to run this shell-form {what}: its shell is "
                               f"`{known.shell}`, so add `SHELL [\"{known.shell}\", \"-c\"]` before it, or {fix}")
                else:
                    message = f"`{image}` has no shell to run this shell-form {what}: {fix}"
                yield ctx.finding(META, ins.command.span, message)
