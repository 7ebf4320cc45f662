from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, replace
from dockerlint.rules.instructions._helpers import port_specs
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL617",
    name="expose-proto-casing",
    severity="warning",
    aliases=("ExposeProtoCasing",),
    summary="EXPOSE protocol not in lower case (`80/TCP`)",
    rationale="Protocols are lower case in the image config (`80/tcp`); BuildKit warns on any other casing.",
    bad="FROM nginx:1.27\nEXPOSE 80/TCP\n",
    good="FROM nginx:1.27\nEXPOSE 80/tcp\n",
    fix="safe",
    fix_description=(
        "Lower-case the protocol. Safe: Docker reads the protocol in any case and stores it lower-cased."
    ),
)


@check(META, on=nodes.Expose)
def expose_proto_casing(node: nodes.Expose, ctx: Context) -> Iterator[Finding]:
    for spec in port_specs(node, ctx):
        if spec.proto == spec.proto.lower():
            continue
        wanted = spec.proto.lower()
        fix = None
        span = spec.word.span
        if spec.literal:
            span = spec.word.sub_span(spec.proto_start, len(spec.text))
            fix = Fix(f"Write `{wanted}`", (replace(span, wanted),))
        yield ctx.finding(META, span, f"Write the protocol in lower case: `{spec.container.lower()}`", fix=fix)
