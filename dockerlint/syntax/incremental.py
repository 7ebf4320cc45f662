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
    from typing import Any, Iterator

from dockerlint.syntax.lexer import Lexer
from dockerlint.syntax.nodes import Dockerfile, From, Instruction, Node
from dockerlint.syntax.parser import TOO_DEEP, broken_issues, parse, parse_instructions
from dockerlint.syntax.span import Span, edited_line_starts


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
    edited_line_starts(before, source, start, old_end, new_end)
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
    # comments come in text order: slice them where the window starts and where parsing resumed
    old_comments = old.comments
    comments = old_comments[: bisect_left(old_comments, window_start, key=_start)]
    comments += lexer.comments
    after = old_comments[bisect_left(old_comments, old_resume, key=_start):]
    comments += shift(after, delta) if delta else after
    issues = [i for i in old.issues if i.span.start < window_start]
    issues += sorted(lexer.issues + broken_issues(window), key=_start)
    issues += [shift(i, delta) for i in old.issues if i.span.start >= old_resume]
    issues.sort(key=_start)
    rest = [shift(ins, delta) for ins in instructions[resume[0]:]] if delta else instructions[resume[0]:]
    return Dockerfile(source, kept + window + rest, comments, old.directives, issues, old.escape)


def _start(node: Any) -> int:
    return node.span.start


def shift(value: Any, delta: int) -> Any:
    """A copy of a node (or list of nodes) with every offset moved by `delta`."""
    if type(value) is list:
        return [_SHIFTERS[type(v)](v, delta) for v in value]
    return _SHIFTERS[type(value)](value, delta)


def _shifter(cls: type) -> Any:
    """A function copying instances of a node class with moved offsets, generated from the
    class's field annotations: ~10,000 nodes follow a typical edit."""
    annotations: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        annotations.update(klass.__dict__.get("__annotations__", {}))
    lines = [f"def shift_{cls.__name__}(v, d):", "    c = new(cls)"]
    for name in cls._fields:
        kind = str(annotations[name])
        if kind in ("str", "bool", "int | None"):
            code = f"v.{name}"
        elif kind == "Span":
            code = f"span(Span, (v.{name}[0] + d, v.{name}[1] + d))"
        elif kind == "Span | None":
            code = f"None if v.{name} is None else span(Span, (v.{name}[0] + d, v.{name}[1] + d))"
        elif kind.startswith("tuple["):  # Word.segments: (logical offset, source offset) pairs
            code = f"None if v.{name} is None else tuple((a, b + d) for a, b in v.{name})"
        elif kind.startswith("list["):
            code = f"[shifters[type(x)](x, d) for x in v.{name}]"
        else:
            code = f"None if v.{name} is None else shifters[type(v.{name})](v.{name}, d)"
        lines.append(f"    c.{name} = {code}")
    if cls is From:  # image, AS and the stage name are also items of args: keep them shared
        lines.append("    share(v, c)")
    lines.append("    return c")
    scope = {"new": object.__new__, "cls": cls, "span": tuple.__new__, "Span": Span, "shifters": _SHIFTERS,
             "share": _share_from_args}
    exec("\n".join(lines), scope)
    return scope[f"shift_{cls.__name__}"]


def _share_from_args(old: From, new: From) -> None:
    for name in ("image", "as_keyword", "stage_name"):
        word = getattr(old, name)
        if word is not None:
            for before, after in zip(old.args, new.args):
                if before is word:
                    setattr(new, name, after)


def _classes(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _classes(sub)


# Made when the module is imported (the language server's start-up), not on the first edit.
_SHIFTERS: dict[type, Any] = {}
_SHIFTERS.update((cls, _shifter(cls)) for cls in _classes(Node))


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
