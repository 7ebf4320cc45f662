"""Shared by the COPY/ADD rules: what a source is (archive, URL, git), what it resolves to, and the
build context's .dockerignore."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator, NamedTuple

from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.dockerignore import DockerIgnore, Pattern
    from dockerlint.semantics.context import BuildContext, Match
    from dockerlint.semantics.model import Model

# hadolint's list: ADD extracts these, so ADD is the right instruction for them.
ARCHIVE_EXTENSIONS = (
    ".tar", ".Z", ".bz2", ".gz", ".lz", ".lzma", ".tZ", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz", ".tpz",
    ".txz", ".xz",
)
_GIT_URL = re.compile(r"(git@|git://|ssh://|https?://[^#?]*\.git(?:[#?]|\Z))", re.IGNORECASE)
GLOB_CHARS = frozenset("*?[")


def is_archive(path: str) -> bool:
    return path.rstrip("/").endswith(ARCHIVE_EXTENSIONS)


def is_http_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def is_git_url(text: str) -> bool:
    """What BuildKit's ADD clones rather than downloads."""
    return _GIT_URL.match(text) is not None


def is_remote(text: str) -> bool:
    return is_http_url(text) or is_git_url(text)


class Source(NamedTuple):
    word: nodes.Word
    value: str  # expanded; "" when it uses a variable with no known value


def local_sources(node: nodes.Copy | nodes.Add, ctx: Context) -> Iterator[Source]:
    """The build-context paths a COPY/ADD reads: not heredocs, URLs, or another stage or image."""
    return sources_in_context(node, ctx.model)


def sources_in_context(node: nodes.Copy | nodes.Add, model: Model) -> Iterator[Source]:
    """`local_sources`, for a model (the editor's features have no lint context)."""
    if node.flag("from") is not None:
        return
    for word in node.sources:
        if is_heredoc(word, node):
            continue
        value = known_value(model, word, node)
        if is_remote(word.text if value is None else value):
            continue
        yield Source(word, value or "")


def build_sources(ctx: Context) -> Iterator[Source]:
    """The build-context sources of every COPY and ADD that runs in this build (not ONBUILD triggers)."""
    for node in ctx.of_type(nodes.Copy, nodes.Add):
        if not ctx.in_onbuild(node):
            yield from local_sources(node, ctx)


def is_heredoc(word: nodes.Word, node: nodes.Copy | nodes.Add) -> bool:
    return any(h.marker.span == word.span for h in node.heredocs)


def expanded(word: nodes.Word, ins: nodes.Instruction, ctx: Context) -> str | None:
    """`word` after ARG/ENV expansion; None when a variable has no known value."""
    return known_value(ctx.model, word, ins)


def known_value(model: Model, word: nodes.Word, ins: nodes.Instruction) -> str | None:
    """`expanded`, for a model."""
    expansion = model.expand(word, ins)
    return None if expansion.unresolved else expansion.value


def dockerignore(ctx: Context) -> DockerIgnore | None:
    """The build context's ignore rules; None without a context on disk or with an unusable ignore file."""
    build = ctx.build
    return None if build is None else ctx.cached("dockerignore", build.ignore)


def loaded_dockerignore(ctx: Context) -> DockerIgnore | None:
    """The build context's ignore file as read, `error` included; None without a context on disk or when unreadable."""
    build = ctx.build
    return None if build is None else ctx.cached("dockerignore-loaded", build.loaded_ignore)


def ignoring_pattern(ignore: DockerIgnore, value: str) -> Pattern | None:
    """The pattern copy-ignored-file reports a (expanded) source for: one that matches the source
    as written, in an ignore file without `!` exceptions (with them, BuildKit's check stays quiet)."""
    if not ignore.patterns or ignore.has_exceptions:
        return None
    return ignore.ignored_by(value.lstrip("/") or ".")


def copies_parents(node: nodes.Copy | nodes.Add) -> bool:
    """`COPY --parents` (or `--parents=true`): the source's folders are kept, `/./` and `**` mean something."""
    flag = node.flag("parents")
    return flag is not None and (flag.value is None or flag.value.text.lower() == "true")


def exclude_patterns(node: nodes.Copy | nodes.Add) -> DockerIgnore | None:
    """The `--exclude` patterns (those without variables), read as .dockerignore patterns are;
    None without any. BuildKit matches them against the paths below each path a source
    matches, relative to it (never that path itself: moby/buildkit#5489)."""
    from dockerlint.semantics.dockerignore import BadPattern, DockerIgnore

    values = [f.value.text for f in node.flags if f.key == "exclude" and f.value is not None and "$" not in f.value.text]
    try:
        return DockerIgnore.parse("\n".join(values)) if values else None
    except BadPattern:
        return None


class Required(NamedTuple):
    source: Source
    path: str  # what the build fails without (dockerlint.semantics.context.required_path)
    found: list[Match]  # that path in the context: [] when it is not there


def context_sources(ctx: Context, build: BuildContext) -> Iterator[Required]:
    """The sources of the file that the build context is read for (not in ONBUILD triggers), each
    with the path it fails the build without and what that path is in the context; not those
    that cannot fail it (a wildcard read in the context root) or that cannot be told."""
    from dockerlint.semantics.context import required_path

    for node in ctx.of_type(nodes.Copy, nodes.Add):
        if ctx.in_onbuild(node):
            continue
        parents = copies_parents(node)  # type: ignore[arg-type]
        for source in local_sources(node, ctx):  # type: ignore[arg-type]
            path = required_path(source.value, parents) if source.value else None
            found = None if path is None else build.matches(path)
            if path is not None and found is not None:
                yield Required(source, path, found)


def context_is_known(build: BuildContext, ignore: DockerIgnore, checked: list[Required]) -> bool:
    """Whether `build` is the build context rather than a guess at it. The Dockerfile's folder is
    only a guess (`docker build -f docker/Dockerfile .` is common): without a configured context,
    a .dockerignore in it, or one of the file's own sources (`checked`), named without wildcards
    (which can match by chance), found there, it is not relied on."""
    from dockerlint.semantics.context import has_wildcards

    return build.explicit or ignore.path is not None or any(
        c.found and not has_wildcards(c.source.value) for c in checked)


def workdir_set_before(ins: nodes.Instruction, ctx: Context) -> bool:
    """Whether a WORKDIR runs before `ins` in its stage or in the stages it builds on."""
    stage = ctx.model.stage_of(ins)
    target: nodes.Instruction | None = ins
    while stage is not None:
        for other in stage.instructions:
            if other is target:
                break
            if isinstance(other, nodes.Workdir):
                return True
        stage, target = stage.base_stage, None
    return False


_WHOLE_CONTEXT = frozenset((".", "./", "*", "./*", "./."))


def whole_context_source(node: nodes.Instruction) -> nodes.Word | None:
    """The `.` (or `*`, `./`) source of a COPY/ADD that brings in the whole build context."""
    if not isinstance(node, (nodes.Copy, nodes.Add)) or node.flag("from") is not None or node.heredocs:
        return None
    for word in node.sources:
        if word.text in _WHOLE_CONTEXT:
            return word
    return None
