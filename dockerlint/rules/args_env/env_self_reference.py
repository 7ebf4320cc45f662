from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL503",
    name="env-self-reference",
    severity="error",
    aliases=("DL3044",),
    summary="An ENV uses a variable that the same ENV sets",
    rationale=(
        "All the values of one `ENV` are expanded before any of its variables is set, so in "
        "`ENV APP_HOME=/srv/app APP_BIN=$APP_HOME/bin` the `$APP_HOME` is the value from before "
        "this line (usually empty: `APP_BIN=/bin`). Set the variable in its own `ENV`, before the "
        "one that uses it."
    ),
    bad="FROM alpine:3.20\nENV APP_HOME=/srv/app APP_BIN=$APP_HOME/bin\n",
    good="FROM alpine:3.20\nENV APP_HOME=/srv/app\nENV APP_BIN=$APP_HOME/bin\n",
    divergence=(
        "hadolint stays quiet when the variable already had a value before this ENV; the value "
        "used is then the old one, not the one set on this line, which is just as surprising, so "
        "it is reported too (the message names the old value)."
    ),
)


@check(META, on=nodes.Env)
def env_self_reference(node: nodes.Env, ctx: Context) -> Iterator[Finding]:
    from dockerlint.semantics.expand import find_refs

    before = ctx.model.values(node)
    set_here: dict[str, nodes.KeyValue] = {}
    for pair in node.pairs:
        if pair.value is not None:
            for ref in find_refs(pair.value.text, escape=ctx.model.escape):
                if ref.name in set_here:
                    old = before.get(ref.name)
                    now = f"its old value `{old}`" if old else "an empty string"
                    yield ctx.finding(
                        META, pair.value.sub_span(ref.start, ref.end),
                        f"`${ref.name}` here is {now}, not the value set earlier in this ENV: "
                        f"move `{pair.key.text}=...` to its own ENV after this one",
                    )
        set_here[pair.key.text] = pair
