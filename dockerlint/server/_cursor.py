"""Where a cursor is in a Dockerfile: in a directive, a comment, an instruction's keyword,
its flags or arguments, or a heredoc body; and the word being typed there.

Pure and cheap: it reads the cached parse, finds the instruction around the offset with
a bisection and scans only that instruction's text, so completion and signature help
stay fast on long files. Continuation lines (and the comment lines BuildKit drops inside
them) are read as BuildKit reads them.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from dockerlint.syntax import nodes

DIRECTIVE = "directive"
COMMENT = "comment"
KEYWORD = "keyword"
ARGUMENTS = "arguments"
HEREDOC = "heredoc"

_DIRECTIVE_LINE = re.compile(r"\s*#\s*[A-Za-z]+\s*=")


class Token(NamedTuple):
    text: str  # logical text (continuations removed)
    start: int  # source offset of its first character


class Cursor(NamedTuple):
    kind: str
    offset: int
    instruction: nodes.Instruction | None  # ONBUILD's trigger when the cursor is in it
    keyword: str  # upper-case keyword of `instruction` as typed ("" outside instructions)
    tokens: tuple[Token, ...]  # the complete words after the keyword, before the cursor
    prefix: str  # the part of the current word before the cursor
    start: int  # source offset where `prefix` starts (a completion replaces start..offset)
    onbuild: bool  # inside an ONBUILD (its trigger keyword or arguments)

    @property
    def flags_done(self) -> bool:
        """Whether an argument that is not a flag came before the cursor (so flags are over)."""
        return any(not t.text.startswith("--") for t in self.tokens)


def locate(df: nodes.Dockerfile, offset: int) -> Cursor:
    source = df.source
    offset = max(0, min(offset, len(source)))
    line_start = source.rfind("\n", 0, offset) + 1
    ins = instruction_at(df, offset)
    if ins is None:
        before = source[line_start:offset]
        stripped = before.lstrip()
        if stripped.startswith("#"):
            top = not any(i.span.start < offset for i in df.instructions) and all(
                _DIRECTIVE_LINE.match(line) for line in source[:line_start].splitlines())
            body = stripped[1:].lstrip()
            return Cursor(DIRECTIVE if top else COMMENT, offset, None, "", (), body, offset - len(body), False)
        prefix = stripped if not any(c.isspace() for c in stripped) else ""
        return Cursor(KEYWORD, offset, None, "", (), prefix, offset - len(prefix), False)
    for heredoc in getattr(ins, "heredocs", ()):
        if heredoc.body.start <= offset <= heredoc.body.end and offset > heredoc.marker.span.end:
            word = _tail_word(source[source.rfind("\n", 0, offset) + 1:offset])
            return Cursor(HEREDOC, offset, ins, ins.keyword.text.upper(), (), word, offset - len(word), False)
    tokens = _tokens(source, ins.span.start, offset, df.escape)
    onbuild = isinstance(ins, nodes.Onbuild)
    if onbuild:
        tokens = tokens[1:]
        ins = ins.trigger if ins.trigger is not None else ins
    ends_in_space = offset > 0 and source[offset - 1].isspace()
    if not tokens or (len(tokens) == 1 and not ends_in_space):
        prefix = tokens[0].text if tokens else ""
        start = tokens[0].start if tokens else offset
        return Cursor(KEYWORD, offset, None if onbuild and not tokens else ins, "", (), prefix, start, onbuild)
    keyword = tokens[0].text.upper()
    args = tokens[1:]
    if ends_in_space:
        return Cursor(ARGUMENTS, offset, ins, keyword, tuple(args), "", offset, onbuild)
    last = args[-1]
    return Cursor(ARGUMENTS, offset, ins, keyword, tuple(args[:-1]), last.text, last.start, onbuild)


def instruction_at(df: nodes.Dockerfile, offset: int) -> nodes.Instruction | None:
    """The instruction the cursor is in: within its span, or after it on a line it continues onto."""
    instructions = df.instructions
    i = bisect_right([ins.span.start for ins in instructions], offset) - 1
    if i < 0:
        return None
    ins = instructions[i]
    if offset <= ins.span.end:
        return ins
    end = ins.span.end
    while end > ins.span.start and df.source[end - 1] in " \t":
        end -= 1
    if end > ins.span.start and df.source[end - 1] == df.escape:
        end -= 1  # the span may end after the line's continuation escape
    return ins if _continues(df.source, end, offset, df.escape) else None


def _continues(source: str, end: int, offset: int, escape: str) -> bool:
    """Whether source[end:offset] is blank, or blank lines joined by line continuations."""
    i = end
    while i < offset:
        ch = source[i]
        if ch == escape:
            j = i + 1
            while j < len(source) and source[j] in " \t":
                j += 1
            if j < len(source) and source[j] == "\r":
                j += 1
            if j < len(source) and source[j] == "\n":
                i = j + 1
                continue
            return False
        if ch == "\n" or not ch.isspace():
            return False
        i += 1
    return True


def _tokens(source: str, start: int, offset: int, escape: str) -> list[Token]:
    """The instruction's words up to the cursor, split on unquoted blanks, continuations removed."""
    tokens: list[Token] = []
    chars: list[str] = []
    word_start = -1
    quote = ""
    i = start
    line_start = True
    while i < offset:
        ch = source[i]
        if line_start and i > start:
            j = i
            while j < offset and source[j] in " \t":
                j += 1
            if j < offset and source[j] == "#":  # a comment line inside a continuation: BuildKit drops it
                nl = source.find("\n", j, offset)
                if nl < 0:
                    break
                i = nl + 1
                continue
        line_start = False
        if ch == escape and not quote == "'":
            j = i + 1
            while j < offset and source[j] in " \t":
                j += 1
            if j < offset and source[j] == "\r":
                j += 1
            if j < offset and source[j] == "\n":
                i = j + 1
                line_start = True
                continue
            if j >= offset and i + 1 == offset:
                break  # the escape itself is the last character typed
        if ch.isspace() and not quote:
            if chars:
                tokens.append(Token("".join(chars), word_start))
                chars = []
            i += 1
            continue
        if ch in "\"'" and (not quote or quote == ch):
            quote = "" if quote else ch
        if not chars:
            word_start = i
        chars.append(ch)
        i += 1
    if chars:
        tokens.append(Token("".join(chars), word_start))
    return tokens


def _tail_word(text: str) -> str:
    i = len(text)
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return text[i:]


def variable_prefix(prefix: str) -> tuple[str, bool] | None:
    """For a word ending in `$NA` or `${NA`: (the partial name, braced); None when not typing a variable."""
    i = prefix.rfind("$")
    if i < 0:
        return None
    rest = prefix[i + 1:]
    braced = rest.startswith("{")
    name = rest[1:] if braced else rest
    if all(c.isalnum() or c == "_" for c in name):
        return name, braced
    return None


def stages_before(df: nodes.Dockerfile, offset: int) -> list[nodes.From]:
    return [ins for ins in df.instructions if isinstance(ins, nodes.From) and ins.span.start < offset]
