"""``parse_script``: text of a RUN command (or heredoc body) -> :class:`Script`."""
from __future__ import annotations

import re

from .model import Command, ParseError, Pipeline, Script, ShellWord
from .rdparser import RDParser
from .words import dequote_for_reparse, set_option_change
from .wrappers import SHELLS, resolve, script_argument

WINDOWS_DIALECTS = frozenset({"powershell", "pwsh", "cmd"})
_MAX_NESTING = 4


def dialect_for_shell(shell: list[str] | None) -> str:
    """Dialect for a SHELL instruction's argv (``None``: the default
    ``/bin/sh -c``): ``"powershell"``, ``"cmd"``, ``"bash"`` or ``"posix"``."""
    if not shell:
        return "posix"
    exe = shell[0].replace("\\", "/").rsplit("/", 1)[-1].lower()
    if exe.endswith(".exe"):
        exe = exe[:-4]
    if exe in ("powershell", "pwsh"):
        return "powershell"
    if exe == "cmd":
        return "cmd"
    if exe in ("bash", "zsh", "ksh", "mksh"):
        return "bash"
    return "posix"


def parse_script(text: str, *, dialect: str = "posix") -> Script:
    """Parse a shell script into a flat list of simple commands.

    Never raises: syntax errors are reported in ``Script.errors`` (message
    and offset range) and the commands that can still be found are kept.
    ``dialect`` "powershell"/"pwsh"/"cmd" returns an empty Script with
    ``skipped_reason`` set.
    """
    if dialect.lower() in WINDOWS_DIALECTS:
        return Script(text=text, dialect=dialect,
                      skipped_reason=f"{dialect} scripts are not analysed (POSIX shell only)")
    try:
        return _parse(text, dialect, 0)
    except Exception as exc:  # pragma: no cover - last line of defence
        script = fallback_parse(text, dialect)
        script.errors.insert(0, ParseError(f"internal parser error: {type(exc).__name__}: {exc}",
                                           0, len(text)))
        return script


def _parse(text: str, dialect: str, nesting: int) -> Script:
    try:
        p = RDParser(text).run()
    except RecursionError:
        script = fallback_parse(text, dialect)
        script.errors.insert(0, ParseError("script nested too deeply", 0, len(text)))
        return script
    commands = sorted(p.commands, key=lambda c: (c.start, -c.end))
    script = Script(text=text, dialect=dialect, commands=commands,
                    pipelines=sorted(p.pipelines, key=lambda q: q.start), errors=p.errors,
                    parser="rd")
    _finish(script, nesting)
    return script


def _finish(script: Script, nesting: int) -> None:
    for cmd in script.commands:
        resolve(cmd)
    if nesting < _MAX_NESTING:
        _expand_nested(script, nesting)
    _mark_pipefail(script)


def _expand_nested(script: Script, nesting: int) -> None:
    """Parse the script strings of ``sh -c '...'`` / ``su -c "..."`` and splice
    their commands in, with offsets mapped back into ``script.text``."""
    out: list[Command] = []
    extra_pipes: list[Pipeline] = []
    for cmd in script.commands:
        out.append(cmd)
        found = script_argument(cmd)
        if found is not None:
            word, skip = found
            if word.source != word.text:  # a word of an inner script: map twice
                continue
            inner_text, starts, ends = dequote_for_reparse(word.source)
            inner_text = inner_text[skip:]
            starts, ends = starts[skip:], ends[skip:]
            base = word.start
            label = "sh -c"
        elif cmd.heredocs and cmd.name in SHELLS and _reads_stdin_script(cmd):
            # bash <<EOF ... EOF: the here-document is the script
            body_start, body_end = cmd.heredocs[0]
            inner_text = script.text[body_start:body_end]
            starts = list(range(len(inner_text) + 1))
            ends = [k + 1 for k in range(len(inner_text))] + [len(inner_text)]
            base = body_start
            label = "sh heredoc"
        else:
            continue
        if not inner_text.strip():
            continue
        inner = _parse(inner_text, script.dialect, nesting + 1)
        outer = script.text

        def span(s: int, e: int, base=base, starts=starts, ends=ends) -> tuple[int, int]:
            last = len(starts) - 1
            s = max(0, min(s, last))
            e = max(s, min(e, last))
            start = base + starts[s]
            end = base + ends[e - 1] if e > s else start
            return start, max(start, end)

        for icmd in inner.commands:
            icmd.start, icmd.end = span(icmd.start, icmd.end)
            icmd.words = [_map_word(w, span, outer) for w in icmd.words]
            icmd.assignments = [_map_word(w, span, outer) for w in icmd.assignments]
            icmd.redirects = [(op, _map_word(w, span, outer) if w is not None else None)
                              for op, w in icmd.redirects]
            icmd.context = cmd.context + (label,) + icmd.context
            out.append(icmd)
        for pipe in inner.pipelines:
            pipe.start, pipe.end = span(pipe.start, pipe.end)
            extra_pipes.append(pipe)
        for err in inner.errors:
            s, e = span(err.start, err.end)
            script.errors.append(ParseError(f"in script given to {cmd.name}: {err.message}", s, e))
    if len(out) != len(script.commands):
        out.sort(key=lambda c: (c.start, -c.end))
        script.commands = out
        script.pipelines = sorted(script.pipelines + extra_pipes, key=lambda q: q.start)


def _reads_stdin_script(cmd: Command) -> bool:
    """``bash``/``sh -s`` with no script file operand reads the script from stdin."""
    for w in cmd.args:
        v = w.value
        if v is None or not (v.startswith(("-", "+"))):
            return False
        if "c" in v[1:] and not v.startswith("--"):
            return False
    return any(op.endswith(("<<", "<<-")) and op.lstrip("0") in ("<<", "<<-") for op, _ in cmd.redirects)


def _map_word(w: ShellWord, span, outer: str) -> ShellWord:
    s, e = span(w.start, w.end)
    return ShellWord(outer[s:e], s, e, source=w.source)


def _mark_pipefail(script: Script) -> None:
    if not script.pipelines:
        return
    changes: list[tuple[int, bool]] = []
    for cmd in script.commands:
        if cmd.name == "set":
            ch = set_option_change(cmd.args, "pipefail")
            if ch is not None:
                changes.append((cmd.start, ch))
    for pipe in script.pipelines:
        state = False
        for at, ch in changes:
            if at < pipe.start:
                state = ch
        pipe.pipefail = state


# -- fallback ----------------------------------------------------------------

_SPLIT = re.compile(r"""('[^']*'?|"(?:\\.|[^"\\])*"?|\\.|&&|\|\||[;|&\n]|[^'"\\;|&\n]+)""", re.S)
_WORD = re.compile(r"""(?:'[^']*'?|"(?:\\.|[^"\\])*"?|\\.|[^\s'"\\])+""", re.S)
_ASSIGN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\+?=")


def fallback_parse(text: str, dialect: str = "posix") -> Script:
    """Quote-aware split on top-level ``&&``, ``||``, ``;``, ``|``, ``&`` and
    newlines; each piece becomes one command.  Used only when the real
    parser fails internally."""
    script = Script(text=text, dialect=dialect, parser="fallback")
    try:
        pieces: list[tuple[int, int, str | None]] = []
        seg_start = 0
        op: str | None = None
        for m in _SPLIT.finditer(text):
            tok = m.group(0)
            if tok in ("&&", "||", ";", "|", "&", "\n"):
                pieces.append((seg_start, m.start(), op))
                op = tok
                seg_start = m.end()
        pieces.append((seg_start, len(text), op))
        prev: Command | None = None
        for s, e, op in pieces:
            seg = text[s:e]
            words = [ShellWord(m.group(0), s + m.start(), s + m.end()) for m in _WORD.finditer(seg)]
            assigns: list[ShellWord] = []
            while words and _ASSIGN.match(words[0].text):
                assigns.append(words.pop(0))
            if not words and not assigns:
                continue
            first = (assigns or words)[0]
            last = (words or assigns)[-1]
            cmd = Command(words=words, assignments=assigns, start=first.start, end=last.end,
                          connector=op if prev is not None else None, previous=prev)
            resolve(cmd)
            script.commands.append(cmd)
            prev = cmd
    except Exception:  # pragma: no cover
        script.commands = []
    return script
