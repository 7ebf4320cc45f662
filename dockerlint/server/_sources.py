"""COPY/ADD sources in the build contexts, for the editor: the paths to complete, the files to link
to, what a source matches. A Dockerfile that several Compose services build is read in each
service's context, its sources expanded with each service's args. Pure but for reading the
contexts (folder listings are cached in `BuildContext`).

`--exclude` is shown as Docker's reference documents it: a path it matches, relative to the folder
the source is read from, is left out. (BuildKit applies it only below a folder the source names,
moby/buildkit#5489; copy-source-missing ignores it, as it never makes a build fail.)
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, NamedTuple

from dockerlint.rules.copy_add._helpers import Source, copies_parents, exclude_patterns, sources_in_context
from dockerlint.semantics.context import describe, has_wildcards, relative_source
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.semantics.context import BuildContext, Match
    from dockerlint.semantics.dockerignore import DockerIgnore
    from dockerlint.semantics.model import Model
    from dockerlint.syntax.span import Span

SHOWN = 20  # paths listed in a hover


class Build(NamedTuple):
    """One way the document is built: the context, and the model its build args give the file."""
    context: BuildContext
    model: Model


class PathItem(NamedTuple):
    name: str  # with a trailing `/` for a folder
    is_dir: bool
    excluded_by: str | None  # what keeps it out: ".dockerignore (`*.pyc`)", "`--exclude=*.md`"
    builds: tuple[BuildContext, ...]  # the builds whose context has it, when not every one does


def paths(builds: list[Build], prefix: str, ins: nodes.Copy | nodes.Add | None = None) -> list[PathItem] | None:
    """The entries of the context folders a typed source prefix is in, that start as its last
    segment does, once each; None when the prefix is not a plain path (variables, quotes, wildcards)."""
    folder, _, typed = prefix.rpartition("/")
    if any(c in prefix for c in "$\"'") or has_wildcards(folder):
        return None
    rel = relative_source(folder) if folder else "."
    excluded = exclude_patterns(ins) if ins is not None else None
    found: dict[tuple[str, bool], tuple[str | None, list[BuildContext]]] = {}  # (name, is_dir) -> (exclusion, builds)
    listed = False
    for build in builds:
        context = build.context
        entries = context.entries(rel)
        if entries is None:
            continue
        listed, ignore = True, context.ignore()
        for entry in entries:
            if not entry.name.startswith(typed):
                continue
            path = entry.name if rel == "." else f"{rel}/{entry.name}"
            pattern = ignore.ignored_by(path) if ignore is not None else None
            flag = excluded.ignored_by(entry.name) if excluded is not None else None
            why = (f".dockerignore (`{pattern.text}`)" if pattern is not None
                   else f"`--exclude={flag.text}`" if flag is not None else None)
            kept = found.setdefault((entry.name, entry.is_dir), (why, []))
            if why is None and kept[0] is not None:  # sent by another build: not excluded
                kept = found[(entry.name, entry.is_dir)] = (None, kept[1])
            kept[1].append(context)
    if not listed:
        return None
    return [PathItem(name + ("/" if is_dir else ""), is_dir, why, tuple(having) if len(having) < len(builds) else ())
            for (name, is_dir), (why, having) in found.items()]


def sources(model: Model) -> Iterator[tuple[nodes.Copy | nodes.Add, Source]]:
    """Every COPY/ADD source read from the build context, ONBUILD triggers left out."""
    for ins in model.dockerfile.instructions:
        if isinstance(ins, (nodes.Copy, nodes.Add)):
            for source in sources_in_context(ins, model):
                yield ins, source


class FileLink(NamedTuple):
    span: Span
    url: str


def links(builds: list[Build]) -> list[FileLink]:
    """A link per source that names one file a build receives: to it in the first context that has it."""
    found: dict[Span, FileLink] = {}
    for build in builds:
        for ins, source in sources(build.model):
            if source.word.span in found or not source.value or has_wildcards(source.value):
                continue
            matched = build.context.matches(source.value, copies_parents(ins))
            if matched and len(matched) == 1 and not matched[0].is_dir and matched[0].ignored_by is None:
                found[source.word.span] = FileLink(source.word.span, (build.context.root / matched[0].path).as_uri())
    return sorted(found.values())


def hover(builds: list[Build], offset: int) -> tuple[str, Span] | None:
    """What the source under the cursor matches in each build context, as Markdown: once for the
    builds that agree, naming the services when they do not all agree."""
    listings: dict[tuple[str, str], list[BuildContext]] = {}  # what a build sees -> the builds that see it
    span = None
    for build in builds:
        at = next(((i, s) for i, s in sources(build.model) if s.word.span.start <= offset <= s.word.span.end), None)
        if at is None or not at[1].value:
            continue
        ins, source = at
        found = build.context.matches(source.value, copies_parents(ins))
        if found is None:
            continue
        span = source.word.span
        listings.setdefault(_listing(build.context, source.value, found, exclude_patterns(ins)), []).append(build.context)
    if span is None:
        return None
    every = len(listings) == 1 and len(builds) > 1
    parts = [f"{lead} {_where(contexts, every)}{rest}" for (lead, rest), contexts in listings.items()]
    return "\n\n".join(parts), span


def _listing(context: BuildContext, value: str, found: list[Match], excluded: DockerIgnore | None) -> tuple[str, str]:
    """The Markdown of what a source matches, before and after where (the build context or contexts)."""
    if not found:
        return f"`{value}` matches nothing in", ""
    base = _base(value)
    shown, sent = [], 0
    for m in found:
        item = f"`{m.path}{'/' if m.is_dir and m.path != '.' else ''}`"
        flag = None if excluded is None else excluded.ignored_by(m.path[len(base) + 1:] if base else m.path)
        if m.ignored_by is not None:
            line = context.ignore_line(m.ignored_by)
            item = f"~~{item}~~ excluded by `{m.ignored_by.text}`" + (f" (line {line} of the ignore file)" if line else "")
        elif flag is not None:
            item = f"~~{item}~~ excluded by `--exclude={flag.text}`"
        else:
            sent += 1
        shown.append(f"- {item}")
    lines = ["", *shown[:SHOWN]]
    if len(found) > SHOWN:
        lines.append(f"- and {len(found) - SHOWN} more")
    return f"`{value}` matches {sent} path{'' if sent == 1 else 's'} in", ":\n" + "\n".join(lines)


def _base(value: str) -> str:
    """The folder a source is read from, relative to the context root ("" for the root): where
    its wildcards start, else its parent."""
    parts = relative_source(value).split("/")
    plain = next((i for i, part in enumerate(parts) if has_wildcards(part)), len(parts) - 1)
    return "/".join(p for p in parts[:plain] if p != ".")


def _where(contexts: list[BuildContext], every: bool) -> str:
    """The build context(s) a listing is of: with the builds (services, dev containers) when named."""
    named = all(c.service or c.dev_container for c in contexts)
    if every and all(c.service for c in contexts):
        return f"the build context of every service ({', '.join(f'`{c.service}`' for c in contexts)})"
    if every:
        return f"the build context of every build ({describe(contexts)})"
    if len(contexts) == 1:
        context = contexts[0]
        return f"the build context `{context.root}`" + (f" ({context.label})" if named else "")
    return f"the build contexts of {describe(contexts)}"
