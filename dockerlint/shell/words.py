"""Word-level helpers: quote removal, variable expansion, option scanning.

These work on the raw text of one shell word and know nothing about the
parser that delimited it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Mapping

if TYPE_CHECKING:  # pragma: no cover
    from .model import ShellWord

_NAME_START = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_NAME_CHARS = _NAME_START | set("0123456789")
_SPECIAL_PARAMS = set("@*#?-$!0123456789")
_ANSI = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "e": "\x1b",
         "E": "\x1b", "f": "\f", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?"}


class _Unknown(Exception):
    """An expansion whose value is not known statically."""


def skip_balanced(text: str, i: int, open_: str, close: str) -> int:
    """Index after the ``close`` matching an ``open_`` just before ``i``,
    skipping quoted text; ``len(text)`` if unterminated."""
    depth = 1
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "'" and open_ != "{":
            j = text.find("'", i + 1)
            i = n if j < 0 else j + 1
            continue
        if c == "'" and open_ == "{":
            j = text.find("'", i + 1)
            i = n if j < 0 else j + 1
            continue
        if c == '"':
            i = skip_dquote(text, i + 1)
            continue
        if c == "`":
            i = skip_backtick(text, i + 1)
            continue
        if c == "$" and i + 1 < n and text[i + 1] in "({":
            o = text[i + 1]
            i = skip_balanced(text, i + 2, o, ")" if o == "(" else "}")
            continue
        if c == open_:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def skip_dquote(text: str, i: int) -> int:
    """Index after the ``"`` closing a double-quoted string opened before ``i``."""
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
        elif c == '"':
            return i + 1
        elif c == "`":
            i = skip_backtick(text, i + 1)
        elif c == "$" and i + 1 < n and text[i + 1] in "({":
            o = text[i + 1]
            i = skip_balanced(text, i + 2, o, ")" if o == "(" else "}")
        else:
            i += 1
    return n


def skip_backtick(text: str, i: int) -> int:
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
        elif c == "`":
            return i + 1
        else:
            i += 1
    return n


def _param(text: str, i: int, variables: Mapping[str, str] | None) -> tuple[str, int]:
    """Expand the ``$...`` at ``text[i] == "$"``; returns (value, next index).
    Raises _Unknown when it cannot be resolved."""
    n = len(text)
    j = i + 1
    if j >= n:
        return "$", j
    c = text[j]
    if c == "{":
        end = skip_balanced(text, j + 1, "{", "}")
        inner = text[j + 1 : end - 1] if end <= n and text[end - 1 : end] == "}" else None
        if inner is None or variables is None:
            raise _Unknown
        k = 0
        while k < len(inner) and inner[k] in _NAME_CHARS:
            k += 1
        name, rest = inner[:k], inner[k:]
        if not name or name[0] not in _NAME_START:
            raise _Unknown
        if rest == "":
            if name in variables:
                return variables[name], end
            raise _Unknown
        for op in (":-", "-", ":=", "=", ":+", "+", ":?", "?"):
            if rest.startswith(op):
                if name not in variables:
                    raise _Unknown
                word = rest[len(op):]
                is_set = variables[name] != "" or ":" not in op
                if op.endswith(("-", "=", "?")):
                    if is_set:
                        return variables[name], end
                    if op.endswith("?"):
                        raise _Unknown
                    return _expand_text(word, variables), end
                return (_expand_text(word, variables) if is_set else ""), end
        raise _Unknown
    if c in _NAME_START:
        k = j
        while k < n and text[k] in _NAME_CHARS:
            k += 1
        name = text[j:k]
        if variables is not None and name in variables:
            return variables[name], k
        raise _Unknown
    if c in _SPECIAL_PARAMS or c == "(":
        raise _Unknown
    if c == "'":  # $'...' handled by caller
        raise _Unknown
    return "$", j


def _expand_text(word: str, variables: Mapping[str, str]) -> str:
    value = unquote(word, variables)
    if value is None:
        raise _Unknown
    return value


def unquote(text: str, variables: Mapping[str, str] | None = None) -> str | None:
    """Quote removal plus escape resolution of one word.

    Returns ``None`` when the word contains an expansion that is not a
    variable known in ``variables`` (command substitution, arithmetic,
    ``$@``...).  Globs and tildes are kept literally.
    """
    try:
        return _unquote(text, variables, stop_at_unknown=False)[0]
    except _Unknown:
        return None
    except Exception:  # never raise from a helper used by rules
        return None


def literal_prefix(text: str) -> str:
    """The word's value up to the first unresolvable expansion."""
    try:
        return _unquote(text, None, stop_at_unknown=True)[0]
    except Exception:
        return ""


def _unquote(text: str, variables: Mapping[str, str] | None, stop_at_unknown: bool) -> tuple[str, bool]:
    out: list[str] = []
    i = 0
    n = len(text)
    in_dq = False
    try:
        while i < n:
            c = text[i]
            if in_dq:
                if c == '"':
                    in_dq = False
                    i += 1
                elif c == "\\" and i + 1 < n and text[i + 1] in '$`"\\\n':
                    if text[i + 1] != "\n":
                        out.append(text[i + 1])
                    i += 2
                elif c == "$":
                    if i + 1 < n and text[i + 1] == "(":
                        raise _Unknown
                    v, i = _param(text, i, variables)
                    out.append(v)
                elif c == "`":
                    raise _Unknown
                else:
                    out.append(c)
                    i += 1
                continue
            if c == "\\":
                if i + 1 < n:
                    if text[i + 1] != "\n":
                        out.append(text[i + 1])
                    i += 2
                else:
                    i += 1
            elif c == "'":
                j = text.find("'", i + 1)
                if j < 0:
                    j = n
                out.append(text[i + 1 : j])
                i = j + 1
            elif c == '"':
                in_dq = True
                i += 1
            elif c == "$" and i + 1 < n and text[i + 1] == "'":
                i = _ansi(text, i + 2, out)
            elif c == "$" and i + 1 < n and text[i + 1] == '"':
                i += 1  # $"..." locale string: treat as "..."
            elif c == "$":
                if i + 1 < n and text[i + 1] == "(":
                    raise _Unknown
                v, i = _param(text, i, variables)
                out.append(v)
            elif c == "`":
                raise _Unknown
            else:
                out.append(c)
                i += 1
    except _Unknown:
        if stop_at_unknown:
            return "".join(out), False
        raise
    return "".join(out), True


def _ansi(text: str, i: int, out: list[str]) -> int:
    n = len(text)
    while i < n:
        c = text[i]
        if c == "'":
            return i + 1
        if c == "\\" and i + 1 < n:
            e = text[i + 1]
            if e in _ANSI:
                out.append(_ANSI[e])
                i += 2
                continue
            if e == "x":
                k = i + 2
                while k < n and k < i + 4 and text[k] in "0123456789abcdefABCDEF":
                    k += 1
                if k > i + 2:
                    out.append(chr(int(text[i + 2 : k], 16)))
                    i = k
                    continue
            if e in "01234567":
                k = i + 1
                while k < n and k < i + 4 and text[k] in "01234567":
                    k += 1
                out.append(chr(int(text[i + 1 : k], 8)))
                i = k
                continue
            out.append(c + e)
            i += 2
            continue
        out.append(c)
        i += 1
    return n


def dequote_for_reparse(text: str) -> tuple[str, list[int], list[int]]:
    """Remove one level of quoting from the word ``text`` but keep
    expansions verbatim, giving the script an inner ``sh -c`` sees (modulo
    expansions).  Returns the inner text and, for each of its characters,
    the start and (exclusive) end index in ``text`` of the source it came
    from (an escaped ``\\"`` covers both characters); both lists carry one
    extra entry for the end of the text."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(text)
    in_dq = False

    def emit(s: str, at: int) -> None:
        for k, ch in enumerate(s):
            out.append(ch)
            starts.append(at + k)
            ends.append(at + k + 1)

    def emit_escaped(i: int) -> None:
        out.append(text[i + 1])
        starts.append(i)
        ends.append(i + 2)

    while i < n:
        c = text[i]
        if in_dq:
            if c == '"':
                in_dq = False
                i += 1
            elif c == "\\" and i + 1 < n and text[i + 1] in '$`"\\\n':
                if text[i + 1] != "\n":
                    emit_escaped(i)
                i += 2
            elif c == "$" and i + 1 < n and text[i + 1] in "({":
                o = text[i + 1]
                j = skip_balanced(text, i + 2, o, ")" if o == "(" else "}")
                emit(text[i:j], i)
                i = j
            elif c == "`":
                j = skip_backtick(text, i + 1)
                emit(text[i:j], i)
                i = j
            else:
                emit(c, i)
                i += 1
            continue
        if c == "\\" and i + 1 < n:
            if text[i + 1] != "\n":
                emit_escaped(i)
            i += 2
        elif c == "'":
            j = text.find("'", i + 1)
            if j < 0:
                j = n
            emit(text[i + 1 : j], i + 1)
            i = j + 1
        elif c == '"':
            in_dq = True
            i += 1
        elif c == "$" and i + 1 < n and text[i + 1] == "'":
            # ANSI-C string: resolve escapes; every char maps to the whole string
            buf: list[str] = []
            j = _ansi(text, i + 2, buf)
            for ch in "".join(buf):
                out.append(ch)
                starts.append(i)
                ends.append(j)
            i = j
        elif c == "$" and i + 1 < n and text[i + 1] in "({":
            o = text[i + 1]
            j = skip_balanced(text, i + 2, o, ")" if o == "(" else "}")
            emit(text[i:j], i)
            i = j
        elif c == "`":
            j = skip_backtick(text, i + 1)
            emit(text[i:j], i)
            i = j
        else:
            emit(c, i)
            i += 1
    starts.append(n)
    ends.append(n)
    return "".join(out), starts, ends


# -- option scanning ---------------------------------------------------------

def _norm(names: Iterable[str]) -> tuple[set[str], set[str]]:
    """Split flag names into short letters and long names (without dashes)."""
    short: set[str] = set()
    long: set[str] = set()
    for name in names:
        if name.startswith("--"):
            long.add(name[2:])
        elif name.startswith("-"):
            if len(name) == 2:
                short.add(name[1])
            else:  # -name style (find -name, java -jar): match whole
                long.add("-" + name[1:])
        elif len(name) == 1:
            short.add(name)
        else:
            long.add(name)
    return short, long


def _wvalue(word: ShellWord) -> str:
    v = word.value
    return v if v is not None else word.literal_prefix


def has_flag(args: list[ShellWord], names: Iterable[str]) -> bool:
    short, long = _norm(names)
    for w in args:
        v = _wvalue(w)
        if v == "--":
            return False
        if v.startswith("--"):
            if v[2:].split("=", 1)[0] in long:
                return True
        elif v.startswith("-") and len(v) > 1:
            if "-" + v[1:] in long:
                return True
            letters = v[1:]
            if "=" in letters:
                letters = letters.split("=", 1)[0]
            if short & set(letters):
                return True
    return False


def flag_value(args: list[ShellWord], names: Iterable[str]) -> ShellWord | str | None:
    short, long = _norm(names)
    for k, w in enumerate(args):
        v = _wvalue(w)
        if v == "--":
            return None
        nxt = args[k + 1] if k + 1 < len(args) else None
        if v.startswith("--"):
            key, eq, val = v[2:].partition("=")
            if key in long:
                return val if eq else nxt
        elif v.startswith("-") and len(v) > 1:
            if "-" + v[1:] in long:
                return nxt
            for i, letter in enumerate(v[1:]):
                if letter in short:
                    rest = v[2 + i :]
                    return rest if rest else nxt
    return None


def positionals(args: list[ShellWord], with_value: set[str]) -> list[ShellWord]:
    short, long = _norm(with_value)
    out: list[ShellWord] = []
    skip = False
    only_pos = False
    for w in args:
        if skip:
            skip = False
            continue
        v = _wvalue(w)
        if only_pos:
            out.append(w)
        elif v == "--":
            only_pos = True
        elif v.startswith("--"):
            key, eq, _ = v[2:].partition("=")
            if key in long and not eq:
                skip = True
        elif v.startswith("-") and len(v) > 1:
            if "-" + v[1:] in long:
                skip = True
                continue
            letters = v[1:]
            for i, letter in enumerate(letters):
                if letter in short:
                    if i == len(letters) - 1:
                        skip = True
                    break
        else:
            out.append(w)
    return out


def first_positional(args: list[ShellWord], with_value: set[str]) -> ShellWord | None:
    pos = positionals(args, with_value)
    return pos[0] if pos else None


def set_option_change(args: list[ShellWord], option: str) -> bool | None:
    """For ``set`` arguments, whether they turn ``-o option`` on (True),
    off (False) or leave it alone (None)."""
    result: bool | None = None
    vals = [_wvalue(w) for w in args]
    for k, v in enumerate(vals):
        if len(v) > 1 and v[0] in "-+" and v[1:2] != "-" and "o" in v[1:]:
            # -o pipefail, -eo pipefail, -euxo pipefail
            if k + 1 < len(vals) and vals[k + 1] == option and v.endswith("o"):
                result = v[0] == "-"
    return result


def cd_target(args: list[ShellWord], cwd: str | None) -> str | None:
    """Where ``cd ARGS`` run in ``cwd`` goes; None when that is not known (no literal
    directory, ``cd -``, ``~``, a relative path from an unknown place)."""
    import posixpath

    pos = [w for w in args if not (w.value or "").startswith("-") or w.value == "-"]  # -L, -P
    target = pos[0].value if len(pos) == 1 else None
    if not target or target == "-" or target.startswith("~"):
        return None
    if target.startswith("/"):
        return posixpath.normpath(target)
    return None if cwd is None else posixpath.normpath(posixpath.join(cwd, target))
