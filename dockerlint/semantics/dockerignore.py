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

import re
from pathlib import Path

from dockerlint.files import read_text

_ESCAPED = frozenset(".+()|{}$")


class BadPattern(ValueError):
    """A pattern Docker refuses (`[` unclosed, a lone `!`): the build fails before any copy."""


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
    __slots__ = ("text", "exclusion", "_kind", "_regex")

    def __init__(self, text: str, exclusion: bool) -> None:
        self.text = text  # cleaned, without the `!`
        self.exclusion = exclusion
        self._kind, self._regex = _compile(text)

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
        assert self._regex is not None
        return self._regex.match(path) is not None


def _compile(pattern: str) -> tuple[str, re.Pattern[str] | None]:
    """patternmatcher's compile(): a match kind and, for "regexp", the expression."""
    _check_syntax(pattern)
    out = "^"
    kind = "exact"
    i, n = 0, len(pattern)
    position = 0  # counts scanned characters, as the Go loop's `i` does
    in_class = False
    while i < n:
        ch = pattern[i]
        i += 1
        if ch == "*":
            if i < n and pattern[i] == "*":
                i += 1
                if i < n and pattern[i] == "/":
                    i += 1
                if i >= n:
                    if kind == "exact":
                        kind = "prefix"
                    else:
                        out += ".*"
                        kind = "regexp"
                else:
                    out += "(.*/)?"
                    kind = "regexp"
                if position == 0:
                    kind = "suffix"
            else:
                out += "[^/]*"
                kind = "regexp"
        elif ch == "?":
            out += "[^/]"
            kind = "regexp"
        elif ch in _ESCAPED:
            out += "\\" + ch
        elif ch == "\\":
            if i < n:
                out += "\\" + pattern[i]
                i += 1
                kind = "regexp"
            else:
                out += "\\\\"
        elif ch in "[]":
            # `[` inside a class is a literal `[` (Go's `arr[[]0]`); Python warns on it unescaped
            out += "\\[" if ch == "[" and in_class else ch
            in_class = ch == "[" or (in_class and ch != "]")
            kind = "regexp"
        else:
            out += ch
        position += 1
    if kind != "regexp":
        return kind, None
    try:
        return kind, re.compile(out + "$", re.DOTALL)
    except re.error as err:
        raise BadPattern(f"bad pattern {pattern!r}: {err}") from None


def _check_syntax(pattern: str) -> None:
    """What Go's filepath.Match rejects: an unclosed `[`, an empty class, a trailing `\\`."""
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            if i + 1 >= n:
                raise BadPattern(f"bad pattern {pattern!r}: trailing backslash")
            i += 2
            continue
        if ch == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            start = j
            while j < n and (pattern[j] != "]" or j == start):
                if pattern[j] == "]" and j == start:
                    raise BadPattern(f"bad pattern {pattern!r}: empty character class")
                j += 2 if pattern[j] == "\\" else 1
            if j >= n:
                raise BadPattern(f"bad pattern {pattern!r}: unclosed `[`")
            i = j + 1
            continue
        i += 1


class DockerIgnore:
    """The patterns of one ignore file, in order."""

    __slots__ = ("path", "patterns")

    def __init__(self, patterns: list[Pattern], path: Path | None = None) -> None:
        self.patterns = patterns
        self.path = path  # the file they were read from

    @classmethod
    def parse(cls, text: str, path: Path | None = None) -> DockerIgnore:
        return cls([_pattern(line) for line in _lines(text)], path)

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


def _lines(text: str) -> list[str]:
    """ignorefile.ReadAll: the patterns as written, cleaned, exceptions keeping their `!`."""
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
        out.append("!" + line if invert else line)
    return out


def _pattern(line: str) -> Pattern:
    """patternmatcher.New for one line."""
    text = clean(line.strip())
    exclusion = text.startswith("!")
    if exclusion:
        text = text[1:]
        if not text:
            raise BadPattern('illegal exclusion pattern: "!"')
    return Pattern(text, exclusion)


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
    """The context's ignore rules: empty when there is no ignore file, None when it is unreadable or invalid."""
    path = ignore_file(context_dir, dockerfile_name, dockerfile_dir)
    if path is None:
        return DockerIgnore([])
    try:
        return DockerIgnore.parse(read_text(str(path), errors="surrogateescape"), path)
    except (OSError, BadPattern):
        return None
