from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.copy_add._helpers import build_sources, loaded_dockerignore

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL410",
    name="invalid-dockerignore",
    severity="error",
    summary="The .dockerignore holds a pattern BuildKit refuses, so copying from the build context fails",
    rationale=(
        "BuildKit checks every `.dockerignore` pattern (Go's `filepath.Match` syntax) when it sends "
        "the build context: an unclosed `[`, an empty class `[]`, a range out of order like `[z-a]`, "
        "a trailing `\\` or a lone `!` fails the build at the first COPY or ADD that reads the context, "
        "with `syntax error in pattern`. Fix the pattern (escape a literal `[` as `\\[`).\n\n"
        "Reported on that first COPY or ADD (a build that never reads the context, like the good "
        "example, does not fail); checked only when the Dockerfile is on disk (the folder "
        "is taken as the build context)."
    ),
    bad="FROM alpine:3.20\nCOPY app /app\n",
    good="FROM alpine:3.20\nCOPY --from=busybox:1.36 /bin/busybox /bin/busybox\n",
    example_context={".dockerignore": "[z-a]\n", "app": ""},
)


# A whole-file check, run on every lint: it reads .dockerignore, which can change while the
# Dockerfile does not.
@check(META)
def invalid_dockerignore(ctx: Context) -> Iterator[Finding]:
    ignore = loaded_dockerignore(ctx)
    if ignore is None or ignore.error is None:
        return
    where = ignore.path.name if ignore.path else ".dockerignore"
    for source in build_sources(ctx):
        yield ctx.finding(META, source.word.span,
                          f"{where} line {ignore.error.line}: {ignore.error}; BuildKit fails the build here")
        return
