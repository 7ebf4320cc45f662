from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.instructions._helpers import port_specs
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL616",
    name="expose-ssh-port",
    severity="warning",
    aliases=("DS004", "CKV_DOCKER_1"),
    summary="EXPOSE 22: an SSH server in the container",
    rationale=(
        "Exposing port 22 means running sshd inside the container: one more daemon, keys or "
        "passwords baked into the image, and a remote login to attack. Use `docker exec` (or "
        "`kubectl exec`) to get a shell instead."
    ),
    bad="FROM ubuntu:24.04\nEXPOSE 22 8080\n",
    good="FROM ubuntu:24.04\nEXPOSE 8080\n",
    divergence="Ranges that include 22 are reported too; Checkov ignores `22/udp`, we report any protocol like Trivy.",
)


@check(META, on=nodes.Expose)
def expose_ssh_port(node: nodes.Expose, ctx: Context) -> Iterator[Finding]:
    for spec in port_specs(node, ctx):
        bounds = spec.port_range()
        if bounds is not None and bounds[0] <= 22 <= bounds[1]:
            yield ctx.finding(META, spec.word.span, "Port 22 is SSH: use `docker exec` rather than an SSH server in the container")
