from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, replace
from dockerlint.rules.instructions._helpers import port_specs
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL618",
    name="expose-invalid-format",
    severity="warning",
    aliases=("ExposeInvalidFormat",),
    summary="EXPOSE with an IP address or a host port (`8080:80`)",
    rationale=(
        "EXPOSE only documents which container ports the image listens on; publishing to a host "
        "port or address is decided at `docker run -p`. BuildKit ignores the host part and warns."
    ),
    bad="FROM nginx:1.27\nEXPOSE 8080:80\n",
    good="FROM nginx:1.27\nEXPOSE 80\n",
    fix="safe",
    fix_description=(
        "Keep the container port (what BuildKit uses anyway). Safe: the image records the same exposed "
        "port."
    ),
)


@check(META, on=nodes.Expose)
def expose_invalid_format(node: nodes.Expose, ctx: Context) -> Iterator[Finding]:
    for spec in port_specs(node, ctx):
        if not spec.host:
            continue
        fix = None
        if spec.literal:
            fix = Fix(f"Keep `{spec.container}`", (replace(spec.word.sub_span(0, len(spec.host)), ""),))
        yield ctx.finding(
            META, spec.word.span,
            f"Write `{spec.container}`: host ports and addresses belong to `docker run -p`, BuildKit ignores them here",
            fix=fix,
        )
