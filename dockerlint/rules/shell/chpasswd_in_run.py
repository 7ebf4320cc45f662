from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell._helpers import named
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL812",
    name="chpasswd-in-run",
    severity="warning",
    aliases=("CKV2_DOCKER_17",),
    summary="A password is set with `chpasswd` during the build",
    rationale=(
        "The password is written in the Dockerfile and stays readable in the image's history "
        "(`docker history`) and in every copy of the image; and a container should not need "
        "password logins at all. Use key-based access, or set credentials at run time from a secret."
    ),
    bad="FROM debian:12\nRUN echo 'root:changeme' | chpasswd\n",
    good="FROM debian:12\nRUN useradd --create-home app\nUSER app\n",
)


@check(META, on=nodes.Run)
def chpasswd_in_run(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for rs, cmd in named(ctx, node, "chpasswd"):
        yield ctx.finding(META, rs.word_span(cmd.name_word), "Do not set passwords in the image: they stay in its history")
