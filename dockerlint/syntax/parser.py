"""Parse Dockerfile text into the typed AST.

The lexer layer turns text into grammar terminals; a small LALR driver runs them
through the tables generated from grammar/dockerfile.lark and builds nodes on each
reduction. An instruction the grammar rejects becomes a Broken node with a
diagnostic, and the instructions around it still parse. No input raises.
"""
from __future__ import annotations

TYPE_CHECKING = False  # typing costs start-up time; it is only needed by type checkers
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable

from dockerlint.syntax import _tables, nodes
from dockerlint.syntax.lexer import Lexer, Tok
from dockerlint.syntax.nodes import Dockerfile, ExecForm, Instruction, ShellForm, SyntaxIssue, Word
from dockerlint.syntax.span import Span

_RULES = _tables.RULES
_STATES = _tables.STATES


TOO_DEEP = "input too deeply nested to parse"


class _Splice(list):
    """Children of an inlined grammar rule, spliced into the parent."""


class _GrammarError(Exception):
    def __init__(self, expected: list[str], got: str) -> None:
        super().__init__(got)
        self.expected = expected
        self.got = got


def parse(source: str) -> Dockerfile:
    """Parse a whole Dockerfile. Never raises."""
    lexer = Lexer(source)
    instructions: list[Instruction] = []
    issues: list[SyntaxIssue] = []
    try:
        parse_instructions(lexer.tokens(), instructions)
    except RecursionError:  # pathological nesting; keep what parsed
        issues.append(SyntaxIssue(TOO_DEEP, Span(0, len(source))))
    issues = lexer.issues + issues + broken_issues(instructions)
    if not instructions:
        issues.append(SyntaxIssue("file with no instructions", Span(len(source), len(source))))
    issues.sort(key=lambda i: i.span.start)
    return Dockerfile(source, instructions, lexer.comments, lexer.directives, issues, lexer.escape)


def parse_instructions(tokens: Iterable[Tok], out: list[Instruction]) -> None:
    """Appends to `out` the instructions of a stream of terminals (each ends with `_END` or is
    one `BROKEN`); those parsed before an error stay there."""
    pending: list[Tok] = []
    for tok in tokens:
        pending.append(tok)
        if tok.type in ("_END", "BROKEN"):
            out.append(_parse_instruction(pending))
            pending = []


def broken_issues(instructions: list[Instruction]) -> list[SyntaxIssue]:
    return [SyntaxIssue(ins.message, ins.span) for ins in instructions if isinstance(ins, nodes.Broken)]


def _parse_instruction(tokens: list[Tok]) -> Instruction:
    try:
        result = _drive(tokens)
    except _GrammarError as err:
        keyword, span = tokens[0].data
        return nodes.Broken(span, keyword, [], message=f"unexpected {err.got} in {keyword.text}", text=None)
    return result[0]


def _drive(tokens: list[Tok]) -> list[Any]:
    """Run the LALR automaton over one instruction's terminals (plus the end marker)."""
    states = [_tables.START_STATE]
    values: list[Any] = []
    stream = tokens + [Tok("$END", None)]
    i = 0
    while True:
        tok = stream[i]
        action = _STATES[states[-1]].get(tok.type)
        if action is None:
            raise _GrammarError(sorted(_STATES[states[-1]]), tok.type)
        if action >= 0:
            states.append(action)
            values.append(tok)
            i += 1
            continue
        origin, name, size = _RULES[-1 - action]
        if size:
            children = values[-size:]
            del values[-size:]
            del states[-size:]
        else:
            children = []
        # A repetition (`x*`) is a left-recursive inlined rule: grow its splice in place, where
        # copying it at each step made a JSON array or a line of N words cost N².
        if children and type(children[0]) is _Splice:
            kids: list[Any] = children[0]
            children = children[1:]
        else:
            kids = _Splice()
        for c in children:
            if type(c) is _Splice:
                kids.extend(c)
            elif type(c) is not Tok or not c.type.startswith("_"):
                kids.append(c)
        value = kids if name is None else _BUILD[name](kids)
        states.append(_STATES[states[-1]][origin])
        values.append(value)
        if states[-1] == _tables.END_STATE and tok.type == "$END":
            return value


# -- node builders ----------------------------------------------------------------


def _head(kids: list[Any]) -> tuple[Word, Span, list[nodes.Flag], list[Any]]:
    keyword, span = kids[0].data
    flags = [k.data for k in kids if type(k) is Tok and k.type == "FLAG"]
    rest = [k for k in kids[1:] if not (type(k) is Tok and k.type == "FLAG")]
    return keyword, span, flags, rest


def _command(rest: list[Any]) -> nodes.Command | None:
    for k in rest:
        if isinstance(k, (ExecForm, ShellForm)):
            return k
    return None


def _of(rest: list[Any], kind: str) -> list[Any]:
    return [k.data for k in rest if type(k) is Tok and k.type == kind]


def _build_command(cls: type[nodes._CommandInstruction]) -> Callable[[list[Any]], Instruction]:
    def build(kids: list[Any]) -> Instruction:
        keyword, span, flags, rest = _head(kids)
        node = cls(span, keyword, flags, command=_command(rest))
        if isinstance(node, nodes.Run):
            node.heredocs = _of(rest, "HEREDOC")
        elif isinstance(node, nodes.Healthcheck):
            mode = _of(rest, "HC_MODE")
            node.mode = mode[0] if mode else None
        return node

    return build


def _build_text(cls: type[nodes._TextInstruction]) -> Callable[[list[Any]], Instruction]:
    def build(kids: list[Any]) -> Instruction:
        keyword, span, flags, rest = _head(kids)
        text = _of(rest, "TEXT")
        return cls(span, keyword, flags, text=text[0] if text else None)

    return build


def _build_pairs(cls: type[nodes._PairsInstruction]) -> Callable[[list[Any]], Instruction]:
    def build(kids: list[Any]) -> Instruction:
        keyword, span, flags, rest = _head(kids)
        return cls(span, keyword, flags, pairs=[k for k in rest if isinstance(k, nodes.KeyValue)])

    return build


def _build_list(cls: type[nodes._ListInstruction]) -> Callable[[list[Any]], Instruction]:
    def build(kids: list[Any]) -> Instruction:
        keyword, span, flags, rest = _head(kids)
        exec_form = _command(rest)
        if isinstance(exec_form, ExecForm):
            node = cls(span, keyword, flags, args=exec_form.args, json=True, exec_span=exec_form.span)
        else:
            node = cls(span, keyword, flags, args=_of(rest, "WORD"))
        if isinstance(node, nodes._FileInstruction):
            node.heredocs = _of(rest, "HEREDOC")
        return node

    return build


def _build_from(kids: list[Any]) -> Instruction:
    keyword, span, flags, rest = _head(kids)
    node = nodes.From(span, keyword, flags)
    for k in rest:
        if isinstance(k, Word):  # the image rule
            node.image = k
            node.args.append(k)
        elif k.type == "AS":
            node.as_keyword = k.data
            node.args.append(k.data)
        elif k.type == "STAGE_NAME":
            node.stage_name = k.data
            node.args.append(k.data)
        else:
            node.args.append(k.data)
    return node


def _build_onbuild(kids: list[Any]) -> Instruction:
    keyword, span, flags, rest = _head(kids)
    trigger = next((k for k in rest if isinstance(k, Instruction)), None)
    return nodes.Onbuild(span, keyword, flags, trigger=trigger)


def _build_pair(kids: list[Any]) -> nodes.KeyValue:
    kv: nodes.KeyValue = kids[0].data
    if len(kids) > 1:
        kv.value = kids[-1].data
        kv.span = Span(kv.key.span.start, kv.value.span.end if kv.value.text or kv.value.span.end else kv.span.end)
    else:
        kv.span = kv.key.span
    return kv


def _build_exec(kids: list[Any]) -> ExecForm:
    return ExecForm(Span(kids[0].data.span.start, kids[-1].data.span.end),
                    [k.data for k in kids if k.type == "JSON_STRING"])


def _build_broken(kids: list[Any]) -> Instruction:
    message, span, word = kids[0].data
    keyword = Word(word.text.split(None, 1)[0] if word.text.split() else "", Span(span.start, span.start))
    keyword.span = Span(span.start, span.start + len(keyword.text))
    return nodes.Broken(span, keyword, [], message=message, text=word)


_BUILD: dict[str, Callable[[list[Any]], Any]] = {
    "start": lambda kids: kids,
    "from_": _build_from,
    "image": lambda kids: kids[0].data,
    "run": _build_command(nodes.Run),
    "cmd": _build_command(nodes.Cmd),
    "entrypoint": _build_command(nodes.Entrypoint),
    "shell": _build_command(nodes.Shell),
    "healthcheck": _build_command(nodes.Healthcheck),
    "exec_form": _build_exec,
    "shell_form": lambda kids: ShellForm(kids[0].data.span, kids[0].data),
    "env": _build_pairs(nodes.Env),
    "label": _build_pairs(nodes.Label),
    "arg": _build_pairs(nodes.Arg),
    "pair": _build_pair,
    "legacy_pair": _build_pair,
    "arg_pair": _build_pair,
    "copy": _build_list(nodes.Copy),
    "add": _build_list(nodes.Add),
    "volume": _build_list(nodes.Volume),
    "expose": _build_list(nodes.Expose),
    "user": _build_text(nodes.User),
    "workdir": _build_text(nodes.Workdir),
    "maintainer": _build_text(nodes.Maintainer),
    "stopsignal": _build_text(nodes.Stopsignal),
    "unknown": _build_text(nodes.Unknown),
    "onbuild": _build_onbuild,
    "broken": _build_broken,
}
