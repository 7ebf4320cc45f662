from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.copy_add._helpers import dockerignore, ignoring_pattern, local_sources
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL407",
    name="copy-ignored-file",
    severity="warning",
    aliases=("CopyIgnoredFile",),
    summary="COPY or ADD of a path that .dockerignore keeps out of the build context",
    rationale=(
        "Files matched by `.dockerignore` (or `<Dockerfile>.dockerignore` beside a named Dockerfile, "
        "which takes precedence) are never sent to the builder: copying one fails with \"not found\", "
        "and a wildcard that only matches ignored files copies nothing. Either the COPY or the "
        "ignore file is wrong.\n\n"
        "Checked only when the Dockerfile is on disk (the folder is taken as the build context), "
        "and, like BuildKit, not when the ignore file has `!` exceptions."
    ),
    bad="FROM alpine:3.20\nCOPY config.local.yaml /etc/app/\n",
    good="FROM alpine:3.20\nCOPY config.yaml /etc/app/\n",
    example_context={".dockerignore": "*.local.yaml\n", "config.yaml": "", "config.local.yaml": ""},
    divergence="A source written with a leading `/` is matched relative to the context root, as BuildKit copies it.",
)


# A whole-file check, run on every lint: it reads .dockerignore, which can change while the
# Dockerfile does not.
@check(META)
def copy_ignored_file(ctx: Context) -> Iterator[Finding]:
    ignore = dockerignore(ctx)
    if ignore is None or not ignore.patterns or ignore.has_exceptions:
        return
    where = ignore.path.name if ignore.path else ".dockerignore"
    for node in ctx.of_type(nodes.Copy, nodes.Add):
        if ctx.in_onbuild(node):
            continue
        for source in local_sources(node, ctx):
            if not source.value:
                continue
            pattern = ignoring_pattern(ignore, source.value)
            if pattern is not None:
                yield ctx.finding(
                    META, source.word.span,
                    f"`{source.word.text}` is excluded from the build context by `{pattern.text}` in {where}: "
                    "the copy fails or copies nothing",
                )
