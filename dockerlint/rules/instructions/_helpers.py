"""Shared by the instruction rules: removing an instruction, keyword casing, EXPOSE port specs."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator, NamedTuple

from dockerlint.rules.api import Edit
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context


def remove_line(ctx: Context, ins: nodes.Instruction) -> Edit:
    """Delete `ins` with its line break (and its indentation when nothing else is on its lines)."""
    source = ctx.source
    start = source.rfind("\n", 0, ins.span.start) + 1
    if source[start:ins.span.start].strip():
        start = ins.span.start
    end = ins.span.end
    newline = source.find("\n", end)
    if newline != -1 and not source[end:newline].strip():
        end = newline + 1
    return Edit(start, end, "")


def cased_like(keyword: nodes.Word, upper: str) -> str:
    """`upper` written in the keyword's case (lower when the keyword is all lower case)."""
    return upper.lower() if keyword.text.islower() else upper


class PortSpec(NamedTuple):
    """One EXPOSE value: `[ip:][host:]port[-end][/proto]`, with logical offsets into the word."""

    word: nodes.Word
    text: str  # the value after expansion
    literal: bool  # text == word.text: offsets into text are offsets into the word
    host: str  # "ip:host:" part, "" when absent
    port: str
    proto: str  # "" when absent

    @property
    def container(self) -> str:
        return self.port + (f"/{self.proto}" if self.proto else "")

    @property
    def proto_start(self) -> int:
        return len(self.text) - len(self.proto)

    def port_range(self) -> tuple[int, int] | None:
        """(first, last) port, or None when the port is not a number or a range of numbers."""
        m = _RANGE.fullmatch(self.port)
        if m is None:
            return None
        first = int(m.group(1))
        return first, int(m.group(2)) if m.group(2) else first


_RANGE = re.compile(r"(\d+)(?:-(\d+))?")


def port_specs(node: nodes.Expose, ctx: Context) -> Iterator[PortSpec]:
    """Every EXPOSE value whose expansion is known (a variable can expand to several)."""
    for word in node.args:
        expansion = ctx.model.expand(word, node)
        if expansion.unresolved:
            continue
        for text in expansion.value.split():
            rest, _, proto = text.partition("/")
            host, _, port = rest.rpartition(":")
            yield PortSpec(word, text, text == word.text, host + ":" if host else "", port, proto)


def workdir_path(node: nodes.Workdir, ctx: Context) -> str | None:
    """The WORKDIR's path after expansion and quote removal; None when unknown."""
    if node.text is None:
        return None
    expansion = ctx.model.expand(node.text, node)
    return None if expansion.unresolved else expansion.value


def is_absolute(path: str) -> bool:
    """Absolute on Linux or Windows (`C:\\x`, `C:/x`, `\\x`)."""
    return path.startswith(("/", "\\")) or (len(path) > 1 and path[0].isalpha() and path[1] == ":")
