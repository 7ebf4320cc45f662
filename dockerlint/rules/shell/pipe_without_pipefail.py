from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.semantics.scripts import run_scripts
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL804",
    name="pipe-without-pipefail",
    severity="warning",
    aliases=("DL4006",),
    summary="A pipe in a RUN without `pipefail`: a failure before the last command is ignored",
    rationale=(
        "The exit status of a pipeline is that of its last command, so in "
        "`curl -fsSL https://example.com/key | gpg --dearmor > key.gpg` a failed download still "
        "lets the build succeed, with a broken file. Turn on `pipefail` for the whole stage with "
        "`SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]`, or start the script with "
        "`set -o pipefail &&` (bash, ash, zsh; dash only from 0.5.12)."
    ),
    bad="FROM debian:12\nRUN curl -fsSL https://example.com/install.tar.gz | tar -xz -C /opt\n",
    good="FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
         "RUN curl -fsSL https://example.com/install.tar.gz | tar -xz -C /opt\n",
    divergence=(
        "A `set -o pipefail` earlier in the script counts (hadolint only looks at SHELL). Pipes fed "
        "only by `echo`, `printf` or `yes` are not reported: they cannot fail in a way pipefail "
        "would catch (and `yes | cmd` even fails with it). Each pipeline is reported, not the RUN."
    ),
)

_HARMLESS = frozenset({"echo", "printf", "yes", "true"})


@check(META, on=nodes.Run)
def pipe_without_pipefail(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for rs in run_scripts(ctx, node):
        if rs.pipefail:
            continue
        for pipe in rs.script.pipelines:
            if pipe.pipefail:
                continue
            feeders = pipe.stages[:-1]
            if all(stage and all(c.name in _HARMLESS for c in stage) for stage in feeders):
                continue
            yield ctx.finding(META, rs.span(pipe.start, pipe.end),
                              "Turn on `pipefail` (`SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` or "
                              "`set -o pipefail &&`): a failure before the last `|` goes unnoticed")
