from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Edit, Finding, Fix, RuleMeta, check, insert
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL603",
    name="legacy-key-value-format",
    severity="warning",
    aliases=("LegacyKeyValueFormat",),
    summary="`ENV key value` or `LABEL key value` without `=`",
    rationale=(
        "The space-separated form sets one variable to the whole rest of the line, so "
        "`ENV A 1 B 2` sets `A` to `1 B 2`. It is deprecated in favour of `key=value`, which reads "
        "the same everywhere and allows several pairs."
    ),
    bad="FROM alpine:3.20\nENV APP_HOME /srv/app\n",
    good='FROM alpine:3.20\nENV APP_HOME="/srv/app"\n',
    fix="sometimes",
    fix_description=(
        "Rewrite as `key=\"value\"`: safe when the value has no quotes or escape characters (their "
        "meaning changes inside double quotes), unsafe otherwise."
    ),
)


@check(META, on=(nodes.Env, nodes.Label))
def legacy_key_value_format(node: nodes.Env | nodes.Label, ctx: Context) -> Iterator[Finding]:
    for pair in node.pairs:
        if pair.equals or pair.value is None:
            continue
        yield ctx.finding(
            META, pair.span, f"Write `{pair.key.text}=\"…\"`: the `{node.keyword.text} key value` form is deprecated",
            fix=_fix(pair, pair.value, ctx.dockerfile.escape),
        )


def _fix(pair: nodes.KeyValue, value: nodes.Word, esc: str) -> Fix:
    special = (esc, '"', "'")
    edits = [Edit(pair.key.span.end, value.span.start, '="')]
    for i, ch in enumerate(value.text):
        if ch in (esc, '"'):
            edits.append(insert(value.source_offset(i), esc))
    edits.append(insert(value.span.end, '"'))
    safe = not any(ch in value.text for ch in special)
    return Fix(f"Rewrite as `{pair.key.text}=\"…\"`", tuple(edits), safe=safe)
