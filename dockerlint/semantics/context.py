"""The build context of a Dockerfile: its folder on disk, what `.dockerignore` keeps out of it, and
what a COPY/ADD source matches there.

A source is resolved the way BuildKit's copy does (fsutil `ResolveWildcards`): the path is cleaned
and taken relative to the context root (a leading `/` and `..` cannot leave it); the segments up to
the first one holding a wildcard (`*`, `?`, `[`) are a plain path, the rest is matched with Go's
`filepath.Match`, one pattern segment per path segment. Matching runs on what the builder receives:
paths `.dockerignore` excludes are not there, except a folder that holds a path an `!` exception
lets back in.

With `COPY --parents`, BuildKit copies from the folder before a `/./` pivot (the context root
without one) and keeps the paths below it that the rest matches as a `.dockerignore`-style include
pattern, in which `**` spans any number of folders, zero included.

What fails a build is narrower than what matches nothing (dockerfile2llb's copy allows an empty
wildcard): a source without wildcards that is not there, and the folder a wildcard is matched in
(`required_path`). A wildcard that matches nothing copies nothing.

Folder listings and the ignore file are cached in the `BuildContext` and checked against the
folder's (file's) modification time on each use: a lint after a file is added or removed sees it,
at the cost of one `stat` per folder a source goes through.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping, NamedTuple

from dockerlint.glob import Glob, GlobError, compile_glob
from dockerlint.semantics.dockerignore import clean

if TYPE_CHECKING:
    from dockerlint.semantics.dockerignore import DockerIgnore, Pattern

_WILDCARDS = frozenset("*?[")
# Entries looked at below a folder .dockerignore excludes, when searching for one an exception
# lets back in: past this, the folder is taken as sent (silence rather than a guess).
_WALK_LIMIT = 10_000


class Match(NamedTuple):
    path: str  # relative to the context root, `/`-separated
    is_dir: bool
    ignored_by: Pattern | None  # the .dockerignore pattern that keeps it out; None: it is sent


class Entry(NamedTuple):
    name: str
    is_dir: bool


def has_wildcards(text: str) -> bool:
    """fsutil's containsWildcards: `*`, `?` or `[` not escaped by a backslash."""
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in _WILDCARDS:
            return True
        i += 1
    return False


def segment_glob(pattern: str) -> Glob | None:
    """Go's filepath.Match for one path segment (linear-time, dockerlint.glob); None for a bad pattern."""
    try:
        return compile_glob(pattern, "match")
    except GlobError:
        return None


def relative_source(source: str) -> str:
    """A source as a path relative to the context root ("." for the root itself)."""
    path = clean("/" + source)  # rooted: `..` stops at the root, as the builder's path resolution does
    return path[1:] or "."


def required_path(source: str, parents: bool = False) -> str | None:
    """The path (relative to the context root) without which a COPY/ADD source fails the build;
    None when the build cannot fail on it (a wildcard read in the root), or a wildcard comes
    before it is known. Without wildcards, the source itself. With them, the folder they are
    matched in (fsutil walks it); with `--parents`, the folder before the `/./` pivot, which is
    what is copied (the pattern after it only filters)."""
    if parents:
        parent, pivot, _ = source.partition("/./")
        if has_wildcards(source):
            return None if not pivot or has_wildcards(parent) else _required(relative_source(parent))
        return _required(relative_source(source))
    rel = relative_source(source)
    parts = rel.split("/")
    plain = next((i for i, part in enumerate(parts) if has_wildcards(part)), len(parts))
    return _required("/".join(parts[:plain]) or ".")


def _required(rel: str) -> str | None:
    return None if rel == "." else rel


class BuildContext:
    """One way a Dockerfile is built: the context folder, the build args and, from Compose, the service
    or, from a dev container configuration, that configuration and the user it runs the image as."""

    def __init__(self, root: Path, dockerfile: Path | None, args: Mapping[str, str] | None = None,
                 service: str | None = None, explicit: bool = False, dev_container: Path | None = None,
                 user: str | None = None) -> None:
        self.root = root
        self._root = str(root)
        self.dockerfile = dockerfile  # the Dockerfile on disk, for its own `<name>.dockerignore`
        self.args: Mapping[str, str] = args or {}
        self.service = service  # the Compose service that builds it this way
        # Named by the configuration or a Compose file; else the Dockerfile's folder, taken as the
        # context by default (`docker build -f docker/Dockerfile .` builds from elsewhere).
        self.explicit = explicit
        self.dev_container = dev_container  # the devcontainer.json that builds it this way
        self.user = user  # its remoteUser (else containerUser): who runs what the developer runs
        self._listings: dict[str, tuple[int, list[Entry]]] = {}  # folder -> (its mtime, entries)
        self._ignore: tuple[tuple[object, ...], DockerIgnore | None] | None = None
        self._candidates = [str(p) for p in self.ignore_candidates()]

    @property
    def label(self) -> str:
        """How messages name this build: its service, its dev container configuration, else its folder."""
        if self.service:
            return f"service `{self.service}`"
        if self.dev_container is not None:
            where = self.dev_container
            if self.dockerfile is not None:
                where = Path(os.path.relpath(where, self.dockerfile.parent))
            return f"dev container `{where.as_posix()}`"
        return f"context `{self._root}`"

    @property
    def identity(self) -> tuple[str, tuple[tuple[str, str], ...], str | None]:
        """What tells this build from the others of the same Dockerfile: equal after `forget()`
        resolves the same context again."""
        return self._root, tuple(sorted(self.args.items())), self.service or (
            str(self.dev_container) if self.dev_container is not None else None)

    def __repr__(self) -> str:
        return f"<build context {self.root} ({self.label})>"

    # -- .dockerignore -----------------------------------------------------------

    def ignore_candidates(self) -> list[Path]:
        """Where BuildKit looks: `<Dockerfile>.dockerignore` beside the Dockerfile, then the context's `.dockerignore`."""
        own = [] if self.dockerfile is None else [self.dockerfile.parent / f"{self.dockerfile.name}.dockerignore"]
        return [*own, self.root / ".dockerignore"]

    def ignore(self) -> DockerIgnore | None:
        """The ignore rules (empty without a file); None when the file is unreadable or has a bad pattern."""
        loaded = self.loaded_ignore()
        return None if loaded is None or loaded.error is not None else loaded

    def loaded_ignore(self) -> DockerIgnore | None:
        """The ignore file as read, its `error` (a pattern BuildKit refuses) included; None when unreadable."""
        from dockerlint.semantics.dockerignore import load

        stamp = tuple(map(_stamp, self._candidates))
        if self._ignore is None or self._ignore[0] != stamp:
            name = self.dockerfile.name if self.dockerfile is not None else None
            folder = self.dockerfile.parent if self.dockerfile is not None else None
            self._ignore = (stamp, load(self.root, name, folder))
        return self._ignore[1]

    def ignore_line(self, pattern: Pattern) -> int | None:
        """The line of the ignore file a pattern is written on (1-based)."""
        return pattern.line or None

    # -- the folders ---------------------------------------------------------------

    def entries(self, folder: str) -> list[Entry] | None:
        """What a folder of the context holds (relative, "." for the root), sorted; None when it is not a folder."""
        path = self._root if folder == "." else f"{self._root}/{folder}"
        try:
            mtime = os.stat(path).st_mtime_ns
        except OSError:
            return None
        kept = self._listings.get(folder)
        if kept is not None and kept[0] == mtime:
            return kept[1]
        try:
            with os.scandir(path) as it:
                entries = sorted((Entry(e.name, _is_dir(e)) for e in it), key=lambda e: e.name)
        except OSError:
            return None
        self._listings[folder] = (mtime, entries)
        return entries

    def kind(self, rel: str) -> bool | None:
        """Whether a path is a folder (True), another entry (False), or missing (None)."""
        if rel == ".":
            return self.entries(".") is not None or None
        parent, _, name = rel.rpartition("/")
        for entry in self.entries(parent or ".") or ():
            if entry.name == name:
                return entry.is_dir
        return None

    def found_above(self, sources: Iterable[str]) -> bool:
        """Whether one of these (wildcard-free) sources is in a folder above the context, below the
        filesystem root: a sign that the context is that folder."""
        folders = self.root.parents[:-1]
        return any(os.path.lexists(folder / rel) for rel in map(relative_source, sources) if rel != "."
                   for folder in folders)

    # -- sources -------------------------------------------------------------------

    def matches(self, source: str, parents: bool = False) -> list[Match] | None:
        """Every path a (variable-free) COPY/ADD source names in the context, each with the
        .dockerignore pattern that keeps it out, if any; None when that cannot be told (a bad
        wildcard, an unusable ignore file, a `**` walk past its limit). With `parents`, as
        `COPY --parents` reads it: `/./` marks no path, `**` spans folders."""
        ignore = self.ignore()
        if ignore is None:
            return None
        rel = relative_source(source)
        parts = [] if rel == "." else rel.split("/")
        plain = next((i for i, part in enumerate(parts) if has_wildcards(part)), len(parts))
        base = "/".join(parts[:plain]) or "."
        if plain == len(parts):
            kind = self.kind(base)
            return [] if kind is None else [self._match(base, kind, ignore)]
        if parents and any("**" in part for part in parts[plain:]):
            return self._walk_pattern(base, rel, ignore)
        globs = [segment_glob(p) for p in parts[plain:]]
        if any(g is None for g in globs):
            return None
        return list(self._walk(base, globs, ignore))  # type: ignore[arg-type]

    def expand(self, source: str) -> list[str] | None:
        """The paths a COPY/ADD source copies from the context (wildcards expanded, ignored paths
        left out), sorted; None when that cannot be told."""
        found = self.matches(source)
        return None if found is None else [m.path for m in found if m.ignored_by is None]

    def _walk(self, folder: str, globs: list[Glob], ignore: DockerIgnore) -> Iterator[Match]:
        glob, rest = globs[0], globs[1:]
        for entry in self.entries(folder) or ():
            if not glob.match(entry.name):
                continue
            path = entry.name if folder == "." else f"{folder}/{entry.name}"
            if not rest:
                yield self._match(path, entry.is_dir, ignore)
            elif entry.is_dir:
                yield from self._walk(path, rest, ignore)

    def _walk_pattern(self, folder: str, pattern: str, ignore: DockerIgnore) -> list[Match] | None:
        """The topmost paths below `folder` that an include pattern (`**` and all) matches."""
        from dockerlint.semantics.dockerignore import Pattern

        try:
            include = Pattern(pattern, False)
        except GlobError:
            return None
        found: list[Match] = []
        for item in self._below(folder, include.matches):
            if item is None:
                return None
            if include.matches(item[0]):
                found.append(self._match(item[0], item[1].is_dir, ignore))
        found.sort(key=lambda m: m.path)
        return found

    def _match(self, path: str, is_dir: bool, ignore: DockerIgnore) -> Match:
        pattern = ignore.ignored_by(path) if path != "." else None
        if pattern is not None and is_dir and ignore.has_exceptions and self._sends_inside(path, ignore):
            pattern = None
        return Match(path, is_dir, pattern)

    def _sends_inside(self, folder: str, ignore: DockerIgnore) -> bool:
        """Whether an `!` exception lets back in something below an excluded folder (past the
        walk's limit, taken as sent)."""
        return any(item is None or not ignore.ignores(item[0]) for item in self._below(folder, _never))

    def _below(self, folder: str, stop: Callable[[str], bool]) -> Iterator[tuple[str, Entry] | None]:
        """Every path below `folder` with its entry, not descending into a folder where `stop(path)`
        says so; then None, when the walk stops past `_WALK_LIMIT` entries."""
        todo, seen = [folder], 0
        while todo:
            current = todo.pop()
            for entry in self.entries(current) or ():
                seen += 1
                if seen > _WALK_LIMIT:
                    yield None
                    return
                path = entry.name if current == "." else f"{current}/{entry.name}"
                yield path, entry
                if entry.is_dir and not stop(path):
                    todo.append(path)


def _never(path: str) -> bool:
    return False


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # a link to a folder is copied as what it points to
    except OSError:
        return False


def _stamp(path: str) -> object:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


# -- which contexts a Dockerfile has ---------------------------------------------------------

_BUILDS: dict[tuple[str, str | None], list[BuildContext]] = {}


def describe(builds: list[BuildContext]) -> str:
    """Several builds as messages name them: `services `a`, `b`` when Compose services all, else each
    build's label."""
    services = [b.service for b in builds if b.service]
    if len(services) == len(builds):
        return f"service{'s' if len(services) > 1 else ''} {', '.join(f'`{s}`' for s in services)}"
    return ", ".join(b.label for b in builds)


def builds_for(path: str | None, configured: str | None = None) -> list[BuildContext]:
    """The ways a Dockerfile on disk is built, each with its context: the `context` configured for
    it; else each Compose service and dev container configuration that builds it; else its folder. None of them for standard input
    or an unsaved buffer (`path` None or "-"). Kept until `forget()`: the language server calls it
    when a Compose file changes."""
    if path is None or path == "-":
        return []
    key = (path, configured)
    found = _BUILDS.get(key)
    if found is None:
        if len(_BUILDS) >= 256:
            _BUILDS.clear()
        found = _BUILDS[key] = _resolve(Path(os.path.realpath(path)), configured)
    return found


def _resolve(dockerfile: Path, configured: str | None) -> list[BuildContext]:
    from dockerlint.semantics.compose import services_building
    from dockerlint.semantics.devcontainer import building

    if configured is not None:
        return [BuildContext(Path(configured), dockerfile, explicit=True)]
    builds = [BuildContext(s.context, dockerfile, s.args, s.name, explicit=True) for s in services_building(dockerfile)]
    builds += [BuildContext(c.context, dockerfile, c.args, explicit=True, dev_container=c.config, user=c.user)
               for c in building(dockerfile)]
    if builds:  # named by Compose or a dev container: a context missing on disk is no context at all
        return [b for b in builds if os.path.isdir(b.root)]
    if not dockerfile.parent.is_dir():
        return []
    return [BuildContext(dockerfile.parent, dockerfile)]


def forget() -> None:
    """Compose files or the configuration changed: resolve the contexts again on next use."""
    _BUILDS.clear()
