"""A hand-written recursive-descent parser for POSIX sh (plus the bash
constructs common in Dockerfiles: ``[[ ]]``, ``(( ))``, ``function``,
here-strings, process substitution, ``$'...'``, arrays, ``|&``, ``&>``).

It builds the command model directly (no intermediate syntax tree) and is
tolerant: on a syntax error it records a :class:`ParseError`, skips the
offending token and goes on, so the commands around the error are still
found.
"""
from __future__ import annotations

import re

from .model import Command, ParseError, Pipeline, ShellWord
from .words import skip_balanced, unquote

_BLANK = " \t\r\f\v"
_META = set(" \t\r\f\v\n;&|()<>")
_ASSIGN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=")
_REDIR = re.compile(r"(\d+|\{[A-Za-z_][A-Za-z0-9_]*\})?(<<<|<<-|<<|<>|<&|>&|>>|>\||<|>)|&>>|&>")
_CLOSERS = {"}", "then", "fi", "do", "done", "esac", "elif", "else", "]]"}
_OPS = ("&&", "||", ";;&", ";;", ";&", "|&", ";", "&", "|", "(", ")")

# token kinds
WORD, OP, REDIR, NL, EOF = "word", "op", "redir", "nl", "eof"


class _Tok:
    __slots__ = ("kind", "start", "end", "text")

    def __init__(self, kind: str, start: int, end: int, text: str) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text

    def __repr__(self) -> str:  # pragma: no cover
        return f"<{self.kind} {self.text!r}@{self.start}>"


class RDParser:
    """Parse ``text`` into a flat command list.  Use :meth:`run`."""

    def __init__(self, text: str, *, max_depth: int = 60) -> None:
        self.t = text
        self.n = len(text)
        self.pos = 0
        self.commands: list[Command] = []
        self.depths: list[int] = []
        self.pipelines: list[Pipeline] = []
        self.errors: list[ParseError] = []
        self.heredocs: list[tuple[str, bool, list[tuple[int, int]]]] = []
        self.ctx: list[str] = []
        self.subst = 0
        self.max_depth = max_depth
        self.depth = 0
        self._words: dict[int, _Tok] = {}

    # ------------------------------------------------------------------ api
    def run(self) -> RDParser:
        while True:
            self.compound_list()
            tok = self.peek()
            if tok.kind == EOF:
                break
            self.error(f"unexpected {tok.text!r}", tok.start, tok.end)
            self.pos = max(tok.end, self.pos + 1)
        return self

    def error(self, message: str, start: int, end: int) -> None:
        self.errors.append(ParseError(message, start, max(start, min(end, self.n))))

    # -------------------------------------------------------------- lexing
    def _skip_blanks(self, i: int) -> int:
        t, n = self.t, self.n
        while i < n:
            c = t[i]
            if c in _BLANK:
                i += 1
            elif c == "\\" and i + 1 < n and t[i + 1] == "\n":
                i += 2
            elif c == "#":
                j = t.find("\n", i)
                i = n if j < 0 else j
            else:
                break
        return i

    def peek(self) -> _Tok:
        i = self._skip_blanks(self.pos)
        cached = self._words.get(i)
        if cached is not None:
            return cached
        t, n = self.t, self.n
        if i >= n:
            return _Tok(EOF, n, n, "end of script")
        c = t[i]
        if c == "\n":
            return _Tok(NL, i, i + 1, "\n")
        if c in "<>" and i + 1 < n and t[i + 1] == "(":
            return self._word(i)
        if c in "0123456789<>&{":
            m = _REDIR.match(t, i)
            if m:
                return _Tok(REDIR, i, m.end(), m.group(0))
        if c in ";&|()":
            for op in _OPS:
                if t.startswith(op, i):
                    return _Tok(OP, i, i + len(op), op)
        return self._word(i)

    def _word(self, i: int) -> _Tok:
        end = self._scan_word(i)
        if end <= i:  # safety: always make progress
            end = i + 1
        tok = _Tok(WORD, i, end, self.t[i:end])
        self._words[i] = tok
        return tok

    def consume(self, tok: _Tok) -> None:
        self.pos = tok.end
        if tok.kind == NL and self.heredocs:
            self._read_heredocs()

    def _read_heredocs(self) -> None:
        t, n = self.t, self.n
        pending, self.heredocs = self.heredocs, []
        for delim, strip, bodies in pending:
            body_start = self.pos
            while True:
                if self.pos >= n:
                    # bash only warns: here-document delimited by end-of-file
                    bodies.append((body_start, n))
                    break
                j = t.find("\n", self.pos)
                line_end = n if j < 0 else j
                line = t[self.pos:line_end]
                nxt = n if j < 0 else j + 1
                check = line.lstrip("\t") if strip else line
                if check.rstrip("\r") == delim:
                    bodies.append((body_start, self.pos))
                    self.pos = nxt
                    break
                self.pos = nxt

    def _scan_word(self, start: int) -> int:
        t, n = self.t, self.n
        i = start
        if t[i] in "<>":  # process substitution <( ) / >( )
            i = self._subparse(i + 2, start)
        while i < n:
            c = t[i]
            if c in _META:
                if c == "(" and i > start:
                    prev = t[i - 1]
                    if prev in "@!?*+" or (prev == "=" and _ASSIGN.fullmatch(t, start, i)):
                        i = skip_balanced(t, i + 1, "(", ")")
                        continue
                if c in "<>" and i + 1 < n and t[i + 1] == "(" and i > start:
                    # bash allows cmd <(x) only as its own word; inside a
                    # word it is still a process substitution
                    i = self._subparse(i + 2, i)
                    continue
                break
            if c == "\\":
                i += 2
            elif c == "'":
                j = t.find("'", i + 1)
                if j < 0:
                    self.error("unterminated single quote", i, n)
                    return n
                i = j + 1
            elif c == '"':
                i = self._scan_dquote(i + 1, i)
            elif c == "`":
                i = self._scan_backtick(i + 1, i)
            elif c == "$" and i + 1 < n:
                d = t[i + 1]
                if d == "(":
                    if i + 2 < n and t[i + 2] == "(":
                        end = skip_balanced(t, i + 3, "(", ")")
                        if end < n and t[end] == ")" or end <= n and t[end - 1:end + 1] == "))":
                            i = skip_balanced(t, i + 2, "(", ")")
                            continue
                    i = self._subparse(i + 2, i)
                elif d == "{":
                    end = skip_balanced(t, i + 2, "{", "}")
                    if end >= n and not t.endswith("}"):
                        self.error("unterminated ${", i, n)
                    i = end
                elif d == "'":
                    i = self._scan_ansi(i + 2, i)
                else:
                    i += 1
            else:
                i += 1
        return min(i, n)

    def _scan_ansi(self, i: int, open_at: int) -> int:
        t, n = self.t, self.n
        while i < n:
            c = t[i]
            if c == "\\":
                i += 2
            elif c == "'":
                return i + 1
            else:
                i += 1
        self.error("unterminated $'", open_at, n)
        return n

    def _scan_dquote(self, i: int, open_at: int) -> int:
        t, n = self.t, self.n
        while i < n:
            c = t[i]
            if c == "\\":
                i += 2
            elif c == '"':
                return i + 1
            elif c == "`":
                i = self._scan_backtick(i + 1, i)
            elif c == "$" and i + 1 < n and t[i + 1] == "(":
                if i + 2 < n and t[i + 2] == "(":
                    i = skip_balanced(t, i + 2, "(", ")")
                else:
                    i = self._subparse(i + 2, i)
            elif c == "$" and i + 1 < n and t[i + 1] == "{":
                i = skip_balanced(t, i + 2, "{", "}")
            else:
                i += 1
        self.error("unterminated double quote", open_at, n)
        return n

    def _scan_backtick(self, i: int, open_at: int) -> int:
        t, n = self.t, self.n
        j = i
        while j < n:
            c = t[j]
            if c == "\\":
                j += 2
            elif c == "`":
                break
            else:
                j += 1
        if j >= n:
            self.error("unterminated backquote", open_at, n)
            return n
        inner = t[i:j]
        if inner.strip() and self.depth < self.max_depth:
            sub = RDParser(inner, max_depth=self.max_depth - self.depth - 1)
            sub.ctx = self.ctx + ["substitution"]
            sub.run()
            for cmd, d in zip(sub.commands, sub.depths):
                _shift_command(cmd, i, t)
                self.commands.append(cmd)
                self.depths.append(self.subst + 1 + d)
            for p in sub.pipelines:
                p.start += i
                p.end += i
                self.pipelines.append(p)
            for e in sub.errors:
                self.errors.append(ParseError(e.message, e.start + i, e.end + i))
        return j + 1

    def _subparse(self, i: int, open_at: int) -> int:
        """Parse a ``$( ... )`` / ``<( ... )`` body starting at ``i``;
        returns the index after the closing parenthesis."""
        if self.depth >= self.max_depth:
            self.error("nesting too deep", open_at, self.n)
            return skip_balanced(self.t, i, "(", ")")
        saved_pos, saved_hd = self.pos, self.heredocs
        self.pos, self.heredocs = i, []
        self.depth += 1
        self.subst += 1
        self.ctx.append("substitution")
        try:
            self.compound_list()
            tok = self.peek()
            while tok.kind != EOF and not (tok.kind == OP and tok.text == ")"):
                self.error(f"unexpected {tok.text!r} in command substitution", tok.start, tok.end)
                self.pos = max(tok.end, self.pos + 1)
                self.compound_list()
                tok = self.peek()
            if tok.kind == EOF:
                self.error("unterminated command substitution", open_at, self.n)
                end = self.n
            else:
                end = tok.end
        finally:
            self.ctx.pop()
            self.subst -= 1
            self.depth -= 1
            self.pos, self.heredocs = saved_pos, saved_hd
        return end

    # ------------------------------------------------------------- grammar
    def _is_word(self, tok: _Tok, *texts: str) -> bool:
        return tok.kind == WORD and tok.text in texts

    def _linebreak(self) -> None:
        tok = self.peek()
        while tok.kind == NL:
            self.consume(tok)
            tok = self.peek()

    def _expect_word(self, text: str, opened: _Tok) -> bool:
        self._linebreak()
        tok = self.peek()
        if self._is_word(tok, text):
            self.consume(tok)
            return True
        self.error(f"expected {text!r} to close {opened.text!r} (found {tok.text!r})", opened.start, tok.end)
        return False

    def _link(self, first: Command | None, op: str | None, prev: Command | None) -> None:
        if first is not None and first.connector is None and op is not None:
            first.connector = op
            first.previous = prev

    def compound_list(self) -> list[Command]:
        """Parse and-or lists separated by ``;``, ``&`` and newlines, up to a
        token that cannot start a command."""
        out: list[Command] = []
        sep: str | None = None
        prev: Command | None = None
        had_item = False
        while True:
            tok = self.peek()
            if tok.kind == NL:
                self.consume(tok)
                if sep is None and had_item:
                    sep = "\n"
                continue
            if tok.kind == OP and tok.text in (";", "&"):
                if not had_item or sep in (";", "&"):
                    self.error(f"unexpected {tok.text!r}", tok.start, tok.end)
                self.consume(tok)
                sep = tok.text
                continue
            if tok.kind == EOF or (tok.kind == WORD and tok.text in _CLOSERS):
                break
            if tok.kind == OP and tok.text not in ("(",):
                break
            if had_item and sep is None:
                # two commands without a separator: `a ) b` style garbage
                self.error(f"unexpected {tok.text!r}", tok.start, tok.end)
            item = self.and_or()
            if item is None:
                break
            if item:
                self._link(item[0], sep if had_item else None, prev)
                prev = item[-1]
                out.extend(item)
            had_item = True
            sep = None
        return out

    def and_or(self) -> list[Command] | None:
        first = self.pipeline()
        if first is None:
            return None
        out = list(first)
        last = out[-1] if out else None
        while True:
            tok = self.peek()
            if not (tok.kind == OP and tok.text in ("&&", "||")):
                break
            self.consume(tok)
            self._linebreak()
            nxt = self.pipeline()
            if nxt is None:
                nt = self.peek()
                self.error(f"expected a command after {tok.text!r}", tok.start, nt.end)
                break
            if nxt:
                self._link(nxt[0], tok.text, last)
                last = nxt[-1]
                out.extend(nxt)
        return out

    def pipeline(self) -> list[Command] | None:
        tok = self.peek()
        negated = False
        start = tok.start
        if self._is_word(tok, "!"):
            self.consume(tok)
            negated = True
        stage = self.command()
        if stage is None:
            if negated:
                self.error("expected a command after '!'", tok.start, tok.end)
                return []
            return None
        stages = [stage]
        while True:
            tok = self.peek()
            if not (tok.kind == OP and tok.text in ("|", "|&")):
                break
            self.consume(tok)
            self._linebreak()
            nxt = self.command()
            if nxt is None:
                nt = self.peek()
                self.error(f"expected a command after {tok.text!r}", tok.start, nt.end)
                break
            prev_stage = stages[-1]
            self._link(nxt[0] if nxt else None, tok.text, prev_stage[-1] if prev_stage else None)
            stages.append(nxt)
        out = [c for s in stages for c in s]
        if negated:
            for c in out:
                c.negated = True
        if len(stages) > 1:
            p = Pipeline(start=start, end=self.pos, stages=[list(s) for s in stages], negated=negated)
            for k, s in enumerate(stages):
                for c in s:
                    if c.pipeline is None:
                        c.pipeline = p
                        c.pipeline_position = k
            self.pipelines.append(p)
        return out

    def _mark(self) -> int:
        return len(self.commands)

    def _structural(self, mark: int) -> list[Command]:
        return [c for c, d in zip(self.commands[mark:], self.depths[mark:]) if d == self.subst]

    def command(self) -> list[Command] | None:
        tok = self.peek()
        if self.depth >= self.max_depth:
            self.error("nesting too deep", tok.start, self.n)
            self.pos = self.n
            return []
        if tok.kind == OP:
            if tok.text != "(":
                return None
            if self.t.startswith("((", tok.start):
                end = skip_balanced(self.t, tok.start + 1, "(", ")")
                self.pos = end
                self._redirects()
                return []
            return self._compound(tok, "subshell", self._subshell)
        if tok.kind == WORD:
            w = tok.text
            if w in _CLOSERS:
                return None
            handler = {
                "{": self._group, "if": self._if, "while": self._while, "until": self._while,
                "for": self._for, "select": self._for, "case": self._case,
                "[[": self._dbracket, "function": self._function,
            }.get(w)
            if handler is not None:
                ctx = {"{": "group", "if": "if", "while": "loop", "until": "loop", "for": "loop",
                       "select": "loop", "case": "case", "[[": "test", "function": "function"}[w]
                return self._compound(tok, ctx, handler)
        if tok.kind in (WORD, REDIR):
            return self.simple_command()
        return None

    def _compound(self, tok: _Tok, ctx: str, handler) -> list[Command]:
        mark = self._mark()
        self.ctx.append(ctx)
        self.depth += 1
        try:
            handler(tok)
        finally:
            self.depth -= 1
            self.ctx.pop()
        self._redirects()
        return self._structural(mark)

    def _redirects(self) -> list[tuple[str, ShellWord | None]]:
        out = []
        bodies: list[tuple[int, int]] = []
        while True:
            tok = self.peek()
            if tok.kind != REDIR:
                return out
            out.append(self._redirect(tok, bodies))

    def _redirect(self, tok: _Tok, bodies: list[tuple[int, int]]) -> tuple[str, ShellWord | None]:
        self.consume(tok)
        target = self.peek()
        if target.kind != WORD:
            self.error(f"expected a word after {tok.text!r}", tok.start, target.end)
            return tok.text, None
        self.consume(target)
        if tok.text.endswith(("<<", "<<-")):
            delim = unquote(target.text)
            if delim is None:
                delim = target.text
            self.heredocs.append((delim, tok.text.endswith("-"), bodies))
        return tok.text, ShellWord(target.text, target.start, target.end)

    def _subshell(self, tok: _Tok) -> None:
        self.consume(tok)
        self.compound_list()
        nt = self.peek()
        if nt.kind == OP and nt.text == ")":
            self.consume(nt)
        else:
            self.error(f"expected ')' to close subshell (found {nt.text!r})", tok.start, nt.end)

    def _group(self, tok: _Tok) -> None:
        self.consume(tok)
        self.compound_list()
        self._expect_word("}", tok)

    def _if(self, tok: _Tok) -> None:
        self.consume(tok)
        self.ctx.append("condition")
        self.compound_list()
        self.ctx.pop()
        if not self._expect_word("then", tok):
            return
        self.compound_list()
        while True:
            nt = self.peek()
            if self._is_word(nt, "elif"):
                self.consume(nt)
                self.ctx.append("condition")
                self.compound_list()
                self.ctx.pop()
                if not self._expect_word("then", nt):
                    return
                self.compound_list()
            elif self._is_word(nt, "else"):
                self.consume(nt)
                self.compound_list()
            else:
                break
        self._expect_word("fi", tok)

    def _while(self, tok: _Tok) -> None:
        self.consume(tok)
        self.ctx.append("condition")
        self.compound_list()
        self.ctx.pop()
        self._do_group(tok)

    def _do_group(self, tok: _Tok) -> None:
        self._linebreak()
        nt = self.peek()
        if self._is_word(nt, "{"):  # bash: for x in y; { ...; }
            self.consume(nt)
            self.compound_list()
            self._expect_word("}", nt)
            return
        if not self._expect_word("do", tok):
            return
        self.compound_list()
        self._expect_word("done", tok)

    def _for(self, tok: _Tok) -> None:
        self.consume(tok)
        nt = self.peek()
        if nt.kind == OP and nt.text == "(" and self.t.startswith("((", nt.start):
            self.pos = skip_balanced(self.t, nt.start + 1, "(", ")")
        elif nt.kind == WORD:
            self.consume(nt)
            self._linebreak()
            nt = self.peek()
            if self._is_word(nt, "in"):
                self.consume(nt)
                while True:
                    nt = self.peek()
                    if nt.kind != WORD:
                        break
                    self.consume(nt)
        else:
            self.error(f"expected a name after {tok.text!r}", tok.start, nt.end)
        nt = self.peek()
        if nt.kind == OP and nt.text == ";" or nt.kind == NL:
            self.consume(nt)
        self._do_group(tok)

    def _case(self, tok: _Tok) -> None:
        self.consume(tok)
        nt = self.peek()
        if nt.kind != WORD:
            self.error("expected a word after 'case'", tok.start, nt.end)
            return
        self.consume(nt)
        if not self._expect_word("in", tok):
            return
        while True:
            self._linebreak()
            nt = self.peek()
            if self._is_word(nt, "esac"):
                self.consume(nt)
                return
            if nt.kind == EOF:
                self.error("expected 'esac' to close 'case'", tok.start, nt.end)
                return
            if nt.kind == OP and nt.text == "(":
                self.consume(nt)
                nt = self.peek()
            # patterns: word ( '|' word )* ')'
            while True:
                if nt.kind != WORD:
                    self.error(f"expected a case pattern (found {nt.text!r})", nt.start, nt.end)
                    self.pos = max(nt.end, self.pos + 1) if nt.kind != EOF else self.pos
                    if nt.kind == EOF:
                        return
                    break
                self.consume(nt)
                nt = self.peek()
                if nt.kind == OP and nt.text == "|":
                    self.consume(nt)
                    nt = self.peek()
                    continue
                if nt.kind == OP and nt.text == ")":
                    self.consume(nt)
                else:
                    self.error(f"expected ')' after case pattern (found {nt.text!r})", nt.start, nt.end)
                break
            self.compound_list()
            nt = self.peek()
            if nt.kind == OP and nt.text in (";;", ";&", ";;&"):
                self.consume(nt)
            elif not self._is_word(nt, "esac"):
                self.error(f"expected ';;' or 'esac' (found {nt.text!r})", nt.start, nt.end)
                if nt.kind == EOF:
                    return
                self.pos = max(nt.end, self.pos + 1)

    def _dbracket(self, tok: _Tok) -> None:
        self.consume(tok)
        while True:
            nt = self.peek()
            if nt.kind == EOF:
                self.error("expected ']]' to close '[['", tok.start, nt.end)
                return
            self.consume(nt)
            if self._is_word(nt, "]]"):
                return

    def _function(self, tok: _Tok) -> None:
        self.consume(tok)
        nt = self.peek()
        if nt.kind != WORD:
            self.error("expected a function name", tok.start, nt.end)
            return
        self.consume(nt)
        self._function_body(tok)

    def _function_body(self, tok: _Tok) -> None:
        nt = self.peek()
        if nt.kind == OP and nt.text == "(":
            self.consume(nt)
            nt = self.peek()
            if nt.kind == OP and nt.text == ")":
                self.consume(nt)
            else:
                self.error("expected ')' in function definition", tok.start, nt.end)
        self._linebreak()
        body = self.command()
        if body is None:
            nt = self.peek()
            self.error("expected a function body", tok.start, nt.end)

    def simple_command(self) -> list[Command]:
        words: list[ShellWord] = []
        assigns: list[ShellWord] = []
        redirects: list[tuple[str, ShellWord | None]] = []
        bodies: list[tuple[int, int]] = []
        start = self.peek().start
        end = start
        while True:
            tok = self.peek()
            if tok.kind == REDIR:
                redirects.append(self._redirect(tok, bodies))
                end = self.pos
                continue
            if tok.kind != WORD:
                break
            if not words and tok.text in _CLOSERS and (assigns or redirects):
                break
            self.consume(tok)
            end = tok.end
            w = ShellWord(tok.text, tok.start, tok.end)
            if not words and _ASSIGN.match(tok.text):
                assigns.append(w)
                continue
            words.append(w)
            if len(words) == 1 and not assigns:
                nt = self.peek()
                if nt.kind == OP and nt.text == "(":
                    # name () compound-command
                    depth_mark = self._mark()
                    self.ctx.append("function")
                    self.depth += 1
                    try:
                        self._function_body(tok)
                    finally:
                        self.depth -= 1
                        self.ctx.pop()
                    self._redirects()
                    return self._structural(depth_mark)
        if not words and not assigns:
            return []
        cmd = Command(words=words, assignments=assigns, start=start, end=end,
                      context=tuple(self.ctx), redirects=redirects, heredocs=bodies)
        # commands of substitutions inside the words were appended first;
        # keep the list in source order of start offsets
        self.commands.append(cmd)
        self.depths.append(self.subst)
        return [cmd]


def _shift_command(cmd: Command, delta: int, outer: str) -> None:
    cmd.start += delta
    cmd.end += delta
    for w in cmd.words + cmd.assignments:
        w.start += delta
        w.end += delta
    for _, w in cmd.redirects:
        if w is not None:
            w.start += delta
            w.end += delta
