from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, replace
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL204",
    name="from-as-casing",
    severity="style",
    aliases=("FromAsCasing",),
    summary="The `AS` keyword is not cased like its `FROM`",
    rationale="`FROM ... as name` mixes two casings in one line; write `AS` the way `FROM` is written.",
    bad="FROM golang:1.23 as build\n",
    good="FROM golang:1.23 AS build\n",
    fix="safe",
    fix_description=(
        "Re-case `AS` to match `FROM`. Safe: BuildKit reads keywords in any case."
    ),
    divergence="As in BuildKit, a `FROM` keyword that is itself mixed-case (`From`) is left to the instruction-casing rule.",
)


@check(META, on=nodes.From)
def from_as_casing(node: nodes.From, ctx: Context) -> Iterator[Finding]:
    keyword, as_word = node.keyword.text, node.as_keyword
    if as_word is None:
        return
    if keyword == keyword.upper():
        wanted = as_word.text.upper()
    elif keyword == keyword.lower():
        wanted = as_word.text.lower()
    else:
        return
    if as_word.text != wanted:
        yield ctx.finding(
            META, as_word.span, f"Write `{as_word.text}` as `{wanted}` to match `{keyword}`",
            fix=Fix(f"Write `{wanted}`", (replace(as_word.span, wanted),)),
        )
