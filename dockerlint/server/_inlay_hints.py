"""Inlay hints: the value BuildKit gives a word with `$VAR` in it, shown after the word.

Only where BuildKit itself expands (FROM, flags, COPY/ADD, ENV, ARG, LABEL, WORKDIR, USER,
EXPOSE, VOLUME, STOPSIGNAL; not the shell's RUN/CMD text), and only when every variable's
value is known (an ARG without a default is not) and the value differs from the text.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, NamedTuple

from dockerlint.semantics.expand import expand
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.semantics.model import Model

_MAX = 60
_SAFE_WHEN_UNSET = frozenset({":-", "-", ":+", "+"})  # these give a value even when the variable is unset
_SHELL = (nodes.Run, nodes.Cmd, nodes.Entrypoint, nodes.Shell, nodes.Healthcheck, nodes.Onbuild)


class Hint(NamedTuple):
    offset: int  # where the hint goes (after the word)
    label: str
    tooltip: str


def hints(model: Model, start: int = 0, end: int | None = None) -> Iterator[Hint]:
    df = model.dockerfile
    end = len(df.source) if end is None else end
    for ins in df.instructions:
        if ins.span.end < start or ins.span.start > end:
            continue
        values = model.values(ins)
        for word in _expanded_words(ins):
            if "$" not in word.text or not start <= word.span.end <= end:
                continue
            result = expand(word.text, values, escape=model.escape)
            if not result.ok or result.value == word.text:
                continue
            if any(r.name not in values and r.operator not in _SAFE_WHEN_UNSET for r in result.refs):
                continue  # unknown at lint time
            shown = result.value if len(result.value) <= _MAX else result.value[:_MAX - 1] + "…"
            yield Hint(word.span.end, f"= {shown}" if shown else "= (empty)", f"`{word.text}` expands to `{result.value}`")


def _expanded_words(ins: nodes.Instruction) -> Iterator[nodes.Word]:
    for flag in ins.flags:
        if flag.value is not None:
            yield flag.value
    if isinstance(ins, (nodes.Arg, nodes.Env, nodes.Label)):
        for pair in ins.pairs:
            if pair.value is not None:
                yield pair.value
    elif isinstance(ins, nodes.From):
        if ins.image is not None:
            yield ins.image
    elif not isinstance(ins, _SHELL):
        yield from ins.words()
