from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL110",
    name="invalid-image-reference",
    severity="error",
    summary="A `FROM` names neither an earlier stage nor a valid image reference",
    rationale=(
        "`docker build` parses the image of every `FROM` as a reference "
        "(`[registry[:port]/]name[:tag][@digest]`, the name in lowercase) and stops when it is "
        "not one: `FROM baseImage` and placeholders left in templates (`FROM REPLACE-ME`) never "
        "build. Name the image in lowercase, or the earlier stage you meant."
    ),
    bad="FROM baseImage\n",
    good="FROM base-image:1.0\n",
    divergence=(
        "This rule reports images written literally; when a `FROM` uses variables, "
        "invalid-default-arg-in-from reports an invalid result of their defaults, so each invalid "
        "reference has one finding. hadolint reports `FROM baseImage` as untagged (DL3006)."
    ),
)


@check(META, on=nodes.From)
def invalid_image_reference(node: nodes.From, ctx: Context) -> Iterator[Finding]:
    stage = ctx.model.stage_of(node)
    if node.image is None or stage is None or stage.image is None or "$" in node.image.text:
        return
    if not stage.image.valid:
        yield ctx.finding(META, node.image.span,
                          f"`{node.image.text}` is not a valid image reference "
                          f"({(stage.image.error or '').removeprefix('invalid reference format: ')}), "
                          "and no earlier stage has that name: `docker build` stops here")
