"""Glob patterns matched in time linear in the path: the one matcher behind `.dockerignore`,
`.gitignore` and `per-file-ignores`.

A pattern compiles to a small automaton (one state per pattern element) that is run over the
path keeping the set of live states, as RE2 and Go's `regexp` (hence BuildKit) do; Python's
backtracking `re` took minutes on `*a*a*a…*c` against a long name. The two dialects:

- "docker" (moby/patternmatcher, which BuildKit uses): `**` spans directories wherever it
  stands, character classes follow Go's `filepath.Match` (`[^…]`, no empty class, no range
  out of order), and a bad pattern is an error: the build fails on it.
- "match" (Go's `filepath.Match`, which matches COPY sources one segment at a time): as
  "docker", but `**` is `*`.
- "git" (`.gitignore`, and our `per-file-ignores`): `**` spans directories only as a whole
  segment (`**/x`, `a/**/b`, `a/**`), classes take `!` or `^` and a leading `]`, and nothing
  matches `/` but `**`. Git ignores a broken pattern (it matches nothing); with `strict`, it is an error.

`*` and `?` never match `/` in either dialect.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Literal

Dialect = Literal["docker", "git", "match"]

# Elements. A state is an index into the element list; the last index accepts.
_CHAR, _ONE, _CLASS, _STAR, _ALL, _DIRS, _DIRS_BODY = range(7)
_CACHE_LIMIT = 4096  # transitions remembered per pattern (the states seen form a lazily built DFA)


class GlobError(ValueError):
    """A pattern that cannot be used; `column` is the 0-based offset of the problem in it."""

    def __init__(self, pattern: str, problem: str, column: int) -> None:
        super().__init__(f"bad pattern `{pattern}`: {problem}")
        self.problem = problem
        self.column = column


class _Class:
    __slots__ = ("ranges", "negated", "slash")

    def __init__(self, ranges: list[tuple[str, str]], negated: bool, slash: bool) -> None:
        self.ranges = ranges
        self.negated = negated
        self.slash = slash  # whether the class may match `/` at all

    def __contains__(self, ch: str) -> bool:
        if ch == "/" and not self.slash:
            return False
        return any(lo <= ch <= hi for lo, hi in self.ranges) != self.negated


class Glob:
    """A compiled pattern; `match(path)` is a whole-path match over `/`-separated paths."""

    __slots__ = ("pattern", "_kinds", "_args", "_start", "_accept", "_closures", "_moves")

    def __init__(self, pattern: str, elements: list[tuple[int, object]]) -> None:
        self.pattern = pattern
        self._kinds = [kind for kind, _ in elements]
        self._args = [arg for _, arg in elements]
        self._accept = len(elements)
        self._closures = [self._closure_of(i) for i in range(len(elements) + 1)]
        self._start = self._closures[0]
        self._moves: dict[tuple[frozenset[int], str], frozenset[int]] = {}

    def __repr__(self) -> str:
        return f"<glob {self.pattern!r}>"

    def _closure_of(self, state: int) -> frozenset[int]:
        """`state` and what it reaches without reading a character."""
        seen, todo = {state}, [state]
        while todo:
            s = todo.pop()
            if s == self._accept:
                continue
            kind = self._kinds[s]
            nexts = (s + 1,) if kind in (_STAR, _ALL) else (s + 1, s + 2) if kind == _DIRS else ()
            for n in nexts:
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        return frozenset(seen)

    def match(self, path: str) -> bool:
        states = self._start
        moves = self._moves
        for ch in path:
            key = (states, ch)
            following = moves.get(key)
            if following is None:
                following = self._step(states, ch)
                if len(moves) >= _CACHE_LIMIT:
                    moves.clear()
                moves[key] = following
            if not following:
                return False
            states = following
        return self._accept in states

    def _step(self, states: frozenset[int], ch: str) -> frozenset[int]:
        out: set[int] = set()
        closures, kinds, args = self._closures, self._kinds, self._args
        for s in states:
            if s == self._accept:
                continue
            kind = kinds[s]
            if kind == _CHAR:
                hit = args[s] == ch
            elif kind == _ONE:
                hit = ch != "/"
            elif kind == _CLASS:
                hit = ch in args[s]  # type: ignore[operator]
            elif kind == _STAR:
                if ch != "/":
                    out |= closures[s]
                continue
            elif kind == _ALL:
                out |= closures[s]
                continue
            elif kind == _DIRS_BODY:
                out.add(s)
                if ch == "/":
                    out |= closures[s + 1]
                continue
            else:  # _DIRS only passes to its body or past it
                continue
            if hit:
                out |= closures[s + 1]
        return frozenset(out)


class _Never(Glob):
    """What git makes of a broken pattern: it matches nothing."""

    def match(self, path: str) -> bool:
        return False


def compile_glob(pattern: str, dialect: Dialect, *, strict: bool = True, anywhere: bool = False) -> Glob:
    """`pattern` compiled; `anywhere` also matches it below any directories (`(.*/)?` in front).

    Raises GlobError for a bad pattern, in the git dialect only when `strict`."""
    elements: list[tuple[int, object]] = [(_DIRS, None), (_DIRS_BODY, None)] if anywhere else []
    try:
        _elements(pattern, dialect, elements)
    except GlobError:
        if strict or dialect != "git":
            raise
        return _Never(pattern, [])
    return Glob(pattern, elements)


def _elements(pattern: str, dialect: Dialect, out: list[tuple[int, object]]) -> None:
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "*":
            i = _stars(pattern, i, dialect, out)
            continue
        if ch == "?":
            out.append((_ONE, None))
        elif ch == "[":
            cls, i = _class(pattern, i, dialect)
            out.append((_CLASS, cls))
            continue
        elif ch == "\\":
            if i + 1 >= n:
                if dialect != "git":
                    raise GlobError(pattern, "a `\\` at the end escapes nothing", i)
                out.append((_CHAR, "\\"))
            else:
                i += 1
                out.append((_CHAR, pattern[i]))
        else:
            out.append((_CHAR, ch))
        i += 1


def _stars(pattern: str, i: int, dialect: Dialect, out: list[tuple[int, object]]) -> int:
    """Elements for the `*` or `**` at `i`; the index after what they took."""
    n = len(pattern)
    if not pattern.startswith("**", i):
        out.append((_STAR, None))
        return i + 1
    j = i + 2
    if dialect == "match":
        out.append((_STAR, None))
        return j
    if dialect == "docker":
        # patternmatcher: `**` eats one `/` after it; at the end it matches everything, else `(.*/)?`.
        if j < n and pattern[j] == "/":
            j += 1
        out.extend([(_ALL, None)] if j >= n else [(_DIRS, None), (_DIRS_BODY, None)])
        return j
    whole_segment = i == 0 or pattern[i - 1] == "/"
    if whole_segment and j < n and pattern[j] == "/":
        out.extend([(_DIRS, None), (_DIRS_BODY, None)])
        return j + 1
    if whole_segment and j == n:
        out.append((_ALL, None))
        return j
    out.append((_STAR, None))  # `**` inside a name acts as `*`
    return j


def _class(pattern: str, i: int, dialect: Dialect) -> tuple[_Class, int]:
    """The character class opening at `i`, and the index after its `]`."""
    n = len(pattern)
    j = i + 1
    negated = j < n and (pattern[j] == "^" or (dialect == "git" and pattern[j] == "!"))
    if negated:
        j += 1
    ranges: list[tuple[str, str]] = []
    first = True
    while True:
        if j >= n:
            raise GlobError(pattern, "`[` is never closed by `]`", i)
        if pattern[j] == "]" and not (first and dialect == "git"):
            if first:
                raise GlobError(pattern, "`[]` is an empty character class", i)
            return _Class(ranges, negated, dialect != "git"), j + 1
        lo, j = _class_char(pattern, j, dialect, i)
        hi = lo
        if j + 1 < n and pattern[j] == "-" and pattern[j + 1] != "]":
            hi, j = _class_char(pattern, j + 1, dialect, i)
            if hi < lo:
                raise GlobError(pattern, f"the range `{lo}-{hi}` is out of order", i)
        elif dialect != "git" and j < n and pattern[j] == "-":
            raise GlobError(pattern, "a range `-` needs a character after it", j)
        ranges.append((lo, hi))
        first = False


def _class_char(pattern: str, j: int, dialect: Dialect, start: int) -> tuple[str, int]:
    ch = pattern[j]
    if dialect != "git" and ch == "-":
        raise GlobError(pattern, "a `-` must stand between two characters", j)
    if ch == "\\":
        if j + 1 >= len(pattern):
            raise GlobError(pattern, "`[` is never closed by `]`", start)
        return pattern[j + 1], j + 2
    return ch, j + 1


@lru_cache(maxsize=256)
def per_file_glob(pattern: str, anywhere: bool) -> Glob:
    """A `per-file-ignores` pattern (git dialect, strict), compiled once; a leading `/` anchors it
    as it does the pattern anyway."""
    return compile_glob(pattern.lstrip("/"), "git", anywhere=anywhere)
