"""COPY/ADD sources in the build context, for the editor: the paths to complete, the files to link
to, what a source matches. Pure but for reading the context (cached in `BuildContext`)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, NamedTuple

from dockerlint.rules.copy_add._helpers import Source, sources_in_context
from dockerlint.semantics.context import has_wildcards, relative_source
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.semantics.context import BuildContext
    from dockerlint.semantics.model import Model
    from dockerlint.syntax.span import Span

SHOWN = 20  # paths listed in a hover


class PathItem(NamedTuple):
    name: str  # with a trailing `/` for a folder
    is_dir: bool
    excluded_by: str | None  # the .dockerignore pattern that keeps it out of the context


def paths(build: BuildContext, prefix: str) -> list[PathItem] | None:
    """The entries of the context folder a typed source prefix is in, that start as its last
    segment does; None when the prefix is not a plain path (variables, quotes, wildcards)."""
    folder, _, typed = prefix.rpartition("/")
    if any(c in prefix for c in "$\"'") or has_wildcards(folder):
        return None
    rel = relative_source(folder) if folder else "."
    entries = build.entries(rel)
    ignore = build.ignore()
    if entries is None:
        return None
    items = []
    for entry in entries:
        if not entry.name.startswith(typed):
            continue
        path = entry.name if rel == "." else f"{rel}/{entry.name}"
        pattern = ignore.ignored_by(path) if ignore is not None else None
        items.append(PathItem(entry.name + ("/" if entry.is_dir else ""), entry.is_dir,
                              None if pattern is None else pattern.text))
    return items


def sources(model: Model) -> Iterator[tuple[nodes.Copy | nodes.Add, Source]]:
    """Every COPY/ADD source read from the build context, ONBUILD triggers left out."""
    for ins in model.dockerfile.instructions:
        if isinstance(ins, (nodes.Copy, nodes.Add)):
            for source in sources_in_context(ins, model):
                yield ins, source


class FileLink(NamedTuple):
    span: Span
    url: str


def links(model: Model, build: BuildContext) -> Iterator[FileLink]:
    """A link per source that names one file the build receives."""
    for _, source in sources(model):
        if not source.value or has_wildcards(source.value):
            continue
        found = build.matches(source.value)
        if found and len(found) == 1 and not found[0].is_dir and found[0].ignored_by is None:
            yield FileLink(source.word.span, (build.root / found[0].path).as_uri())


def hover(model: Model, build: BuildContext, offset: int) -> tuple[str, Span] | None:
    """What the source under the cursor matches in the build context, as Markdown."""
    source = next((s for _, s in sources(model) if s.word.span.start <= offset <= s.word.span.end), None)
    if source is None or not source.value:
        return None
    found = build.matches(source.value)
    if found is None:
        return None
    where = f"the build context `{build.root}`" + (f" (service `{build.service}`)" if build.service else "")
    if not found:
        return f"`{source.value}` matches nothing in {where}", source.word.span
    sent = [m for m in found if m.ignored_by is None]
    lines = [f"`{source.value}` matches {len(sent)} path{'' if len(sent) == 1 else 's'} in {where}:", ""]
    for m in found[:SHOWN]:
        shown = f"`{m.path}{'/' if m.is_dir and m.path != '.' else ''}`"
        if m.ignored_by is not None:
            line = build.ignore_line(m.ignored_by)
            shown = f"~~{shown}~~ excluded by `{m.ignored_by.text}`" + (f" (line {line} of the ignore file)" if line else "")
        lines.append(f"- {shown}")
    if len(found) > SHOWN:
        lines.append(f"- and {len(found) - SHOWN} more")
    return "\n".join(lines), source.word.span
