from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.labels._labels import SCHEMA_OPTIONS, label_pairs
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL702",
    name="missing-required-label",
    severity="info",
    aliases=("DL3049",),
    summary="The image lacks a label that `label-schema` requires",
    rationale=(
        "Labels such as `org.opencontainers.image.source` or `.licenses` are how registries, "
        "scanners and people find out where an image comes from and who owns it; `label-schema` "
        "lists the ones your images must carry. Silent until `label-schema` is set."
    ),
    bad="FROM alpine:3.20\nLABEL org.opencontainers.image.title=\"api\"\n",
    good=(
        "FROM alpine:3.20\nLABEL org.opencontainers.image.title=\"api\" \\\n"
        "      org.opencontainers.image.source=\"https://github.com/example/api\"\n"
    ),
    options=SCHEMA_OPTIONS,
    example_settings={"label_schema": {"org.opencontainers.image.source": "url"}},
    divergence=(
        "Only the final stage (with the stages it is built FROM) is checked, since only its labels "
        "end up in the image; hadolint checks every stage not used by `COPY --from`."
    ),
)


@check(META)
def missing_required_label(ctx: Context) -> Iterator[Finding]:
    schema = ctx.settings.label_schema
    final = ctx.model.final_stage
    if not schema or final is None:
        return
    present: set[str] = set()
    stage = final
    while stage is not None:
        for ins in stage.instructions:
            if isinstance(ins, nodes.Label):
                present.update(label.key for label in label_pairs(ins, ctx))
        stage = stage.base_stage
    node = final.node
    span = node.image.span if node.image is not None else node.keyword.span
    for label in schema:
        if label not in present:
            yield ctx.finding(META, span, f"Add the label `{label}` to the final stage (`LABEL {label}=...`)")
