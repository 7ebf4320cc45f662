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
    fix="safe",
    fix_description=(
        "Rewrite as `key=value`. BuildKit processes the value the same way in both forms (variables, "
        "quotes, escapes), except that `key=value` ends the value at the first unquoted blank: a value "
        "without quotes or escape characters is wrapped in double quotes; any other keeps its spelling "
        "and has each unquoted blank escaped. The value BuildKit sets is the same, so the fix is safe."
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


def _fix(pair: nodes.KeyValue, value: nodes.Word, esc: str) -> Fix | None:
    text = value.text
    title = f"Rewrite as `{pair.key.text}=…`"
    if not any(ch in text for ch in (esc, '"', "'")):
        return Fix(title, (Edit(pair.key.span.end, value.span.start, '="'), insert(value.span.end, '"')))
    blanks = _unquoted_blanks(text, esc)
    if blanks is None:
        return None
    return Fix(title, (Edit(pair.key.span.end, value.span.start, "="), *(insert(value.source_offset(i), esc) for i in blanks)))


def _unquoted_blanks(text: str, esc: str) -> list[int] | None:
    """Offsets of the blanks BuildKit's `key=value` parsing would split on (None: an open quote or
    a trailing escape, where the word is not understood)."""
    out: list[int] = []
    quote, i = "", 0
    while i < len(text):
        ch = text[i]
        if quote == "'":
            quote = "" if ch == "'" else quote
        elif ch == esc:
            i += 1
            if i == len(text):
                return None
        elif quote == '"':
            quote = "" if ch == '"' else quote
        elif ch in "'\"":
            quote = ch
        elif ch in " \t":
            out.append(i)
        i += 1
    return None if quote else out
