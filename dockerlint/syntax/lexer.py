"""The context-sensitive layer between Dockerfile text and the grammar.

It follows BuildKit's parser step by step: parser directives at the top, the
escape character, line continuations (with comment and empty lines inside them),
heredoc bodies, flags, and the argument style each keyword takes. What comes out
is a stream of grammar terminals, each with its node payload and exact source
range; `parser.py` feeds them through the LALR tables built from the grammar.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
TYPE_CHECKING = False  # typing costs start-up time; it is only needed by type checkers
if TYPE_CHECKING:
    from typing import Any, Callable, Iterator

from dockerlint.syntax.nodes import Comment, Directive, Flag, Heredoc, KeyValue, SyntaxIssue, Word
from dockerlint.syntax.span import Span, line_starts

# Go's unicode.IsSpace, which BuildKit uses to trim and split.
GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_RE_WORDS = re.compile(r"[^\t\v\f\r ]+")  # BuildKit's reWhitespace, inverted
_RE_WS = re.compile(r"[\t\v\f\r ]+")
_RE_DIRECTIVE = re.compile(r"#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*\Z")
_RE_HEREDOC = re.compile(r"(\d*)<<(-?)([^<]*)\Z")
_DIRECTIVES = frozenset(("syntax", "escape", "check"))

KEYWORD_TERMINALS = {
    name: "K_" + name.upper()
    for name in (
        "from", "run", "cmd", "entrypoint", "shell", "healthcheck", "env", "label", "arg",
        "copy", "add", "volume", "expose", "user", "workdir", "maintainer", "stopsignal", "onbuild",
    )
}
_MAYBE_JSON = frozenset(("run", "cmd", "entrypoint", "shell"))
_MAYBE_JSON_LIST = frozenset(("copy", "add", "volume"))
_WORD_LIST = frozenset(("from", "expose"))
_STRING = frozenset(("user", "workdir", "maintainer", "stopsignal"))
_HEREDOC_KINDS = frozenset(("run", "copy", "add"))


class Tok:
    """A grammar terminal with its payload; the parser driver only reads `type`."""

    __slots__ = ("type", "data")

    def __init__(self, type: str, data: Any) -> None:
        self.type = type
        self.data = data

    def __repr__(self) -> str:
        return f"Tok({self.type}, {self.data!r})"


class _Broken(Exception):
    """BuildKit rejects this instruction."""


class _Line:
    """One logical line (an instruction joined across continuations) and its map to the source."""

    __slots__ = ("text", "seg_log", "seg_src", "origin")

    def __init__(self, origin: int) -> None:
        self.origin = origin  # where an empty line (a lone continuation character) is
        self.text = ""
        self.seg_log: list[int] = []
        self.seg_src: list[int] = []

    def append(self, piece: str, source_offset: int) -> None:
        if not piece:
            return
        self.seg_log.append(len(self.text))
        self.seg_src.append(source_offset)
        self.text += piece

    def src(self, i: int) -> int:
        k = bisect_right(self.seg_log, i) - 1
        if k < 0:
            return self.seg_src[0] if self.seg_src else self.origin
        return self.seg_src[k] + i - self.seg_log[k]

    def word(self, start: int, end: int, text: str | None = None) -> Word:
        """A Word for the logical slice [start, end); `text` overrides BuildKit's processed text."""
        if text is None:
            text = self.text[start:end]
        if end <= start:
            if not self.text:
                at = self.origin
            else:
                at = self.src(start) if start < len(self.text) else self.src(len(self.text) - 1) + 1
            return Word(text, Span(at, at))
        k0 = bisect_right(self.seg_log, start) - 1
        k1 = bisect_right(self.seg_log, end - 1) - 1
        span = Span(self.src(start), self.src(end - 1) + 1)
        if k0 == k1 and len(text) == end - start:
            return Word(text, span)
        segments = [(0, span.start)]
        for k in range(k0 + 1, k1 + 1):
            segments.append((self.seg_log[k] - start, self.seg_src[k]))
        return Word(text, span, tuple(segments))

    def processed_word(self, text: str, where: list[int], start: int, end: int) -> Word:
        """A Word whose `text` lost quotes or escapes: `where[i]` is the logical offset of text[i].

        The span covers the raw [start, end) (quotes included, so a fix replaces them too);
        the segments map each character of `text` to where it is written.
        """
        word = self.word(start, end, text)
        if not text or len(text) == end - start and where[0] == start and where[-1] == end - 1:
            return word
        return Word(text, word.span, _segments([self.src(i) for i in where]))


def _segments(starts: list[int]) -> tuple[tuple[int, int], ...]:
    """(logical, source) segment starts for characters whose source offsets are `starts`."""
    out = []
    for i, src in enumerate(starts):
        if i == 0 or src != starts[i - 1] + 1:
            out.append((i, src))
    return tuple(out)


def _lstrip_len(s: str) -> int:
    return len(s) - len(s.lstrip(GO_SPACE))


def _continues(s: str, escape: str) -> int:
    """Length of `s` without its trailing continuation (escape + blanks), or -1 when it does not continue."""
    body = s.rstrip(" \t")
    if not body.endswith(escape):
        return -1
    if len(body) >= 2 and body[-2] == escape:
        return -1  # an escaped escape ends the line (BuildKit's regex needs a non-escape before it)
    return len(body) - 1


class Lexer:
    def __init__(self, source: str) -> None:
        self.source = source
        self.escape = "\\"
        self.comments: list[Comment] = []
        self.directives: list[Directive] = []
        self.issues: list[SyntaxIssue] = []
        self._directives_done = False
        self._seen: set[str] = set()
        # Physical lines: (start offset, end offset of content, end offset with newline).
        starts = line_starts(source)
        self._starts = starts[:-1] if starts[-1] == len(source) else starts

    # -- physical lines -------------------------------------------------------------

    def _line(self, n: int) -> tuple[int, str]:
        """Start offset and text of physical line n (0-based) without '\\r\\n' (BuildKit's trimNewline)."""
        start = self._starts[n]
        end = self._starts[n + 1] if n + 1 < len(self._starts) else len(self.source)
        if n == 0 and self.source.startswith("\ufeff"):
            start += 1
        return start, self.source[start:end].rstrip("\r\n")

    def _line_end(self, n: int) -> int:
        start, text = self._line(n)
        return start + len(text)

    def _directive(self, start: int, text: str) -> None:
        if self._directives_done:
            return
        m = _RE_DIRECTIVE.match(text)
        if m is None or m.group(1).lower() not in _DIRECTIVES:
            self._directives_done = True
            return
        name = m.group(1).lower()
        span = Span(start, start + len(text))
        if name in self._seen:
            self.issues.append(SyntaxIssue(f"only one {name} parser directive can be used", span))
            return
        self._seen.add(name)
        value = m.group(2)
        self.directives.append(
            Directive(span, Word(m.group(1), Span(start + m.start(1), start + m.end(1))),
                      Word(value, Span(start + m.start(2), start + m.end(2))))
        )
        if name == "escape":
            if value in ("\\", "`"):
                self.escape = value
            else:
                self.issues.append(
                    SyntaxIssue(f"invalid escape token '{value}' does not match ` or \\",
                                Span(start + m.start(2), start + m.end(2)))
                )

    def _comment(self, start: int, text: str) -> None:
        lead = _lstrip_len(text)
        self.comments.append(Comment(Span(start + lead, start + len(text)), text[lead + 1 :].strip(GO_SPACE)))

    # -- the instruction loop -------------------------------------------------------

    def tokens(self, first: int = 0, stop: Callable[[int], bool] | None = None) -> Iterator[Tok]:
        """Terminals from physical line `first` on. Between instructions the lexer's only state is
        the escape character, so it can start at any instruction's line; it ends early at a line
        where `stop(line)` is true, leaving that line in `stopped_at` (None when it read to the end)."""
        n, count = first, len(self._starts)
        self.stopped_at: int | None = None
        while n < count:
            if stop is not None and stop(n):
                self.stopped_at = n
                return
            start, raw = self._line(n)
            lead = _lstrip_len(raw)
            text = raw[lead:]
            if text.startswith("#"):
                before = len(self.directives), len(self.issues)
                self._directive(start, raw)
                if (len(self.directives), len(self.issues)) == before:
                    self._comment(start, raw)
                n += 1
                continue
            self._directive(start, raw)
            first = n
            line = _Line(start + lead)
            cut = _continues(text, self.escape)
            if cut < 0:
                if not text:
                    n += 1
                    continue
                line.append(text, start + lead)
            else:
                line.append(text[:cut], start + lead)
                empty_continuation = False
                while cut >= 0 and n + 1 < count:
                    n += 1
                    cstart, craw = self._line(n)
                    if craw.lstrip(GO_SPACE).startswith("#"):
                        self._comment(cstart, craw)
                        continue
                    if not craw.strip(GO_SPACE):
                        empty_continuation = True
                        continue
                    cut = _continues(craw, self.escape)
                    line.append(craw if cut < 0 else craw[:cut], cstart)
                if empty_continuation:
                    self.issues.append(SyntaxIssue(
                        "empty continuation line: BuildKit warns and will make it an error",
                        Span(self._starts[first], self._line_end(n)), fatal=False))
            n += 1
            yield from self._instruction(line, start + lead, n)
            n = self._next_line

    def _instruction(self, line: _Line, head: int, n: int) -> Iterator[Tok]:
        """Tokens of one instruction starting at offset `head`; reads heredoc bodies from line n on.

        `head` is where the instruction's first line starts: before the keyword when
        that line held only a continuation character, as BuildKit counts it.
        """
        self._next_line = n
        out: list[Tok] = []
        try:
            result = self._node(line, 0, len(line.text), out)
        except _Broken as err:
            end = self._line_end(n - 1)
            yield Tok("BROKEN", (str(err), Span(head, end), line.word(0, len(line.text))))
            return
        kind, json_form = result
        heredocs = self._heredocs(line) if kind in _HEREDOC_KINDS and not json_form else []
        end = self._line_end(self._next_line - 1)
        for i, tok in enumerate(out):
            if tok.type.startswith("K_"):  # an ONBUILD trigger spans from its own keyword
                tok.data = (tok.data, Span(head if i == 0 else tok.data.span.start, end))
        yield from out
        for h in heredocs:
            yield Tok("HEREDOC", h)
        yield Tok("_END", None)

    def _node(self, line: _Line, start: int, end: int, out: list[Tok]) -> tuple[str, bool]:
        """BuildKit's newNodeFromLine over line.text[start:end].

        Returns the keyword (an ONBUILD's trigger's) and whether its arguments were JSON.
        """
        text = line.text
        start += _lstrip_len(text[start:end])
        end = start + len(text[start:end].rstrip(GO_SPACE))
        m = _RE_WS.search(text, start, end)
        kw_end = m.start() if m else end
        keyword = line.word(start, kw_end)
        kind = keyword.text.lower()
        out.append(Tok(KEYWORD_TERMINALS.get(kind, "K_UNKNOWN"), keyword))
        args_start = self._flags(line, m.end() if m else end, end, out)
        args_start += _lstrip_len(text[args_start:end])
        args_end = args_start + len(text[args_start:end].rstrip(GO_SPACE))
        args = text[args_start:args_end]
        if kind in _MAYBE_JSON:
            if args and not self._json(line, args_start, args_end, out):
                out.append(Tok("TEXT", line.word(args_start, args_end)))
                return kind, False
            return kind, bool(args)
        if kind in _MAYBE_JSON_LIST:
            if self._json(line, args_start, args_end, out):
                return kind, True
            self._words(line, args_start, args_end, out, kind)
        elif kind in _WORD_LIST:
            self._words(line, args_start, args_end, out, kind)
        elif kind in _STRING or kind not in KEYWORD_TERMINALS:
            if args:
                out.append(Tok("TEXT", line.word(args_start, args_end)))
        elif kind in ("env", "label"):
            self._name_values(line, args_start, args_end, out, kind.upper())
        elif kind == "arg":
            for ws, we, word in self._parse_words(line, args_start, args_end):
                eq = word.find("=")
                key_end = ws + (eq if eq >= 0 else len(word))
                out.append(Tok("KEY", KeyValue(Span(ws, we), line.word(ws, key_end), None)))
                if eq >= 0:
                    out.append(Tok("EQUALS", None))
                    out.append(Tok("VALUE", line.word(key_end + 1, we, word[eq + 1 :])))
        elif kind == "healthcheck":
            if args:
                sep = args_start
                while sep < args_end and not _byte_space(text[sep]):
                    sep += 1
                out.append(Tok("HC_MODE", line.word(args_start, sep)))
                rest = sep
                while rest < args_end and text[rest] in " \t\n\v\f\r":
                    rest += 1
                if rest < args_end and not self._json(line, rest, args_end, out):
                    out.append(Tok("TEXT", line.word(rest, args_end)))
        elif kind == "onbuild" and args:
            return self._node(line, args_start, args_end, out)
        return kind, False

    def _flags(self, line: _Line, pos: int, end: int, out: list[Tok]) -> int:
        """BuildKit's extractBuilderFlags: `--name=value` words (quotes and backslashes processed)."""
        text = line.text
        while True:
            while pos < end and text[pos] in " \t\n\v\f\r":
                pos += 1
            if pos + 1 >= end or text[pos] != "-" or text[pos + 1] != "-":
                return pos
            word_start = pos
            chars: list[str] = []
            where: list[int] = []  # the logical offset each char of the processed word came from
            quote = ""
            eq_at = -1  # index in chars of the first '='
            while pos < end:
                ch = text[pos]
                if quote:
                    if ch == quote:
                        quote = ""
                    elif ch == "\\" and pos + 1 < end:
                        pos += 1
                        chars.append(text[pos])
                        where.append(pos)
                    elif ch != "\\":
                        chars.append(ch)
                        where.append(pos)
                    pos += 1
                    continue
                if _byte_space(ch):
                    break
                if ch in "'\"":
                    quote = ch
                elif ch == "\\":
                    if pos + 1 < end:
                        pos += 1
                        chars.append(text[pos])
                        where.append(pos)
                else:
                    if ch == "=" and eq_at < 0:
                        eq_at = len(chars)
                    chars.append(ch)
                    where.append(pos)
                pos += 1
            word = "".join(chars)
            if word == "--":
                return pos
            if eq_at >= 0:
                name = line.processed_word(word[2:eq_at], where[2:eq_at], where[1] + 1, where[eq_at])
                value: Word | None = line.processed_word(word[eq_at + 1 :], where[eq_at + 1 :], where[eq_at] + 1, pos)
            else:
                name, value = line.processed_word(word[2:], where[2:], where[1] + 1, pos), None
            out.append(Tok("FLAG", Flag(line.word(word_start, pos, word).span, word, name, value)))

    def _json(self, line: _Line, start: int, end: int, out: list[Tok]) -> bool:
        """BuildKit's parseJSON: a JSON array of strings; a non-string element rejects the instruction."""
        text = line.text[start:end]
        if not text.startswith("["):
            return False
        try:
            # BuildKit v0.12.5 decodes the first JSON value and ignores what follows it.
            values, used = _JSON.raw_decode(text)
        except (ValueError, RecursionError):
            return False
        if not isinstance(values, list):
            return False
        if not all(isinstance(v, str) for v in values):
            raise _Broken("when using JSON array syntax, arrays must be comprised of strings only")
        # Go's decoder turns an escaped lone surrogate (`"\ud800"`) into U+FFFD; Python keeps it.
        values = [_LONE_SURROGATE.sub("\ufffd", v) if _LONE_SURROGATE.search(v) else v for v in values]
        out.append(Tok("JSON_OPEN", line.word(start, start + 1)))
        pos = start + 1
        src = line.text
        for i, value in enumerate(values):
            if i:
                out.append(Tok("_JSON_COMMA", None))
            pos = src.index('"', pos)
            close = pos + 1
            while src[close] != '"':
                close += 2 if src[close] == "\\" else 1
            # The span covers the string's contents, inside its quotes.
            out.append(Tok("JSON_STRING", line.word(pos + 1, close, value)))
            pos = close + 1
        close = start + used - 1
        out.append(Tok("JSON_CLOSE", line.word(close, close + 1)))
        return True

    def _words(self, line: _Line, start: int, end: int, out: list[Tok], kind: str) -> None:
        matches = list(_RE_WORDS.finditer(line.text, start, end))
        for i, m in enumerate(matches):
            word = line.word(m.start(), m.end())
            if kind == "from" and i == 1 and word.text.lower() == "as":
                out.append(Tok("AS", word))
            elif kind == "from" and i == 2 and out[-1].type == "AS":
                out.append(Tok("STAGE_NAME", word))
            else:
                out.append(Tok("WORD", word))

    def _parse_words(self, line: _Line, start: int, end: int) -> list[tuple[int, int, str]]:
        """BuildKit's parseWords: split on whitespace outside quotes; quotes and escapes are kept."""
        text, esc = line.text, self.escape
        words: list[tuple[int, int, str]] = []
        pos = start
        while pos < end:
            while pos < end and text[pos] in GO_SPACE:
                pos += 1
            if pos >= end:
                break
            ws = pos
            chars: list[str] = []
            quote = ""
            blank_ok = False
            while pos < end:
                ch = text[pos]
                if quote:
                    if ch == quote:
                        quote = ""
                    elif ch == esc and quote != "'":
                        if pos + 1 == end:
                            pos += 1
                            quote = ""
                            continue
                        chars.append(ch)
                        pos += 1
                        ch = text[pos]
                    chars.append(ch)
                    pos += 1
                    continue
                if ch in GO_SPACE:
                    break
                if ch in "'\"":
                    quote = ch
                    blank_ok = True
                elif ch == esc:
                    if pos + 1 == end:
                        pos += 1
                        continue
                    chars.append(ch)
                    pos += 1
                    ch = text[pos]
                chars.append(ch)
                pos += 1
            if blank_ok or chars:
                words.append((ws, pos, "".join(chars)))
        return words

    def _name_values(self, line: _Line, start: int, end: int, out: list[Tok], keyword: str) -> None:
        words = self._parse_words(line, start, end)
        if not words:
            return
        if "=" not in words[0][2]:
            m = _RE_WS.search(line.text, start, end)
            if m is None:
                raise _Broken(f"{keyword} must have two arguments")
            out.append(Tok("KEY", KeyValue(Span(start, end), line.word(start, m.start()), None, equals=False)))
            out.append(Tok("VALUE", line.word(m.end(), end)))
            return
        for ws, we, word in words:
            eq = word.find("=")
            if eq < 0:
                raise _Broken(
                    f"Syntax error - can't find = in {json.dumps(word, ensure_ascii=False)}. "
                    "Must be of the form: name=value"
                )
            out.append(Tok("KEY", KeyValue(Span(ws, we), line.word(ws, ws + eq, word[:eq]), None)))
            out.append(Tok("EQUALS", None))
            out.append(Tok("VALUE", line.word(ws + eq + 1, we, word[eq + 1 :])))

    # -- heredocs -------------------------------------------------------------------

    def _heredocs(self, line: _Line) -> list[Heredoc]:
        found = []
        words = _shell_words(line.text)
        for i, (ws, we, raw) in enumerate(words):
            m = _RE_HEREDOC.match(raw)
            if m is None:
                continue
            rest, marker_end = m.group(3), we
            if not rest and i + 1 < len(words):
                # Today's BuildKit allows `<< EOF`; v0.12.5 read it as a plain `<<` word.
                marker_end, rest = words[i + 1][1], words[i + 1][2]
            if not rest:
                continue
            name, quoted = _unquote(rest)
            if not name:
                continue
            found.append((line.word(ws, marker_end), m, name, quoted))
        docs = []
        for marker, m, name, quoted in found:
            chomp = m.group(2) == "-"
            n = self._next_line
            body_start = self._starts[n] if n < len(self._starts) else len(self.source)
            content: list[str] = []
            terminator = None
            while n < len(self._starts):
                start, text = self._line(n)
                n += 1
                if (text.lstrip("\t") if chomp else text) == name:
                    terminator = Span(start, start + len(text))
                    break
                end = self._starts[n] if n < len(self._starts) else len(self.source)
                content.append(self.source[start:end])
            body_end = terminator.start if terminator else len(self.source)
            if terminator is None:
                self.issues.append(SyntaxIssue("unterminated heredoc", marker.span))
            self._next_line = n
            docs.append(Heredoc(
                span=Span(marker.span.start, terminator.end if terminator else len(self.source)),
                marker=marker, name=name, chomp=chomp, expand=not quoted,
                fd=int(m.group(1)) if m.group(1) else None,
                body=Span(body_start, body_end), content="".join(content), terminator=terminator,
            ))
        return docs


def _byte_space(ch: str) -> bool:
    """Whitespace as BuildKit tests it byte by byte (unicode.IsSpace(rune(b))) in flags and HEALTHCHECK.

    Besides ASCII blanks, a character whose UTF-8 form holds byte 0x85 or 0xA0 splits there.
    """
    if ch < "\x80":
        return ch in " \t\n\v\f\r"
    raw = ch.encode("utf-8", "surrogatepass")
    return b"\x85" in raw or b"\xa0" in raw


def _no_constants(name: str) -> Any:
    raise ValueError(name)  # Go's JSON has no NaN/Infinity


_JSON = json.JSONDecoder(parse_constant=_no_constants)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _shell_words(text: str) -> list[tuple[int, int, str]]:
    """Split like a shell, keeping quotes and escapes raw (BuildKit's heredoc scan)."""
    words: list[tuple[int, int, str]] = []
    pos, end = 0, len(text)
    while pos < end:
        while pos < end and text[pos] in GO_SPACE:
            pos += 1
        if pos >= end:
            break
        ws = pos
        quote = ""
        while pos < end:
            ch = text[pos]
            if quote:
                if ch == quote:
                    quote = ""
                elif ch == "\\" and quote == '"':
                    pos += 1
            elif ch in GO_SPACE:
                break
            elif ch in "'\"":
                quote = ch
            elif ch == "\\":
                pos += 1
            pos += 1
        pos = min(pos, end)
        words.append((ws, pos, text[ws:pos]))
    return words


def _unquote(word: str) -> tuple[str, bool]:
    """A heredoc delimiter with shell quoting removed, and whether any part was quoted."""
    out: list[str] = []
    quote = ""
    quoted = False
    i = 0
    while i < len(word):
        ch = word[i]
        if quote:
            if ch == quote:
                quote = ""
            elif ch == "\\" and quote == '"' and i + 1 < len(word):
                i += 1
                out.append(word[i])
            else:
                out.append(ch)
        elif ch in "'\"":
            quote, quoted = ch, True
        elif ch == "\\" and i + 1 < len(word):
            i += 1
            out.append(word[i])
        else:
            out.append(ch)
        i += 1
    return "".join(out), quoted
