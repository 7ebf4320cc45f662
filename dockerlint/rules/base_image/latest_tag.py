from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.base_image._image import base_image, part_span
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL102",
    name="latest-tag",
    severity="warning",
    aliases=("DL3007",),
    summary="Base image uses the `latest` tag",
    rationale=(
        "`latest` is a moving target: it is whatever was pushed last, so builds are not "
        "reproducible and a new major release can break them. Name the version you tested."
    ),
    bad="FROM node:latest\n",
    good="FROM node:22.11-alpine\n",
    divergence=(
        "A digest next to `:latest` (`node:latest@sha256:...`) pins the image, so it is not reported. "
        "The image is judged after ARG expansion, so `ARG VERSION=latest` / `FROM busybox:$VERSION` "
        "is reported (hadolint does not look through variables)."
    ),
)


@check(META, on=nodes.From)
def latest_tag(node: nodes.From, ctx: Context) -> Iterator[Finding]:
    ref = base_image(node, ctx)
    if ref is None or ref.tag != "latest" or ref.digest:
        return
    yield ctx.finding(META, part_span(node, ref, ref.tag_start, ref.tag_end),
                      f"Replace `latest` with the version of `{ref.familiar_name}` you tested, e.g. `{ref.familiar_name}:<version>`")
