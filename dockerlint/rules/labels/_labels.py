"""Shared by the label rules: LABEL pairs as Docker stores them, and the schema checks."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple

from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.rules.api import Finding, RuleMeta

SCHEMA_OPTIONS = {
    "label-schema": (
        "top-level setting: required labels and their format, `label: text|url|semver|hash|rfc3339|spdx|email` "
        "(hadolint's `label-schema`)"
    ),
}


class LabelPair(NamedTuple):
    pair: nodes.KeyValue
    key: str  # quotes removed, variables expanded
    value: str | None  # None when it uses a variable with no known value


def label_pairs(node: nodes.Label, ctx: Context) -> Iterator[LabelPair]:
    for pair in node.pairs:
        key = ctx.model.expand(pair.key, node).value
        value: str | None = ""
        if pair.value is not None:
            expansion = ctx.model.expand(pair.value, node)
            value = None if expansion.unresolved else expansion.value
        yield LabelPair(pair, key, value)


def check_format(meta: RuleMeta, kind: str, node: nodes.Label, ctx: Context,
                 valid: Callable[[str], bool], expected: str) -> Iterator[Finding]:
    """Report every label the schema gives format `kind` whose value is not `expected`."""
    schema = ctx.settings.label_schema
    if kind not in schema.values():
        return
    for label in label_pairs(node, ctx):
        if schema.get(label.key) != kind or not label.value or valid(label.value):
            continue  # empty values are empty-label's
        span = label.pair.value.span if label.pair.value is not None else label.pair.span
        yield ctx.finding(meta, span, f"Label `{label.key}` is `{label.value}`: write {expected}")
