"""BuildKit-conformant variable expansion for Dockerfile words.

This mirrors the semantics of BuildKit's ``shell.Lex`` (frontend/dockerfile/shell/lex.go)
as used by ``ProcessWord`` / ``ProcessWords``, with three additions a linter and a
language server need:

* it never raises on malformed input: problems are collected in ``Expansion.errors``
  (with source spans in ``Expansion.error_spans``) and a best-effort value is returned;
* every variable reference is reported with exact offsets (``VarRef``);
* nesting depth is bounded only by memory: the recursive-descent structure of lex.go is
  kept, but each "recursive call" is a generator driven by an explicit stack
  (a trampoline), so ``${A:-${B:-...}}`` 10,000 levels deep cannot hit Python's
  recursion limit.

Offsets are indices into the Python ``str`` (code points), end-exclusive.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator, Mapping

from dockerlint.syntax.lexer import GO_SPACE

__all__ = [
    "Expansion",
    "ExpansionError",
    "VarRef",
    "expand",
    "expand_words",
    "find_refs",
]


# Plain slotted classes, not dataclasses: this module is imported by every lint.
class VarRef:
    """One ``$NAME`` / ``${NAME...}`` occurrence in the source text.

    ``operator`` is ``""`` for a plain reference, else one of ``:-  -  :+  +  :?  ?
    #  ##  %  %%  /  //`` (or the raw unsupported modifier BuildKit would reject).
    ``default_text`` is the raw (unprocessed) source text of the operand after the
    operator, up to but excluding the closing ``}``; ``None`` when there is no operator.
    For ``/`` and ``//`` it is ``pattern/replacement``.
    """

    __slots__ = ("name", "start", "end", "name_start", "name_end", "operator", "_operand")

    def __init__(self, name: str, start: int, end: int, name_start: int, name_end: int,
                 operator: str = "", default_text: str | None = None) -> None:
        self.name = name
        self.start = start
        self.end = end
        self.name_start = name_start
        self.name_end = name_end
        self.operator = operator
        self._operand: str | tuple[str, int, int] | None = default_text

    @classmethod
    def _in(cls, text: str, name: str, start: int, end: int, name_start: int, name_end: int, operator: str,
            operand_start: int, operand_end: int) -> VarRef:
        """A reference whose operand is `text[operand_start:operand_end]`, cut only when asked
        for: nested operands (`${a:-${a:-…}}`) each copied cost memory quadratic in the depth."""
        ref = cls(name, start, end, name_start, name_end, operator)
        ref._operand = (text, operand_start, operand_end)
        return ref

    @property
    def default_text(self) -> str | None:
        operand = self._operand
        if type(operand) is tuple:
            text, a, b = operand
            return text[a:b]
        return operand  # type: ignore[return-value]

    def _key(self) -> tuple:
        return (self.name, self.start, self.end, self.name_start, self.name_end, self.operator, self.default_text)

    def __eq__(self, other: object) -> bool:
        return type(other) is VarRef and self._key() == other._key()  # type: ignore[union-attr]

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return "VarRef({!r}, {!r}, {!r}, {!r}, {!r}, {!r}, {!r})".format(*self._key())

    @property
    def braced(self) -> bool:
        return self.end - self.start > 1 + (self.name_end - self.name_start)


class Expansion:
    """Result of expanding one word.

    ``unresolved`` follows BuildKit's "unmatched" set: every name that was looked up
    and not found, in source order -- including names guarded by a default such as
    ``${V:-x}`` (filter with ``refs[i].operator`` if that matters to a rule).
    """

    __slots__ = ("value", "unresolved", "refs", "errors", "error_spans", "words")

    def __init__(self, value: str, unresolved: tuple[str, ...] = (), refs: tuple[VarRef, ...] = (),
                 errors: tuple[str, ...] = (), error_spans: tuple[tuple[int, int], ...] = (),
                 words: tuple[str, ...] = ()) -> None:
        self.value = value
        self.unresolved = unresolved
        self.refs = refs
        self.errors = errors
        self.error_spans = error_spans
        self.words = words

    @property
    def ok(self) -> bool:
        return not self.errors


class ExpansionError(ValueError):
    """Raised only by ``expand(..., strict=True)``; carries the full best-effort result."""

    def __init__(self, message: str, expansion: Expansion) -> None:
        super().__init__(message)
        self.expansion = expansion


# A Dockerfile can double a value with each line (`ENV A=$A$A`): 32 lines make 4 GiB. Values
# put into one word stop at this many characters (the rest expand to nothing) and the word's
# expansion carries the TOO_LONG error; the model takes such a variable's value as unknown.
MAX_EXPANSION = 1 << 20
TOO_LONG = f"the expansion is longer than {MAX_EXPANSION:,} characters: not expanded further"

# Go's unicode.IsSpace is the Unicode White_Space property; Python's str.isspace()
# additionally accepts the ASCII information separators U+001C..U+001F.
_NOT_GO_SPACE = frozenset("\x1c\x1d\x1e\x1f")


def _is_space(ch: str) -> bool:
    return ch.isspace() and ch not in _NOT_GO_SPACE


# POSIX special parameters; lex.go accepts them as one-character names ($$, $@, ...).
_SPECIAL_PARAMS = frozenset("@*#?-$!0")


class _Words:
    """ProcessWords' word accumulator: characters that came from unquoted text or from
    a ``$`` expansion split on whitespace; quoted or escaped characters never do."""

    __slots__ = ("words", "cur", "in_word")

    def __init__(self) -> None:
        self.words: list[str] = []
        self.cur: list[str] = []
        self.in_word = False

    def add_char(self, ch: str) -> None:
        if _is_space(ch):
            if self.in_word and self.cur:
                self.words.append("".join(self.cur))
                self.cur = []
                self.in_word = False
        else:
            self.cur.append(ch)
            self.in_word = True

    def add_string(self, s: str) -> None:
        for ch in s:
            self.add_char(ch)

    def add_raw(self, s: str) -> None:
        if s:  # keeps "cur is non-empty" equivalent to "the word has content"
            self.cur.append(s)
        self.in_word = True

    def done(self) -> list[str]:
        if self.cur:
            self.words.append("".join(self.cur))
            self.cur = []
            self.in_word = False
        return self.words


# A "call" in the trampoline: a generator that yields sub-generators and returns a value.
_Gen = Generator["_Gen", object, object]


def _run(gen: _Gen) -> object:
    """Drive nested generators with an explicit stack instead of the C stack."""
    stack: list[_Gen] = [gen]
    send: object = None
    while True:
        try:
            sub = stack[-1].send(send)
        except StopIteration as stop:
            stack.pop()
            if not stack:
                return stop.value
            send = stop.value
            continue
        stack.append(sub)
        send = None


# ---------------------------------------------------------------------------
# Shell patterns for ${V#p} ${V%p} ${V/p/r}.  BuildKit converts them to Go regexps
# (convertShellPatternToRegex): '*' and '?' are wildcards, '\' escapes only * ? \
# (and is dropped before } and /), and '[' is a *literal* -- BuildKit does not
# implement bracket expressions, so neither do we.  We match with an NFA over
# positions instead of `re`, which keeps matching O(len(value) * len(pattern)) and
# immune to catastrophic backtracking on patterns like '*a*a*a*b'.
# ---------------------------------------------------------------------------

_STAR = 0
_ANY = 1
_LIT = 2

_Token = tuple[int, str]


def _compile_pattern(pattern: str) -> list[_Token] | str:
    """Tokenize a shell pattern; returns an error message string when invalid."""
    tokens: list[_Token] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        i += 1
        if c == "*":
            if not tokens or tokens[-1][0] != _STAR:  # '**' == '*'
                tokens.append((_STAR, ""))
        elif c == "?":
            tokens.append((_ANY, ""))
        elif c == "\\":
            nxt = pattern[i] if i < n else ""
            if nxt in ("}", "/"):
                continue  # the escape protected the ${} syntax, it is not part of the pattern
            if nxt in ("*", "?", "\\"):
                tokens.append((_LIT, nxt))
                i += 1
            else:
                return f"invalid escape '\\{nxt}'"
        else:
            tokens.append((_LIT, c))
    return tokens


def _match_ends(tokens: list[_Token], value: str, start: int) -> set[int]:
    """All end positions e such that value[start:e] matches the whole pattern."""
    n = len(value)
    cur = {start}
    for kind, ch in tokens:
        if kind == _STAR:
            cur = set(range(min(cur), n + 1))
        elif kind == _ANY:
            cur = {i + 1 for i in cur if i < n}
        else:
            cur = {i + 1 for i in cur if i < n and value[i] == ch}
        if not cur:
            break
    return cur


def _trim_prefix(tokens: list[_Token], value: str, longest: bool) -> str:
    ends = _match_ends(tokens, value, 0)
    if not ends:
        return value
    return value[(max(ends) if longest else min(ends)) :]


def _trim_suffix(tokens: list[_Token], value: str, longest: bool) -> str:
    # Like lex.go: reverse pattern and subject so "shortest/longest suffix" becomes a
    # prefix search.  Reversing the token list keeps escaped literals intact.
    return _trim_prefix(tokens[::-1], value[::-1], longest)[::-1]


def _leftmost_longest(tokens: list[_Token], value: str, start: int) -> tuple[int, int] | None:
    """The leftmost match in `value[start:]` and, of those starting there, the longest.

    One pass with a thread per pattern position, each remembering the leftmost start that
    reaches it: O(len(value) * len(pattern)), where trying each start in turn was quadratic
    in the value (`${V//*b/c}` on 20,000 characters took 13 s)."""
    m, n = len(tokens), len(value)
    best: tuple[int, int] | None = None
    threads: dict[int, int] = {}  # pattern position -> the leftmost start that reached it
    p = start
    while True:
        if best is None and 0 not in threads:
            threads[0] = p
        for k in range(m):  # a star may match nothing: pass its start on, in order
            if k in threads and tokens[k][0] == _STAR and threads.get(k + 1, n + 1) > threads[k]:
                threads[k + 1] = threads[k]
        found = threads.get(m)
        if found is not None and (best is None or found < best[0] or (found == best[0] and p > best[1])):
            best = (found, p)
        if best is not None:
            threads = {k: st for k, st in threads.items() if st <= best[0]}
        if p >= n or not threads:
            return best
        ch = value[p]
        following: dict[int, int] = {}
        for k, st in threads.items():
            if k == m:
                continue
            kind, lit = tokens[k]
            target = k if kind == _STAR else k + 1 if kind == _ANY or lit == ch else -1
            if target >= 0 and following.get(target, n + 1) > st:
                following[target] = st
        threads = following
        p += 1


def _replace(tokens: list[_Token], value: str, repl: str, replace_all: bool) -> str:
    """Leftmost-longest replacement with Go's ReplaceAllString rules for empty matches
    (an empty match right after a previous match is skipped)."""
    out: list[str] = []
    n = len(value)
    pos = 0  # value[pos:] not yet copied
    last_end = -1
    s = 0
    while s <= n:
        found = _leftmost_longest(tokens, value, s)
        if found is None:
            break
        ms, e = found
        if not (e == ms and ms == last_end):
            out.append(value[pos:ms])
            out.append(repl)
            pos = last_end = e
            if not replace_all:
                break
            if e > ms:
                s = e
                continue
        s = ms + 1
    out.append(value[pos:])
    return "".join(out)


class _Lexer:
    def __init__(self, text: str, env: Mapping[str, str], escape: str) -> None:
        self.text = text
        self.n = len(text)
        self.pos = 0
        self.env = env
        self.esc = escape
        self.refs: list[VarRef] = []
        self.errors: list[str] = []
        self.spans: list[tuple[int, int]] = []
        self.missing: set[str] = set()
        # every variable looked up, with its value (None: unset): all the result depends on
        self.looked: dict[str, str | None] = {}
        self.cacheable = True
        self.substituted = 0  # characters of variable values put in so far

    # -- helpers -----------------------------------------------------------

    def _peek(self) -> str:
        return self.text[self.pos] if self.pos < self.n else ""

    def _next(self) -> str:
        if self.pos < self.n:
            self.pos += 1
            return self.text[self.pos - 1]
        return ""

    def _error(self, message: str, start: int, end: int) -> None:
        self.errors.append(message)
        self.spans.append((start, max(start, min(end, self.n))))

    def _get(self, name: str) -> tuple[str, bool]:
        try:
            value = self.env[name]
        except KeyError:
            self.looked.setdefault(name, None)
            if name:
                self.missing.add(name)
            return "", False
        except Exception:  # a hostile Mapping must not make us raise
            self.cacheable = False
            return "", False
        self.looked.setdefault(name, value)
        self.substituted += len(value)
        if self.substituted > MAX_EXPANSION:
            if TOO_LONG not in self.errors:
                self._error(TOO_LONG, 0, self.n)
            return "", True
        return value, True

    def _skip_to_brace(self) -> None:
        close = self.text.find("}", self.pos)
        self.pos = self.n if close < 0 else close + 1

    def _name(self) -> str:
        """lex.go processName: digits-only names ($1, $10), a single special
        parameter, or letters/digits/underscore (Unicode letters and Nd digits)."""
        start = self.pos
        ch = self._peek()
        if ch and ch.isdecimal():
            while self.pos < self.n and self.text[self.pos].isdecimal():
                self.pos += 1
            return self.text[start : self.pos]
        if ch in _SPECIAL_PARAMS and ch:
            self.pos += 1
            return ch
        while self.pos < self.n:
            ch = self.text[self.pos]
            if not (ch.isalpha() or ch.isdecimal() or ch == "_"):
                break
            self.pos += 1
        return self.text[start : self.pos]

    # -- grammar (generators; `yield gen` is a call, its value comes back) ----

    def word(self, stop: str, raw_escapes: bool) -> Iterator:
        """processStopOn: returns (result, words, terminated). ``stop == ""`` means EOF."""
        out: list[str] = []
        words = _Words()
        esc = self.esc
        text = self.text
        while self.pos < self.n:
            ch = text[self.pos]
            if stop and ch == stop:
                self.pos += 1
                return "".join(out), words.done(), True
            if ch == "$":
                s = yield self.dollar()
                out.append(s)
                words.add_string(s)  # expansion results are subject to word splitting
            elif ch == "'":
                s = self.single_quote()
                out.append(s)
                words.add_raw(s)
            elif ch == '"':
                s = yield self.double_quote(raw_escapes)
                out.append(s)
                words.add_raw(s)
            else:
                self.pos += 1
                if ch == esc:
                    if raw_escapes:  # pattern operands keep escapes for the matcher
                        words.add_raw(ch)
                        out.append(ch)
                    if self.pos >= self.n:
                        break  # a trailing escape is dropped
                    ch = text[self.pos]
                    self.pos += 1
                    words.add_raw(ch)
                else:
                    words.add_char(ch)
                out.append(ch)
        return "".join(out), words.done(), not stop

    def single_quote(self) -> str:
        # Everything up to the next ' is literal: no escapes, no expansion.
        start = self.pos
        self.pos += 1
        close = self.text.find("'", self.pos)
        if close < 0:
            self._error(
                "unexpected end of statement while looking for matching single-quote",
                start,
                self.n,
            )
            s = self.text[self.pos :]
            self.pos = self.n
            return s
        s = self.text[self.pos : close]
        self.pos = close + 1
        return s

    def double_quote(self, raw_escapes: bool) -> Iterator:
        # Literal except for $ expansion; the escape char only escapes " $ and itself.
        start = self.pos
        self.pos += 1
        out: list[str] = []
        esc = self.esc
        while True:
            ch = self._peek()
            if not ch:
                self._error(
                    "unexpected end of statement while looking for matching double-quote",
                    start,
                    self.n,
                )
                return "".join(out)
            if ch == '"':
                self.pos += 1
                return "".join(out)
            if ch == "$":
                s = yield self.dollar()
                out.append(s)
                continue
            self.pos += 1
            if ch == esc:
                if raw_escapes:
                    out.append(ch)
                nxt = self._peek()
                if not nxt:
                    continue
                if nxt in ('"', "$", esc):
                    ch = nxt
                    self.pos += 1
            out.append(ch)

    def dollar(self) -> Iterator:
        text = self.text
        start = self.pos
        self.pos += 1  # '$'
        if self._peek() != "{":
            ns = self.pos
            name = self._name()
            if not name:
                return "$"  # a lone '$' is literal
            self.refs.append(VarRef(name, start, self.pos, ns, self.pos))
            return self._get(name)[0]

        self.pos += 1  # '{'
        ch = self._peek()
        if not ch:
            self._error("syntax error: missing '}'", start, self.n)
            return ""
        if ch in "{}:":
            self._skip_to_brace()
            self._error("syntax error: bad substitution", start, self.pos)
            return ""

        ns = self.pos
        name = self._name()
        ne = self.pos
        ch = self._next()

        if ch == "}":
            if name:
                self.refs.append(VarRef(name, start, self.pos, ns, ne))
            return self._get(name)[0]
        if not ch:
            self._error("syntax error: missing '}'", start, self.n)
            if name:
                self.refs.append(VarRef(name, start, self.n, ns, ne))
            return self._get(name)[0]

        if ch == ":" or ch in "+-?#%":
            null_is_unset = ch == ":"
            op = ch
            if null_is_unset:
                # lex.go consumes whatever follows ':' as the modifier, even EOF.
                ch = self._next()
                op += ch
            raw = ch in ("#", "%")
            operand_start = self.pos
            display_op = op
            if raw and self._peek() == ch:  # '##' / '%%' for the ref; semantics below
                display_op += ch
                operand_start += 1
            word, _, closed = yield self.word("}", raw)
            end = self.pos
            operand_end = end - 1 if closed else end
            if name:
                self.refs.append(VarRef._in(text, name, start, end, ns, ne, display_op, operand_start, operand_end))
            if not closed:
                self._error("syntax error: missing '}'", start, self.n)
                if ch not in ("-", "+", "?", "#", "%"):
                    return ""
            value, is_set = self._get(name)
            empty = not is_set or (null_is_unset and value == "")
            if ch == "-":
                return word if empty else value
            if ch == "+":
                return "" if empty else word
            if ch == "?":
                if not is_set:
                    self._error(f"{name}: {word or 'is not allowed to be unset'}", start, end)
                    return ""
                if null_is_unset and value == "":
                    self._error(f"{name}: {word or 'is not allowed to be empty'}", start, end)
                    return ""
                return value
            if ch in ("#", "%"):
                # BuildKit decides greediness on the *processed* operand.
                longest = word[:1] == ch
                if longest:
                    word = word[1:]
                tokens = _compile_pattern(word)
                if isinstance(tokens, str):
                    self._error(f"invalid pattern ({word}) in substitution: {tokens}", start, end)
                    return ""
                if ch == "%":
                    return _trim_suffix(tokens, value, longest)
                return _trim_prefix(tokens, value, longest)
            self._error(f"unsupported modifier ({op}) in substitution", start, end)
            return ""

        if ch == "/":
            replace_all = self._peek() == "/"
            if replace_all:
                self.pos += 1
            operand_start = self.pos
            op = "//" if replace_all else "/"
            # Note: only an unquoted '/' ends the pattern -- '}' does not, so lex.go
            # rejects ${V/a} (no replacement part).
            pattern, _, closed = yield self.word("/", True)
            if not closed:
                if name:
                    self.refs.append(VarRef._in(text, name, start, self.n, ns, ne, op, operand_start, self.n))
                self._error("syntax error: missing '/' in ${}", start, self.n)
                return ""
            repl, _, closed = yield self.word("}", True)
            end = self.pos
            if name:
                self.refs.append(VarRef._in(text, name, start, end, ns, ne, op, operand_start, end - 1 if closed else end))
            if not closed:
                self._error("syntax error: missing '}'", start, self.n)
            value, _ = self._get(name)
            tokens = _compile_pattern(pattern)
            if isinstance(tokens, str):
                self._error(f"invalid pattern ({pattern}) in substitution: {tokens}", start, end)
                return ""
            return _replace(tokens, value, repl, replace_all)

        # ${V!x}, ${V x}, ...: BuildKit fails; we skip to the closing brace.
        op = ch
        operand_start = self.pos
        self._skip_to_brace()
        if name:
            closed = self.pos - 1 >= operand_start and text[self.pos - 1] == "}"
            self.refs.append(VarRef._in(text, name, start, self.pos, ns, ne, op, operand_start,
                                        self.pos - 1 if closed else self.pos))
        self._error(f"unsupported modifier ({op}) in substitution", start, self.pos)
        return ""


# Expansions of words that have something to expand, by (text, escape), each with the
# variables it looked up and their values: the same word in a scope that agrees on those
# gives the same result (an editor's re-lint meets the same words in the same scopes).
# Results are shared: callers only read them.
_EXPANDED: dict[tuple[str, str], list[tuple[tuple[tuple[str, str | None], ...], Expansion]]] = {}
_EXPANDED_MAX = 4096
_PER_TEXT = 8
_CACHED_VALUE_MAX = 1 << 16  # longer results are made again: 4096 of 1 MiB would be 4 GiB


def _remembered(key: tuple[str, str], env: Mapping[str, str]) -> Expansion | None:
    for looked, result in _EXPANDED.get(key, ()):
        try:
            if all(env.get(name) == value for name, value in looked):
                return result
        except Exception:  # a hostile Mapping: expand it the long way
            return None
    return None


def _process(text: str, env: Mapping[str, str], escape: str) -> Expansion:
    if len(escape) != 1:
        raise ValueError(f"escape must be a single character, got {escape!r}")
    if _is_plain(text, escape):
        # Most words have nothing to expand, quote or escape: they stand for themselves.
        return Expansion(value=text, words=(text,) if text else ())
    key = (text, escape)
    kept = _remembered(key, env)
    if kept is not None:
        return kept
    result, lx = _expand(text, env, escape)
    if lx.cacheable and len(result.value) <= _CACHED_VALUE_MAX:
        if len(_EXPANDED) >= _EXPANDED_MAX:
            _EXPANDED.clear()  # simplest bound; one call, so safe with the server's lint threads
        entries = _EXPANDED.setdefault(key, [])
        if len(entries) < _PER_TEXT:
            entries.append((tuple(lx.looked.items()), result))
    return result


def _expand(text: str, env: Mapping[str, str], escape: str) -> tuple[Expansion, _Lexer]:
    lx = _Lexer(text, env, escape)
    value, words, _ = _run(lx.word("", False))  # type: ignore[misc]
    refs = tuple(sorted(lx.refs, key=lambda r: (r.start, -r.end)))
    seen: dict[str, None] = {}
    for r in refs:
        if r.name in lx.missing:
            seen.setdefault(r.name, None)
    return Expansion(
        value=value,
        unresolved=tuple(seen),
        refs=refs,
        errors=tuple(lx.errors),
        error_spans=tuple(lx.spans),
        words=tuple(words),
    ), lx


_SPECIAL: dict[str, re.Pattern[str]] = {}  # escape character -> what makes a word need expanding


def _is_plain(text: str, escape: str) -> bool:
    special = _SPECIAL.get(escape)
    if special is None:
        special = _SPECIAL[escape] = re.compile(f"[$'\"{re.escape(escape)}{re.escape(GO_SPACE)}]")
    return special.search(text) is None


def expand(
    text: str,
    env: Mapping[str, str],
    *,
    escape: str = "\\",
    strict: bool = False,
) -> Expansion:
    """Expand one Dockerfile word as BuildKit's ProcessWord does.

    Never raises on any ``text`` unless ``strict`` is true, in which case the first
    error (what would fail the build) is raised as ``ExpansionError``.
    """
    result = _process(text, env, escape)
    if strict and result.errors:
        raise ExpansionError(result.errors[0], result)
    return result


def expand_words(text: str, env: Mapping[str, str], *, escape: str = "\\") -> list[str]:
    """BuildKit's ProcessWords: expand, then split on unquoted whitespace
    (used for EXPOSE, COPY/ADD sources, VOLUME, ... in the non-JSON form)."""
    return list(_process(text, env, escape).words)


_NO_ENV: Mapping[str, str] = {}


def find_refs(text: str, *, escape: str = "\\") -> list[VarRef]:
    """Every variable reference BuildKit would expand in ``text``, sorted by start.

    References in single quotes or after an escaped ``$`` are not included; references
    nested in operands (``${A:-$B}``) are.
    """
    return list(_process(text, _NO_ENV, escape).refs)
