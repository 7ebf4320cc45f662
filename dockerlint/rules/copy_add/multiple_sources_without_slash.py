from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, insert
from dockerlint.rules.copy_add._helpers import GLOB_CHARS, expanded, local_sources
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL402",
    name="copy-multiple-sources-without-slash",
    severity="error",
    aliases=("DL3021", "DS011"),
    summary="COPY or ADD of several files (or a wildcard) into a destination not ending in `/`",
    rationale=(
        "With more than one source the destination must be a directory, and BuildKit wants that said "
        "with a trailing `/`: `COPY a b /app` fails with \"When using COPY with more than one source "
        "file, the destination must be a directory and end with a /\". A wildcard source is several "
        "files as soon as it matches two, so the build breaks the day a second file appears."
    ),
    bad="FROM alpine:3.20\nCOPY package.json package-lock.json /app\n",
    good="FROM alpine:3.20\nCOPY package.json package-lock.json /app/\n",
    fix="sometimes",
    fix_description=(
        "Append `/` to the destination. Safe with several source words: BuildKit refuses the "
        "instruction without the `/`, so nothing that built changes. Unsafe with one wildcard source: "
        "when it matches a single file, Docker copies it to the destination *as* that name, and the "
        "`/` turns it into a folder holding the file. Not offered when the destination is not a "
        "well-formed word (a `${` left open), where no `/` could satisfy the check."
    ),
    divergence=(
        "hadolint checks COPY only and ignores wildcards; we check ADD too and count a wildcard "
        "source as several files. A destination of `.` or `..` already names a directory and is "
        "not reported (hadolint reports `COPY a b .`)."
    ),
)


@check(META, on=(nodes.Copy, nodes.Add))
def copy_multiple_sources_without_slash(node: nodes.Copy | nodes.Add, ctx: Context) -> Iterator[Finding]:
    dest = node.destination
    if dest is None:
        return
    sources = node.sources
    many = len(sources) > 1 or any(GLOB_CHARS & set(s.word.text) for s in local_sources(node, ctx))
    if not many:
        return
    value = expanded(dest, node, ctx)
    if value is None or value.endswith(("/", "\\")) or value.rstrip("/").split("/")[-1] in (".", ".."):
        return
    what = f"{len(sources)} sources" if len(sources) > 1 else "a wildcard source"
    fix = None
    if not ctx.model.expand(dest, node).errors:
        fix = Fix("Append `/` to the destination", (insert(dest.span.end, "/"),), safe=len(sources) > 1)
    yield ctx.finding(META, dest.span, f"With {what} the destination must be a directory: write `{dest.text}/`",
                      fix=fix)
