from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.instructions._helpers import workdir_path
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL614",
    name="workdir-system-directory",
    severity="warning",
    aliases=("DS030",),
    summary="WORKDIR inside a system directory such as /proc, /sys or /dev",
    rationale=(
        "`/proc`, `/sys` and `/dev` are mounted over by the runtime, so files put there at build "
        "time vanish or shadow kernel interfaces; `/boot`, `/initrd` and `/lost+found` belong to "
        "the host's boot and file system tooling. Work in a directory of your own."
    ),
    bad="FROM alpine:3.20\nWORKDIR /proc/app\n",
    good="FROM alpine:3.20\nWORKDIR /srv/app\n",
    divergence="The directories themselves are reported too (Trivy only reports paths below them), and `/sys` is added.",
)

_SYSTEM = ("/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found")


@check(META, on=nodes.Workdir)
def workdir_system_directory(node: nodes.Workdir, ctx: Context) -> Iterator[Finding]:
    path = workdir_path(node, ctx)
    if not path or not path.startswith("/"):
        return
    path = posixpath.normpath(path)
    for system in _SYSTEM:
        if path == system or path.startswith(system + "/"):
            assert node.text is not None
            yield ctx.finding(META, node.text.span, f"Do not work in `{system}`: the runtime or the host owns it")
            return
