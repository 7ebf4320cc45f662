"""Re-parse after an edit, lexing and parsing only the instructions the edit touches.

Between two instructions the lexer carries no state but the escape character, which
the directives at the top fix. So lexing can restart at the line of the instruction
holding the edit and stop at the first line past the edit where the old text was
between instructions too: from there on the old and new texts are the same and so
are their parses, up to the length the edit added or removed. The instructions
before the edit are kept as they are, those after it copied with shifted spans.
The result equals `parse(source)` (tests compare the two on random edits).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

from dockerlint.syntax.lexer import Lexer
from dockerlint.syntax.nodes import Dockerfile, Instruction, Node
from dockerlint.syntax.parser import TOO_DEEP, broken_issues, parse, parse_instructions
from dockerlint.syntax.span import Span


def reparse(old: Dockerfile, source: str) -> Dockerfile:
    """The parse of `source`, reusing `old` (the parse of an earlier version of it)."""
    before = old.source
    if source == before:
        return old
    instructions = old.instructions
    start = _common_prefix(before, source)
    tail = _common_suffix(before, source, min(len(before), len(source)) - start)
    old_end, new_end = len(before) - tail, len(source) - tail
    # An edit up to the end of the first instruction may add, remove or change a
    # parser directive, which changes how everything else lexes.
    if not instructions or start <= instructions[0].span.end + 1 or any(i.message == TOO_DEEP for i in old.issues):
        return parse(source)
    delta = new_end - old_end
    starts = [ins.span.start for ins in instructions]
    first = bisect_right(starts, start) - 1  # the instruction holding (or preceding) the edit
    lexer = Lexer(source)
    lexer.escape = old.escape
    lexer._directives_done = True
    line_starts = lexer._starts
    # The line where that instruction starts (the same in both texts: it is before the edit).
    window_start = source.rfind("\n", 0, instructions[first].span.start) + 1
    first_line = bisect_left(line_starts, window_start)  # len(line_starts) when the edit cut the text there
    resume = [len(instructions)]  # the old instruction the new parse continues with

    def stop(line: int) -> bool:
        at = line_starts[line]
        if at < new_end or (at and source[at - 1] != "\n"):
            return False
        was = at - delta  # the same place in the old text, which must start a line there too
        if was and before[was - 1] != "\n":
            return False
        j = bisect_left(starts, was)
        if j and instructions[j - 1].span.end >= was:
            return False  # the old text was inside an instruction here
        resume[0] = j
        return True

    window: list[Instruction] = []
    try:
        parse_instructions(lexer.tokens(first_line, stop), window)
    except RecursionError:
        return parse(source)
    if lexer.stopped_at is None:
        resume[0] = len(instructions)
        old_resume = len(before) + 1
    else:
        old_resume = line_starts[lexer.stopped_at] - delta
    kept = instructions[: bisect_left(starts, window_start)]
    comments = [c for c in old.comments if c.span.start < window_start]
    comments += lexer.comments
    comments += [shift(c, delta) for c in old.comments if c.span.start >= old_resume]
    issues = [i for i in old.issues if i.span.start < window_start]
    issues += sorted(lexer.issues + broken_issues(window), key=_start)
    issues += [shift(i, delta) for i in old.issues if i.span.start >= old_resume]
    issues.sort(key=_start)
    rest = [shift(ins, delta) for ins in instructions[resume[0]:]] if delta else instructions[resume[0]:]
    return Dockerfile(source, kept + window + rest, comments, old.directives, issues, old.escape)


def _start(node: Any) -> int:
    return node.span.start


def shift(value: Any, delta: int) -> Any:
    """A copy of a node with every offset moved by `delta`."""
    kind = type(value)
    if kind is Span:
        return _new_span(Span, (value[0] + delta, value[1] + delta))
    if kind is list:
        return [shift(v, delta) for v in value]
    if kind is tuple:  # Word.segments: (logical offset, source offset) pairs
        return tuple((logical, at + delta) for logical, at in value)
    if isinstance(value, Node):
        copy = _new_node(kind)
        for name in kind._fields:
            v = getattr(value, name)
            t = type(v)
            if t is Span:  # the common leaves inline: this runs for every word after an edit
                v = _new_span(Span, (v[0] + delta, v[1] + delta))
            elif v is not None and t is not str and t is not bool:
                v = shift(v, delta)
            _set(copy, name, v)
        return copy
    return value  # int (a heredoc's fd)


_new_span = tuple.__new__
_new_node = object.__new__
_set = object.__setattr__


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by halving: each comparison runs at C speed."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the common suffix, at most `limit` (so it never overlaps the common prefix)."""
    lo, hi = 0, limit
    la, lb = len(a), len(b)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[la - mid : la - lo] == b[lb - mid : lb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo
