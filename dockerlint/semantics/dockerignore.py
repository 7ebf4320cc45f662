""".dockerignore files, read and matched the way Docker does (moby/patternmatcher).

BuildKit looks for `<Dockerfile name>.dockerignore` beside the Dockerfile first,
then `.dockerignore` at the root of the build context. Reading: a leading UTF-8
BOM is dropped, lines starting with `#` are comments, whitespace is trimmed,
`!` marks an exception, paths are cleaned (`filepath.Clean`) and a leading `/`
is dropped. Matching: `*` and `?` stay inside one path segment, `**` spans any
number of them, a path is also ignored when one of its parent directories is,
and the last pattern that matches wins.
"""
from __future__ import annotations

from pathlib import Path

from dockerlint.files import read_text
from dockerlint.glob import GlobError, compile_glob


class BadPattern(ValueError):
    """A pattern Docker refuses (`[` unclosed, a lone `!`): the build fails on it."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line  # 1-based line in the ignore file


def clean(path: str) -> str:
    """Go's `path.Clean`: collapse `//`, `.` and `..` segments; "" becomes "."."""
    if not path:
        return "."
    rooted = path.startswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append(part)
            continue
        parts.append(part)
    out = "/".join(parts)
    if rooted:
        return "/" + out
    return out or "."


class Pattern:
    __slots__ = ("text", "exclusion", "line", "_kind", "_glob")

    def __init__(self, text: str, exclusion: bool, line: int = 0) -> None:
        self.text = text  # cleaned, without the `!`
        self.exclusion = exclusion
        self.line = line  # 1-based line in the ignore file (0: not from a file)
        self._kind = _kind(text)
        self._glob = compile_glob(text, "docker")  # validates, as patternmatcher.New does

    def __repr__(self) -> str:
        return f"<pattern {'!' if self.exclusion else ''}{self.text}>"

    def matches(self, path: str) -> bool:
        if self._kind == "exact":
            return path == self.text
        if self._kind == "prefix":
            return path.startswith(self.text[:-2])
        if self._kind == "suffix":
            suffix = self.text[2:]
            return path.endswith(suffix) or (suffix.startswith("/") and path == suffix[1:])
        return self._glob.match(path)


def _kind(pattern: str) -> str:
    """patternmatcher's match type: "exact", "prefix" (`a/**`), "suffix" (`**/a`) or "regexp"."""
    kind = "exact"
    i, n = 0, len(pattern)
    position = 0  # counts scanned characters, as the Go loop's `i` does
    while i < n:
        ch = pattern[i]
        i += 1
        if ch == "*":
            if i < n and pattern[i] == "*":
                i += 1
                if i < n and pattern[i] == "/":
                    i += 1
                kind = ("prefix" if kind == "exact" else "regexp") if i >= n else "regexp"
                if position == 0:
                    kind = "suffix"
            else:
                kind = "regexp"
        elif ch in "?[]":
            kind = "regexp"
        elif ch == "\\" and i < n:
            i += 1
            kind = "regexp"
        position += 1
    return kind


class DockerIgnore:
    """The patterns of one ignore file, in order."""

    __slots__ = ("path", "patterns", "error")

    def __init__(self, patterns: list[Pattern], path: Path | None = None, error: BadPattern | None = None) -> None:
        self.patterns = patterns
        self.path = path  # the file they were read from
        self.error = error  # the pattern BuildKit refuses (then `patterns` is empty): the build fails

    @classmethod
    def parse(cls, text: str, path: Path | None = None) -> DockerIgnore:
        return cls([_pattern(line, number) for number, line in _lines(text)], path)

    @property
    def has_exceptions(self) -> bool:
        return any(p.exclusion for p in self.patterns)

    def ignores(self, path: str) -> bool:
        """Whether `path` (relative to the context, `/`-separated) is left out: MatchesOrParentMatches."""
        return self.ignored_by(path) is not None

    def ignored_by(self, path: str) -> Pattern | None:
        """The pattern that leaves `path` out (the last one to decide), or None when it is sent."""
        path = clean(path)
        parent = path.rsplit("/", 1)[0] if "/" in path else "."
        parents = parent.split("/")
        decided: Pattern | None = None
        for pattern in self.patterns:
            if pattern.exclusion != (decided is not None):
                continue  # an include already matched, or an exception with nothing to undo
            hit = pattern.matches(path)
            if not hit and parent != ".":
                hit = any(pattern.matches("/".join(parents[:i + 1])) for i in range(len(parents)))
            if hit:
                decided = None if pattern.exclusion else pattern
        return decided


def _lines(text: str) -> list[tuple[int, str]]:
    """ignorefile.ReadAll: the patterns as written (with their 1-based line), cleaned, exceptions keeping their `!`."""
    out = []
    for n, line in enumerate(text.splitlines()):
        if n == 0:
            line = line.removeprefix("\ufeff")
        if line.startswith("#"):
            continue
        line = line.strip()
        if not line:
            continue
        invert = line.startswith("!")
        if invert:
            line = line[1:].strip()
        if line:
            line = clean(line)
            if len(line) > 1 and line.startswith("/"):
                line = line[1:]
        out.append((n + 1, "!" + line if invert else line))
    return out


def _pattern(line: str, number: int) -> Pattern:
    """patternmatcher.New for one line."""
    text = clean(line.strip())
    exclusion = text.startswith("!")
    if exclusion:
        text = text[1:]
        if not text:
            raise BadPattern('illegal exclusion pattern: "!"', number)
    try:
        return Pattern(text, exclusion, number)
    except GlobError as err:
        raise BadPattern(str(err), number) from None


def ignore_file(context_dir: Path, dockerfile_name: str | None = None,
                dockerfile_dir: Path | None = None) -> Path | None:
    """The ignore file BuildKit uses: `<Dockerfile name>.dockerignore` beside the Dockerfile (in
    `dockerfile_dir`, by default the context), else the context's `.dockerignore`, if there is one."""
    own = dockerfile_dir if dockerfile_dir is not None else context_dir
    candidates = [own / f"{dockerfile_name}.dockerignore"] if dockerfile_name else []
    candidates.append(context_dir / ".dockerignore")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


def load(context_dir: Path, dockerfile_name: str | None = None,
         dockerfile_dir: Path | None = None) -> DockerIgnore | None:
    """The context's ignore rules: empty when there is no ignore file, None when it is unreadable,
    with `error` set when it holds a pattern BuildKit refuses."""
    path = ignore_file(context_dir, dockerfile_name, dockerfile_dir)
    if path is None:
        return DockerIgnore([])
    try:
        text = read_text(str(path), errors="surrogateescape")
    except OSError:
        return None
    try:
        return DockerIgnore.parse(text, path)
    except BadPattern as err:
        return DockerIgnore([], path, err)
