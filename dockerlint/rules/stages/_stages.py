"""Shared by the stage rules: stage names and the references that point at stages."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.model import Stage


def stage_names(ctx: Context) -> list[str]:
    return [s.name for s in ctx.model.stages if s.name]


def describe(stage: Stage) -> str:
    return f"`{stage.name}`" if stage.name else f"stage {stage.index}"
