"""Shared by the base-image rules: a FROM's parsed image and where its parts are written."""
from __future__ import annotations

from typing import TYPE_CHECKING

from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.image_ref import ImageRef


def base_image(node: nodes.From, ctx: Context) -> ImageRef | None:
    """The external image a FROM builds on; None for scratch, a stage, a value not known here, or
    an `ONBUILD FROM` trigger (which BuildKit refuses; it starts no stage)."""
    stage = ctx.model.stage_of(node)
    if stage is None or stage.node is not node or stage.base_stage is not None or stage.image is None:
        return None
    ref = stage.image
    if ref.is_scratch or not ref.valid:
        return None
    expansion = ctx.model.expand(node.image, node) if node.image is not None else None
    if expansion is not None and expansion.unresolved:
        return None  # `FROM $BASE` with no default: nothing to judge
    return ref


def part_span(node: nodes.From, ref: ImageRef, start: int | None, end: int | None) -> Span:
    """The source span of ref.raw[start:end] when the image is written literally, else the whole image."""
    assert node.image is not None
    if start is None or end is None or node.image.text != ref.raw:
        return node.image.span
    return node.image.sub_span(start, end)
