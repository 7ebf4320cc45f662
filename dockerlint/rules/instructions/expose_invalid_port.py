from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.instructions._helpers import port_specs
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL615",
    name="expose-invalid-port",
    severity="error",
    aliases=("DL3011", "DS008"),
    summary="EXPOSE of something that is not a port, a port range or a known protocol",
    rationale=(
        "Ports run from 0 to 65535, a range is `low-high`, and the protocol is `tcp`, `udp` or "
        "`sctp`. Anything else fails the build (`invalid port`, `invalid proto`)."
    ),
    bad="FROM nginx:1.27\nEXPOSE 80800\n",
    good="FROM nginx:1.27\nEXPOSE 8080\n",
    divergence="Protocols, non-numeric ports and reversed ranges are checked too (hadolint only checks the upper bound).",
)

_PROTOCOLS = frozenset(("tcp", "udp", "sctp"))


def _problem(port: str, proto: str, bounds: tuple[int, int] | None) -> str | None:
    if bounds is None:
        return f"`{port}` is not a port number or range"
    low, high = bounds
    if high > 65535:
        return f"`{port}` is out of range: ports run from 0 to 65535"
    if low > high:
        return f"`{port}` is a reversed range: write `{high}-{low}`"
    if proto and proto.lower() not in _PROTOCOLS:
        return f"`{proto}` is not a protocol: use tcp, udp or sctp"
    return None


@check(META, on=nodes.Expose)
def expose_invalid_port(node: nodes.Expose, ctx: Context) -> Iterator[Finding]:
    for spec in port_specs(node, ctx):
        problem = _problem(spec.port, spec.proto, spec.port_range())
        if problem is not None:
            yield ctx.finding(META, spec.word.span, problem)
