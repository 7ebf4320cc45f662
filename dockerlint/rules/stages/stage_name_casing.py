from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules._refs import from_refs, resolve
from dockerlint.rules.api import Edit, Finding, Fix, RuleMeta, check, replace

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.model import Stage

META = RuleMeta(
    code="DKL203",
    name="stage-name-casing",
    severity="style",
    aliases=("StageNameCasing",),
    summary="A stage name is not lower-case",
    rationale=(
        "Stage names are matched ignoring case, and `--target` and image references are "
        "lower-case by convention, so `Build`, `BUILD` and `build` are the same stage spelt three "
        "ways. Lower-case names keep references greppable and consistent."
    ),
    bad="FROM golang:1.23 AS Builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=Builder /app /app\n",
    good="FROM golang:1.23 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=builder /app /app\n",
    fix="safe",
    fix_description=(
        "Lower-case the name and every `FROM`, `COPY --from` and `RUN --mount from=` reference to the "
        "stage. Safe: BuildKit compares stage names without regard to case, and every reference is "
        "re-cased with the name."
    ),
)


@check(META)
def stage_name_casing(ctx: Context) -> Iterator[Finding]:
    for stage in ctx.model.stages:
        word = stage.node.stage_name
        if word is None or word.text == word.text.lower():
            continue
        lower = word.text.lower()
        edits = [replace(word.span, lower), *_reference_edits(stage, ctx)]
        yield ctx.finding(
            META, word.span, f"Write the stage name `{word.text}` as `{lower}`",
            fix=Fix(f"Rename the stage to `{lower}`", tuple(sorted(edits))),
        )


def _reference_edits(stage: Stage, ctx: Context) -> Iterator[Edit]:
    for other in ctx.model.stages:
        image = other.node.image
        if other.base_stage is stage and image is not None and image.text.lower() == stage.key and image.text != stage.key:
            yield replace(image.span, image.text.lower())
    for ref in from_refs(ctx):
        if "$" not in ref.raw and ref.raw != ref.raw.lower() and resolve(ref, ctx) is stage:
            yield replace(ref.span, ref.raw.lower())
