from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.labels._labels import SCHEMA_OPTIONS, label_pairs
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL704",
    name="empty-label",
    severity="warning",
    aliases=("DL3051",),
    summary="A label required by `label-schema` is empty",
    rationale=(
        "An empty required label satisfies the letter of the schema but tells nothing; usually the "
        "ARG that should fill it has no default (`LABEL org.opencontainers.image.revision=$GIT_SHA`)."
    ),
    bad="FROM alpine:3.20\nLABEL org.opencontainers.image.revision=\"\"\n",
    good="FROM alpine:3.20\nLABEL org.opencontainers.image.revision=\"4f2d9c1\"\n",
    options=SCHEMA_OPTIONS,
    example_settings={"label_schema": {"org.opencontainers.image.revision": "hash"}},
    divergence="A value from an ARG with no default is unknown to a linter, not empty, so it is not reported.",
)


@check(META, on=nodes.Label)
def empty_label(node: nodes.Label, ctx: Context) -> Iterator[Finding]:
    schema = ctx.settings.label_schema
    for label in label_pairs(node, ctx):
        if label.key in schema and label.value == "":
            span = label.pair.value.span if label.pair.value is not None else label.pair.key.span
            yield ctx.finding(META, span, f"Give the label `{label.key}` a value")
