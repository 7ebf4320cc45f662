"""The Dockerfile formatter: small whitespace and case edits computed from the AST.

What it does: instruction keywords (and `AS`) in one case, one space after the
keyword and between flags and words, `["a", "b"]` JSON spacing, continuation
lines indented by `indent` (deeper lines keep their extra depth; each line keeps
its own tab or space character, and a comment goes with the code below it) with
the escape character written as ` \\` where the user put it, no trailing
whitespace, at most `max_blank_lines` blank lines in a row, and a final newline.
Heredoc bodies, comments' text and each line's own line ending are left as they
are, and so is an unknown instruction (a stray shell line keeps its words).

It only ever changes whitespace BuildKit and the shell ignore: a run of whitespace
is resized only where it separates two tokens (never inside a quoted string, a
`${...}`, a flag or a word), and never where none was. Then it checks itself: the
result must parse to the same BuildKit instructions, else the instructions that
differ are left alone. A file BuildKit rejects is not touched.
"""
from __future__ import annotations

import re
from typing import Any, NamedTuple

from dockerlint._edits import apply_edits, line_ending_at
from dockerlint.rules.api import Edit
from dockerlint.syntax import buildkit, nodes
from dockerlint.syntax.lexer import GO_SPACE, _continues
from dockerlint.syntax.parser import parse
from dockerlint.syntax.span import LineIndex, Span

_BLANKS = re.compile(r"[ \t]+\Z")
_JSON_SEP = re.compile(r"[ \t]*,[ \t]*\Z")
_POSIX_SHELLS = frozenset(("sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"))


class FormatOptions(NamedTuple):
    indent: int = 4  # columns before a continuation line (a tab counts as this many)
    uppercase: bool = True  # instruction keywords upper case (False: lower case)
    max_blank_lines: int = 1  # longest run of blank lines kept
    tabs: bool | None = None  # indent with tabs (True) or spaces (False); None: as the file does


class Formatted(NamedTuple):
    edits: list[Edit]
    notes: list[str]  # what was left alone, and why: "line 3: `git` is not an instruction"


def format_text(source: str, *, options: FormatOptions | None = None) -> str:
    return apply_edits(source, format_edits(source, options))


_BINARY = re.compile("[\x00\udc80-\udcff]")  # NUL, or bytes that are not UTF-8 (`files.decode` keeps them)


def _looks_binary(source: str) -> bool:
    return _BINARY.search(source) is not None


def format_edits(source: str, options: FormatOptions | None = None) -> list[Edit]:
    """The edits that format `source`, smallest first-to-last; [] when there is nothing to do."""
    return format_file(source, options).edits


def format_file(source: str, options: FormatOptions | None = None, dockerfile: nodes.Dockerfile | None = None) -> Formatted:
    """The edits that format `source`, and notes on what was left alone because it does not parse.

    Only what parses is formatted: a file BuildKit rejects, or one that is mostly not
    instructions (Markdown, a script), is left whole; an unknown instruction (a stray shell
    line, a typo) keeps its text, case and spacing.
    """
    if _looks_binary(source):
        return Formatted([], ["not a text file: left as it is"])  # a binary file named like a Dockerfile
    df = dockerfile if dockerfile is not None else parse(source)  # the caller's parse of `source`, if it has one
    fatal = next((issue for issue in df.issues if issue.fatal), None)
    lines = LineIndex(source)
    if fatal is not None:
        line = lines.position(fatal.span.start).line
        return Formatted([], [f"line {line}: {fatal.message}: the file is left as it is"])
    skipped = {i for i, ins in enumerate(df.instructions) if isinstance(ins, (nodes.Unknown, nodes.Broken))}
    unknown = [df.instructions[i] for i in sorted(skipped)]
    if unknown and (0 in skipped or 2 * len(unknown) > len(df.instructions)):
        # Markdown, a script, notes: not a Dockerfile, whatever its name
        return Formatted([], ["not a Dockerfile (it starts with, or is mostly, lines that are no instructions): "
                              "the file is left as it is"])
    notes = [f"line {lines.position(ins.span.start).line}: `{ins.keyword.text}` is not an instruction: "
             "left as it is" for ins in unknown]
    posix = _posix(df)
    groups = [g for g in _Formatter(df, options or FormatOptions(), posix).groups() if g[0] not in skipped]
    before = _signature(df, posix)
    for _ in range(2):
        edits = [e for group in groups for e in group[1]]
        if not edits:
            return Formatted([], notes)
        after_df = parse(apply_edits(source, edits))
        if any(issue.fatal for issue in after_df.issues):
            return Formatted([], notes)
        after = _signature(after_df, posix)
        if after == before:
            return Formatted(_merge(edits), notes)
        if len(after[1]) != len(before[1]):
            return Formatted([], notes)
        broken = {i for i, (a, b) in enumerate(zip(after[1], before[1])) if a != b}
        if after[0] != before[0]:  # a parser directive appeared or went: blank lines and comments did it
            broken.add(-1)
        groups = [g for g in groups if g[0] not in broken]
    return Formatted([], notes)


def format_range(source: str, start_offset: int, end_offset: int,
                 options: FormatOptions | None = None) -> list[Edit]:
    """The formatting edits touching [start_offset, end_offset], widened to whole lines and instructions."""
    df = parse(source)
    lines = LineIndex(source)
    lo = lines.line_start(lines.position(start_offset).line)
    hi = lines.line_end(lines.position(end_offset).line)
    for ins in df.instructions:
        if ins.span.start <= hi and ins.span.end >= lo:
            lo, hi = min(lo, ins.span.start), max(hi, ins.span.end)
    return [e for e in format_edits(source, options) if _touches(e, lo, hi)]


def format_on_type(source: str, offset: int, ch: str, options: FormatOptions | None = None) -> list[Edit]:
    """Edits after typing `ch` at `offset` (the text already holds it): on a newline, format the
    line just finished and indent a continuation line."""
    if ch != "\n":
        return []
    options = options or FormatOptions()
    lines = LineIndex(source)
    line = lines.position(offset).line
    if line < 2:
        return []
    lo, hi = lines.line_start(line - 1), lines.line_end(line - 1)
    edits = [e for e in format_edits(source, options) if lo <= e.start and e.end <= hi]
    previous = LineIndex(apply_edits(source, edits)).line_text(line - 1)  # as formatted
    df = parse(source)
    if _continues(previous, df.escape) >= 0:
        lead = _lead(lines.line_text(line))
        starts_instruction = any(lines.position(i.span.start).line == line - 1 for i in df.instructions)
        width = options.indent if starts_instruction else _width(_lead(previous), options)
        want = _indentation(width, options.tabs if options.tabs is not None else _uses_tabs(source), options)
        if lead != want:
            start = lines.line_start(line)
            edits.append(Edit(start, start + len(lead), want))
    return edits


def _merge(edits: list[Edit]) -> list[Edit]:
    """Sorted, with edits that touch joined (an LSP client may reject edits sharing an end)."""
    out: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if out and out[-1].end == e.start:
            out[-1] = Edit(out[-1].start, e.end, out[-1].text + e.text)
        else:
            out.append(e)
    return out


def _touches(e: Edit, lo: int, hi: int) -> bool:
    return lo <= e.start <= hi if e.start == e.end else e.start < hi and e.end > lo


def _lead(text: str) -> str:
    return text[: len(text) - len(text.lstrip(" \t"))]


def _width(ws: str, options: FormatOptions) -> int:
    return len(ws.expandtabs(options.indent or 4))


def _indentation(width: int, tabs: bool, options: FormatOptions) -> str:
    size = options.indent or 4
    return "\t" * (width // size) + " " * (width % size) if tabs else " " * width


_INDENTED = re.compile(r"^([ \t])[ \t]*\S", re.MULTILINE)


def _uses_tabs(source: str) -> bool:
    """The file indents its lines with tabs more often than with spaces (for lines without indentation)."""
    firsts = [m.group(1) for m in _INDENTED.finditer(source)]
    return firsts.count("\t") > firsts.count(" ")


# -- computing the edits -------------------------------------------------------------


class _Formatter:
    def __init__(self, df: nodes.Dockerfile, options: FormatOptions, posix: bool) -> None:
        self.df = df
        self.source = df.source
        self.options = options
        self.lines = LineIndex(df.source)
        self.posix = posix  # shell-form commands' whitespace is understood
        count = self.lines.line_count
        self.count = count - 1 if df.source.endswith("\n") else count  # no phantom line after the last newline
        self.owner: list[int] = [-1] * (self.count + 2)  # instruction index per 1-based line, -1: none
        self.tabs = options.tabs if options.tabs is not None else _uses_tabs(df.source)

    def groups(self) -> list[tuple[int, list[Edit]]]:
        """Edits grouped by instruction index (-1: lines outside instructions)."""
        out = []
        for i, ins in enumerate(self.df.instructions):
            first = self.lines.position(ins.span.start).line
            last = self.lines.position(ins.span.end).line
            for n in range(first, last + 1):
                self.owner[n] = i
            out.append((i, self._instruction(ins, first, last)))
        out.append((-1, self._outside()))
        return out

    # -- one instruction

    def _instruction(self, ins: nodes.Instruction, first: int, last: int) -> list[Edit]:
        edits: list[Edit] = []
        chain = [ins] + ([ins.trigger] if isinstance(ins, nodes.Onbuild) and ins.trigger else [])
        for part in chain:
            self._case(part.keyword, edits)
            if isinstance(part, nodes.From) and part.as_keyword is not None:
                self._case(part.as_keyword, edits)
            cmd = getattr(part, "command", None)
            if isinstance(cmd, nodes.ExecForm):
                self._json(cmd.span, cmd.args, edits)
            if isinstance(part, nodes._ListInstruction) and part.json and part.exec_span is not None:
                self._json(part.exec_span, part.args, edits)
        heads = [s for part in chain for s in _head(part)]
        for a, b in zip(heads, heads[1:]):
            if _BLANKS.match(self.source[a.end:b.start]) and self.source[a.end:b.start] != " ":
                edits.append(Edit(a.end, b.start, " "))
        heredocs = [h for part in chain for h in getattr(part, "heredocs", ())]
        if heredocs:  # the head ends on the line before the first body
            last = self.lines.position(min(h.body.start for h in heredocs)).line - 1
        if self.lines.position(ins.keyword.span.start).line == first:
            self._lines(first, last, [s for part in chain for s in self._atoms(part)], edits)
        return edits

    def _case(self, word: nodes.Word, edits: list[Edit]) -> None:
        text = self.source[word.span.start:word.span.end]
        want = text.upper() if self.options.uppercase else text.lower()
        if word.segments is None and text == word.text and want != text:
            edits.append(Edit(word.span.start, word.span.end, want))

    def _json(self, span: Span, args: list[nodes.Word], edits: list[Edit]) -> None:
        """`[`, `"a"`, `, `, `"b"`, `]`: no space inside the brackets, one after each comma."""
        bounds = [span.start + 1] + [p for a in args for p in (a.span.start - 1, a.span.end + 1)] + [span.end - 1]
        for i in range(0, len(bounds), 2):
            start, end = bounds[i], bounds[i + 1]
            gap = self.source[start:end]
            inner = 0 < i < len(bounds) - 2
            if inner and _JSON_SEP.match(gap) and gap != ", ":
                edits.append(Edit(start, end, ", "))
            elif not inner and gap and _BLANKS.match(gap):
                edits.append(Edit(start, end, ""))

    def _atoms(self, ins: nodes.Instruction) -> list[Span]:
        """Source ranges whose whitespace matters: a continuation may only be re-spaced between them."""
        out = [ins.keyword.span] + [f.span for f in ins.flags]
        if isinstance(ins, nodes.Healthcheck) and ins.mode is not None:
            out.append(ins.mode.span)
        if isinstance(ins, nodes._CommandInstruction):
            if isinstance(ins.command, nodes.ExecForm):
                out += _json_atoms(ins.command.span, ins.command.args)
            elif isinstance(ins.command, nodes.ShellForm):
                word = ins.command.text
                if self.posix:
                    out += [word.sub_span(a, b) for a, b in _shell_runs(word.text)]
                else:
                    out.append(word.span)
        elif isinstance(ins, nodes._PairsInstruction):
            for p in ins.pairs:
                out += [p.span] if p.equals or p.value is None else [p.key.span, p.value.span]
        elif isinstance(ins, nodes._ListInstruction) and ins.json and ins.exec_span is not None:
            out += _json_atoms(ins.exec_span, ins.args)
        elif isinstance(ins, (nodes._ListInstruction, nodes.From)):
            out += [w.span for w in ins.args]
        elif isinstance(ins, nodes._TextInstruction) and ins.text is not None:
            out.append(ins.text.span)
        return out

    def _lines(self, first: int, last: int, atoms: list[Span], edits: list[Edit]) -> None:
        """Leading and trailing whitespace of an instruction's lines, and its continuations."""
        lines, escape = self.lines, self.df.escape
        kinds = {n: _kind(lines.line_text(n)) for n in range(first, last + 1)}
        content = [n for n in range(first, last + 1) if kinds[n] == "content"]
        movable: dict[int, int] = {}  # continuation line -> its indentation width
        for k, n in enumerate(content):
            start, text = lines.line_start(n), lines.line_text(n)
            lead = len(_lead(text))
            if n == first and lead:
                edits.append(Edit(start, start + lead, ""))
            cut = _continues(text, escape)
            if cut < 0:
                body = len(text.rstrip(" \t"))
                if body < len(text):
                    edits.append(Edit(start + body, start + len(text), ""))
                continue
            if cut + 1 < len(text):  # blanks after the escape character
                edits.append(Edit(start + cut + 1, start + len(text), ""))
            body = len(text[:cut].rstrip(" \t"))
            alone = body <= lead  # a line holding only the escape: its indentation is the separator
            after = content[k + 1] if k + 1 < len(content) else None
            a = start if alone else start + body
            if after is None:
                b = a
            else:
                b = lines.line_start(after) + len(_lead(lines.line_text(after)))
            if any(s.start < b and s.end > a for s in atoms):
                continue  # the line break splits a token: its whitespace is the token's
            if not alone and text[body:cut] != " ":
                edits.append(Edit(a, start + cut, " "))
            if after is not None:
                movable[after] = _width(_lead(lines.line_text(after)), self.options)
        comments = [_width(_lead(lines.line_text(n)), self.options) for n in kinds if kinds[n] == "comment"]
        base = min(movable.values() or comments or [0])
        wants: dict[int, str] = {}  # the new indentation of each content line (unmovable: its own)
        for n in content:
            lead = _lead(lines.line_text(n))
            wants[n] = self._indent(self.options.indent + max(0, _width(lead, self.options) - base), lead) \
                if n in movable else lead
        for n in range(first + 1, last + 1):
            start, text = lines.line_start(n), lines.line_text(n)
            lead = len(_lead(text))
            if kinds[n] == "blank":
                if text and not text.strip(" \t"):
                    edits.append(Edit(start, start + len(text), ""))
                continue
            if kinds[n] == "comment":
                self._strip_end(n, edits)
                # a comment goes with the code it stands above (or, at the end, below)
                code = next((m for m in content if m > n), None) or next((m for m in reversed(content) if m < n), None)
                if code is None or (code not in movable and code != first):
                    width = self.options.indent + max(0, _width(text[:lead], self.options) - base)
                else:
                    width = _width(wants[code], self.options) if code != first else self.options.indent
                want = self._indent(width, text[:lead])
            elif n not in movable:
                continue
            else:
                want = wants[n]
            if text[:lead] != want:
                edits.append(Edit(start, start + lead, want))

    def _indent(self, width: int, lead: str) -> str:
        """`width` columns in the line's own character (tab or space), else the file's."""
        tabs = self.options.tabs
        if tabs is None:
            tabs = lead.startswith("\t") if lead else self.tabs
        return _indentation(width, tabs, self.options)

    def _strip_end(self, n: int, edits: list[Edit]) -> None:
        start, text = self.lines.line_start(n), self.lines.line_text(n)
        body = len(text.rstrip(" \t"))
        if body < len(text):
            edits.append(Edit(start + body, start + len(text), ""))

    # -- lines outside instructions: comments, directives, blank lines, the end of the file

    def _outside(self) -> list[Edit]:
        edits: list[Edit] = []
        lines, count = self.lines, self.count
        run: list[int] = []
        first_instruction = self.owner.index(0) if 0 in self.owner else count
        for n in range(1, count + 2):
            kind = "end" if n > count else _kind(lines.line_text(n)) if self.owner[n] < 0 else "instruction"
            if kind == "blank":
                run.append(n)
                continue
            if run:
                self._blank_run(run, kind, edits)
                run = []
            if kind == "comment":
                self._strip_end(n, edits)
                lead = _lead(lines.line_text(n))
                if lead and n > first_instruction:  # up top, an indented `# escape=` is no directive: keep it so
                    edits.append(Edit(lines.line_start(n), lines.line_start(n) + len(lead), ""))
        if count and not self.source.endswith("\n"):
            last = max((n for n in range(1, count + 1) if _kind(lines.line_text(n)) != "blank"), default=0)
            if last == count:
                edits.append(Edit(len(self.source), len(self.source), line_ending_at(self.source, len(self.source))))
        return edits

    def _blank_run(self, run: list[int], following: str, edits: list[Edit]) -> None:
        lines = self.lines
        if following == "end":
            keep = 0
        elif run[0] == 1:  # a blank line before a comment keeps it from being read as a parser directive
            keep = 1 if following == "comment" else 0
        else:
            keep = min(len(run), max(self.options.max_blank_lines, 0))
        for n in run[:keep]:
            text = lines.line_text(n)
            if text:
                edits.append(Edit(lines.line_start(n), lines.line_start(n) + len(text), ""))
        if keep < len(run):
            end = run[-1] + 1
            stop = lines.line_start(end) if end <= lines.line_count else len(self.source)
            start = lines.line_start(run[keep])
            edits.append(Edit(start, stop, ""))


def _kind(text: str) -> str:
    stripped = text.strip(GO_SPACE)
    if not stripped:
        # a lone `\r` is what is left of a line ending on a last line without `\n`
        return "blank" if not text.strip(" \t\r") else "other"
    return "comment" if stripped.startswith("#") else "content"


def _head(ins: nodes.Instruction) -> list[Span]:
    """Keyword, flags and the first argument (every word for word lists): one space between each."""
    out = [ins.keyword.span] + [f.span for f in ins.flags]
    if isinstance(ins, (nodes.From, nodes.Expose)) or (isinstance(ins, nodes._ListInstruction) and not ins.json):
        out += [w.span for w in ins.args]  # type: ignore[attr-defined]
    elif isinstance(ins, nodes._ListInstruction) and ins.exec_span is not None:
        out.append(ins.exec_span)
    elif isinstance(ins, nodes._PairsInstruction):
        for p in ins.pairs:
            out += [p.span] if p.equals or p.value is None else [p.key.span, p.value.span]
    elif isinstance(ins, nodes.Healthcheck) and ins.mode is not None:
        out.append(ins.mode.span)
        if ins.command is not None:
            out.append(ins.command.span)
    elif isinstance(ins, nodes._CommandInstruction) and ins.command is not None:
        out.append(ins.command.span)
    elif isinstance(ins, nodes._TextInstruction) and ins.text is not None:
        out.append(ins.text.span)
    return out  # an ONBUILD's trigger follows with its own head


def _json_atoms(span: Span, args: list[nodes.Word]) -> list[Span]:
    return [Span(span.start, span.start + 1), *(Span(a.span.start - 1, a.span.end + 1) for a in args),
            Span(span.end - 1, span.end)]


def _shell_runs(text: str) -> list[tuple[int, int]]:
    """Maximal runs of a POSIX shell command line that are not free whitespace.

    Whitespace is free when the shell only splits words on it: unescaped, and outside
    quotes and `${...}` (inside `$(...)` and backquotes it splits words too).
    """
    runs: list[tuple[int, int]] = []
    stack: list[str] = []
    start = -1
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        top = stack[-1] if stack else ""
        step = 1
        free = False
        if top == "'":
            if ch == "'":
                stack.pop()
        elif ch == "\\":
            step = 2
        elif ch in " \t":
            free = not any(c in ("'", '"', "${") for c in stack)
        elif ch == '"':
            if top == '"':
                stack.pop()
            else:
                stack.append('"')
        elif ch == "'" and top != '"':
            stack.append("'")
        elif ch == "`":
            if top == "`":
                stack.pop()
            else:
                stack.append("`")
        elif ch == "$" and text[i + 1:i + 2] in ("(", "{"):
            stack.append("$" + text[i + 1])
            step = 2
        elif ch == "(" and top in ("$(", "("):
            stack.append("(")
        elif (ch == ")" and top in ("$(", "(")) or (ch == "}" and top == "${"):
            stack.pop()
        if free:
            if start >= 0:
                runs.append((start, i))
                start = -1
        elif start < 0:
            start = i
        i += step
    if start >= 0:
        runs.append((start, n))
    return runs


def _collapse(text: str) -> str:
    """A shell command line with its free whitespace runs made single spaces."""
    return " ".join(text[a:b] for a, b in _shell_runs(text))


# -- the safety check ----------------------------------------------------------------


def _posix(df: nodes.Dockerfile) -> bool:
    """Whether shell-form commands run in a POSIX shell (only then is their whitespace understood)."""
    if df.escape != "\\":
        return False  # a Windows Dockerfile: cmd or PowerShell
    for ins in df.walk():
        if isinstance(ins, nodes.Shell):
            args = ins.command.args if isinstance(ins.command, nodes.ExecForm) else []
            if not args or args[0].text.rsplit("/", 1)[-1] not in _POSIX_SHELLS:
                return False
    return True


def _signature(df: nodes.Dockerfile, posix: bool) -> tuple[Any, list[Any]]:
    """What BuildKit sees, per instruction; shell whitespace counted only where the shell sees it."""
    directives = ([(d.name.text.lower(), d.value.text) for d in df.directives], df.escape)
    out = []
    for ins in df.instructions:
        parts = []
        for part in (ins, ins.trigger if isinstance(ins, nodes.Onbuild) else None):
            if part is None:
                continue
            value = buildkit.value(part) if not isinstance(part, nodes.Onbuild) else []
            if isinstance(part, nodes.From):
                value = [w.text.lower() if w is part.as_keyword else w.text for w in part.args]
            elif posix and isinstance(getattr(part, "command", None), nodes.ShellForm) and value:
                value[-1] = _collapse(value[-1])
            parts.append((part.keyword.text.lower(), [f.text for f in part.flags], buildkit.is_json(part), value,
                          [(h.name, h.content) for h in getattr(part, "heredocs", ())]))
        out.append(parts)
    return directives, out
