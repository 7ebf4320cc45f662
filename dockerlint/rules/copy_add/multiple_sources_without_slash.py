from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, insert
from dockerlint.rules.copy_add._helpers import (
    GLOB_CHARS, context_is_known, context_sources, copies_parents, expanded, local_sources,
)
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.context import BuildContext

META = RuleMeta(
    code="DKL402",
    name="copy-multiple-sources-without-slash",
    severity="error",
    aliases=("DL3021", "DS011"),
    summary="COPY or ADD of several files (or a wildcard) into a destination not ending in `/`",
    rationale=(
        "With more than one source the destination must be a directory, and BuildKit wants that said "
        "with a trailing `/`: `COPY a b /app` fails with \"When using COPY with more than one source "
        "file, the destination must be a directory and end with a /\".\n\n"
        "A single wildcard source (`COPY *.jar /app.jar`) needs a directory only when it matches "
        "several files. With the build context at hand (configured, a Compose service's, or the "
        "Dockerfile's folder when something says it is the context: see copy-source-missing) the "
        "wildcard is expanded there as BuildKit does, leaving out what .dockerignore excludes, and "
        "reported when it matches two or more; without one (stdin, an unsaved buffer, a folder that "
        "may not be the context) nothing says it will, and it is not reported."
    ),
    bad="FROM alpine:3.20\nCOPY package.json package-lock.json /app\nCOPY *.conf /etc/app\n",
    good="FROM alpine:3.20\nCOPY package.json package-lock.json /app/\nCOPY *.conf /etc/app/\n",
    example_context={".dockerignore": "", "a.conf": "", "b.conf": ""},
    fix="sometimes",
    fix_description=(
        "Append `/` to the destination. Safe with several source words: BuildKit refuses the "
        "instruction without the `/`, so nothing that built changes. Unsafe with one wildcard source: "
        "when it matches a single file, Docker copies it to the destination *as* that name, and the "
        "`/` turns it into a folder holding the file. Not offered when the destination is not a "
        "well-formed word (a `${` left open), where no `/` could satisfy the check."
    ),
    divergence=(
        "hadolint checks COPY only and ignores wildcards; we check ADD too, and a wildcard that "
        "matches several files in the build context. A destination of `.` or `..` already names "
        "a directory and is not reported (hadolint reports `COPY a b .`)."
    ),
)


# A whole-file check, run on every lint: a wildcard is expanded in the build context, which can
# change while the Dockerfile does not.
@check(META)
def copy_multiple_sources_without_slash(ctx: Context) -> Iterator[Finding]:
    build = _known_build(ctx)
    for node in ctx.of_type(nodes.Copy, nodes.Add):
        dest = node.destination  # type: ignore[attr-defined]
        if dest is None:
            continue
        sources = node.sources  # type: ignore[attr-defined]
        if len(sources) > 1:
            what = f"{len(sources)} sources"
        elif build is not None and _matches_several(node, ctx, build):  # type: ignore[arg-type]
            what = "a wildcard source that matches several files"
        else:
            continue
        value = expanded(dest, node, ctx)
        if value is None or value.endswith(("/", "\\")) or value.rstrip("/").split("/")[-1] in (".", ".."):
            continue
        fix = None
        if not ctx.model.expand(dest, node).errors:  # type: ignore[arg-type]
            fix = Fix("Append `/` to the destination", (insert(dest.span.end, "/"),), safe=len(sources) > 1)
        yield ctx.finding(
            META, dest.span, f"With {what} the destination must be a directory: write `{dest.text}/`", fix=fix,
        )


def _known_build(ctx: Context) -> BuildContext | None:
    """The build context, when it is known to be one (see context_is_known)."""
    build = ctx.build
    ignore = None if build is None else build.ignore()
    if build is None or ignore is None:
        return None
    return build if context_is_known(build, ignore, list(context_sources(ctx, build))) else None


def _matches_several(node: nodes.Copy | nodes.Add, ctx: Context, build: BuildContext) -> bool:
    if copies_parents(node):
        return False  # the copy is of the folder the pattern filters: the destination is a folder anyway
    return any(GLOB_CHARS & set(s.value) and len(build.expand(s.value) or ()) >= 2 for s in local_sources(node, ctx))
