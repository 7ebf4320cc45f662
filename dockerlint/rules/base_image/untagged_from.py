from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.base_image._image import base_image
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL101",
    name="untagged-from",
    severity="warning",
    aliases=("DL3006", "CKV_DOCKER_7"),
    summary="Base image has neither a tag nor a digest",
    rationale=(
        "Without a tag the build silently follows `latest`, so two builds of the same Dockerfile "
        "can start from different images, and a new major version can break the build without any "
        "change on your side. Pin a tag, or a digest for reproducible builds."
    ),
    bad="FROM debian\n",
    good="FROM debian:12.8-slim\n",
    divergence=(
        "`FROM $BASE` is checked after ARG expansion (hadolint skips every variable), so "
        "`ARG BASE=debian` / `FROM $BASE` is reported; a variable with no default is not. A FROM "
        "whose expansion names an earlier stage (`FROM platform-${TARGETARCH}`) is a stage, not an "
        "image, and an invalid reference (`FROM baseImage`, `FROM REPLACE-ME`) is reported by "
        "invalid-image-reference instead: hadolint reports both as untagged."
    ),
)


@check(META, on=nodes.From)
def untagged_from(node: nodes.From, ctx: Context) -> Iterator[Finding]:
    ref = base_image(node, ctx)
    if ref is None or ref.tag or ref.digest or node.image is None:
        return
    shown = f"`{node.image.text}`" + (f" (`{ref.raw}`)" if node.image.text != ref.raw else "")
    yield ctx.finding(META, node.image.span, f"Pin {shown} to a tag or digest, e.g. `{ref.familiar_name}:<version>`")
