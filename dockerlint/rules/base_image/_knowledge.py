"""Shared by the rules built on image knowledge: the stages a stage is built on, and what they add."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.knowledge.images import ImageFacts
    from dockerlint.semantics.model import Stage


def facts(ctx: Context, stage: Stage | None) -> ImageFacts | None:
    """What the image table knows of the image `stage` is built on; worked out once per lint and stage."""
    if stage is None:
        return None
    from dockerlint.knowledge.images import stage_facts

    return ctx.cached(("image-facts", stage.index), lambda: stage_facts(ctx.model, stage))


def lineage(stage: Stage) -> list[Stage]:
    """`stage` and the stages it is built FROM, root first."""
    chain = []
    current: Stage | None = stage
    while current is not None and current not in chain:
        chain.append(current)
        current = current.base_stage
    return chain[::-1]


def copied_names(ins: nodes.Instruction) -> Iterator[str]:
    """The file names a COPY or ADD writes (sources' and destination's last component; "/" for a tree)."""
    if not isinstance(ins, (nodes.Copy, nodes.Add)):
        return
    for word in ins.args:
        text = word.text.rstrip("/")
        yield text.rsplit("/", 1)[-1] if text else "/"
