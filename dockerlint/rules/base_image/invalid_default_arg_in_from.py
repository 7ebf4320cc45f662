from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL108",
    name="invalid-default-arg-in-from",
    severity="warning",
    aliases=("InvalidDefaultArgInFrom",),
    summary="With its ARG defaults, a `FROM` image is empty or not a valid reference",
    rationale=(
        "`docker build` without `--build-arg` uses the ARG defaults. When they leave the image "
        "empty or malformed (`ARG TAG` with no default in `FROM alpine:${TAG}` gives `alpine:`), "
        "the plain build fails. Give every ARG the `FROM` line uses a working default."
    ),
    bad="ARG TAG\nFROM alpine:${TAG}\n",
    good="ARG TAG=3.20\nFROM alpine:${TAG}\n",
    divergence=(
        "Only `FROM` lines that use variables are checked: a literal invalid reference is "
        "reported by invalid-image-reference (BuildKit reports it under this check as well). "
        "BuildKit's automatic platform ARGs (`TARGETARCH`, `BUILDPLATFORM`, ...) always have a "
        "value; the lint does not know the build's platform and reads them as a build for "
        "linux/amd64 does, so `FROM base-${TARGETARCH}` is `base-amd64`."
    ),
)


@check(META, on=nodes.From)
def invalid_default_arg_in_from(node: nodes.From, ctx: Context) -> Iterator[Finding]:
    stage = ctx.model.stage_of(node)
    if node.image is None or stage is None or stage.base_stage is not None or "$" not in node.image.text:
        return
    from dockerlint.semantics.image_ref import parse_image_ref

    value = stage.image_text or ""
    ref = stage.image if stage.image is not None else parse_image_ref(value)
    if value and ref.valid:
        return
    from dockerlint.semantics.model import PLATFORM_VALUES

    missing = [n for n in ctx.model.expand(node.image, node).unresolved if n not in PLATFORM_VALUES]
    advice = (
        "give " + ", ".join(f"`{n}`" for n in missing) + " a default value in its `ARG` before the first FROM"
        if missing else "fix the defaults of the ARGs it uses"
    )
    shown = f"`{value}`" if value else "an empty name"
    defaults = "the ARG defaults" + (" on linux/amd64" if stage.platform_args else "")
    yield ctx.finding(META, node.image.span, f"With {defaults} `{node.image.text}` is {shown}, not a valid image: {advice}")
