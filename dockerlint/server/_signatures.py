"""Signature help: an instruction's syntax, split into parameters, and which one the cursor is on."""
from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from dockerlint.server import _cursor
from dockerlint.server import _instruction_docs as docs

if TYPE_CHECKING:
    from dockerlint.syntax import nodes


class Signature(NamedTuple):
    label: str
    parameters: tuple[str, ...]  # substrings of `label`, in order
    active: int
    documentation: str


def parameters(signature: str) -> tuple[str, ...]:
    """The pieces after the keyword, split on blanks outside brackets: `[AS <name>]` is one."""
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in signature.split(" ", 1)[1] if " " in signature else "":
        if ch == " " and depth == 0:
            if current:
                parts.append(current)
            current = ""
            continue
        depth += ch in "[<"
        depth -= ch in "]>"
        current += ch
    if current:
        parts.append(current)
    return tuple(parts)


def signature_help(df: nodes.Dockerfile, offset: int) -> Signature | None:
    cur = _cursor.locate(df, offset)
    if cur.kind != _cursor.ARGUMENTS or cur.keyword not in docs.INSTRUCTIONS:
        return None
    doc = docs.INSTRUCTIONS[cur.keyword]
    params = parameters(doc.signature)
    flags = [i for i, p in enumerate(params) if p.startswith("[--")]
    rest = [i for i, p in enumerate(params) if not p.startswith("[--")]
    if flags and not cur.flags_done and cur.prefix.startswith("-"):
        name = cur.prefix[2:].split("=", 1)[0].lower()
        named = [i for i in flags if name and params[i][3:].lower().startswith(name)]
        return Signature(doc.signature, params, named[0] if named else flags[0], doc.summary)
    args = sum(1 for t in cur.tokens if not t.text.startswith("--"))
    if not rest:
        return Signature(doc.signature, params, len(params) - 1, doc.summary)
    if cur.keyword == "FROM" and args >= 1:
        args = 1  # `AS <name>` is one parameter
    return Signature(doc.signature, params, rest[min(args, len(rest) - 1)], doc.summary)
