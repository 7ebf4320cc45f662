from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules._suggest import did_you_mean
from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL623",
    name="invalid-stopsignal",
    severity="error",
    summary="STOPSIGNAL is not a signal name or number",
    rationale=(
        "STOPSIGNAL takes a signal name (`SIGTERM`, `SIGQUIT`, with or without `SIG`) or a "
        "positive number. Anything else fails the build (`Invalid signal`)."
    ),
    bad="FROM nginx:1.27\nSTOPSIGNAL SIGQUITE\n",
    good="FROM nginx:1.27\nSTOPSIGNAL SIGQUIT\n",
)

# Linux signal names as moby's signal.SignalMap knows them (without the SIG prefix).
_SIGNALS = frozenset((
    "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL", "PIPE",
    "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP", "TTIN", "TTOU",
    "UNUSED", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN", "RTMAX",
    *(f"RTMIN+{i}" for i in range(1, 16)), *(f"RTMAX-{i}" for i in range(1, 15)),
))


@check(META, on=nodes.Stopsignal)
def invalid_stopsignal(node: nodes.Stopsignal, ctx: Context) -> Iterator[Finding]:
    if node.text is None:
        return
    expansion = ctx.model.expand(node.text, node)
    if expansion.unresolved:
        return
    value = expansion.value.strip()
    if re.fullmatch(r"\d+", value):
        if int(value) > 0:
            return
    elif value.upper().removeprefix("SIG") in _SIGNALS:
        return
    hint = did_you_mean(value.upper().removeprefix("SIG"), _SIGNALS, prefix="SIG")
    yield ctx.finding(META, node.text.span, f"`{node.text.text}` is not a signal{hint}")
