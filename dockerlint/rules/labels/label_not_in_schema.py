from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.labels._labels import SCHEMA_OPTIONS, label_pairs
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL703",
    name="label-not-in-schema",
    severity="info",
    aliases=("DL3050",),
    summary="A label is not in `label-schema` while `strict-labels` is on",
    rationale=(
        "With `strict-labels`, the schema is the complete list of labels an image may carry, so a "
        "misspelt key (`org.opencontainers.image.licence`) or an ad-hoc label is caught."
    ),
    bad="FROM alpine:3.20\nLABEL org.opencontainers.image.licence=\"MIT\"\n",
    good="FROM alpine:3.20\nLABEL org.opencontainers.image.licenses=\"MIT\"\n",
    options={**SCHEMA_OPTIONS, "strict-labels": "top-level setting: report labels not in the schema (hadolint's `strict-labels`)"},
    example_settings={"label_schema": {"org.opencontainers.image.licenses": "spdx"}, "strict_labels": True},
    divergence="One finding per unknown label, on its key (hadolint reports the LABEL once).",
)


@check(META, on=nodes.Label)
def label_not_in_schema(node: nodes.Label, ctx: Context) -> Iterator[Finding]:
    if not ctx.settings.strict_labels:
        return
    from dockerlint.rules._suggest import closest

    schema = ctx.settings.label_schema
    for label in label_pairs(node, ctx):
        if label.key in schema or "$" in label.pair.key.text:
            continue
        match = closest(label.key, schema)
        advice = f"did you mean `{match}`?" if match else "remove it, or add it to `label-schema`"
        yield ctx.finding(META, label.pair.key.span, f"Label `{label.key}` is not in the label schema: {advice}")
