from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell._helpers import named
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL805",
    name="bin-sh-symlink",
    severity="warning",
    aliases=("DL4005",),
    summary="`/bin/sh` is replaced with `ln` to change the shell of RUN",
    rationale=(
        "Relinking `/bin/sh` changes the shell of every program in the image that runs `sh`, "
        "not only of the build. To run RUN instructions with another shell, say so with "
        "`SHELL [\"/bin/bash\", \"-c\"]`."
    ),
    bad="FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n",
    good="FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\n",
    divergence="Only a link whose target is `/bin/sh` is reported (hadolint reports any `ln` naming `/bin/sh`, even as the source).",
)


@check(META, on=nodes.Run)
def bin_sh_symlink(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for rs, cmd in named(ctx, node, "ln"):
        paths = cmd.positional_args(("-S", "--suffix", "-t", "--target-directory"), after_subcommand=False)
        if len(paths) >= 2 and paths[-1].value in ("/bin/sh", "/usr/bin/sh"):
            yield ctx.finding(META, rs.command_span(cmd), "Change the shell of RUN with `SHELL`, not by relinking `/bin/sh`")
