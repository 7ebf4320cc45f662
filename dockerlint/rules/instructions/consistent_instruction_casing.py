from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, replace
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL602",
    name="consistent-instruction-casing",
    severity="warning",
    aliases=("ConsistentInstructionCasing",),
    summary="An instruction keyword is not cased like the majority of the file's keywords",
    rationale=(
        "Keywords are case-insensitive, but a file that mixes `RUN` and `run` (or writes `Run`) is "
        "harder to scan. Like BuildKit, the casing most keywords use wins (upper case on a tie) and "
        "every keyword that differs, mixed case included, is reported."
    ),
    bad="FROM alpine:3.20\nrun apk add --no-cache curl\nCMD [\"sh\"]\n",
    good="FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD [\"sh\"]\n",
    fix="safe",
    fix_description=(
        "Rewrite the keyword in the majority casing. Safe: BuildKit reads keywords in any case."
    ),
    divergence="ARGs before the first FROM and ONBUILD triggers count and are checked too (BuildKit skips them).",
)


_UNCHECKED = (nodes.Broken, nodes.Unknown)


@check(META)
def consistent_instruction_casing(ctx: Context) -> Iterator[Finding]:
    keywords = [ins.keyword for cls, found in ctx.by_type.items() if cls not in _UNCHECKED for ins in found]
    lower = sum(k.text.islower() for k in keywords)
    upper = sum(k.text.isupper() for k in keywords)
    majority_lower = lower > upper
    for keyword in keywords:
        wanted = keyword.text.lower() if majority_lower else keyword.text.upper()
        if keyword.text == wanted:
            continue
        casing = "lower case" if majority_lower else "upper case"
        yield ctx.finding(
            META, keyword.span, f"Write `{wanted}`: most instructions in this file are {casing}",
            fix=Fix(f"Rewrite as `{wanted}`", (replace(keyword.span, wanted),)),
        )
