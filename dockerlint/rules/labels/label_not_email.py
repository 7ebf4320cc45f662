from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.labels._labels import SCHEMA_OPTIONS, check_format
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL710",
    name="label-not-email",
    severity="warning",
    aliases=("DL3058",),
    summary="Label value is not an e-mail address (schema format `email`)",
    rationale=(
        "Contact labels (`org.opencontainers.image.authors` in a schema that wants an address) are only useful when they hold an address mail can reach."
    ),
    bad="FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"ops team\"\n",
    good="FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"ops@example.com\"\n",
    options=SCHEMA_OPTIONS,
    example_settings={"label_schema": {"org.opencontainers.image.authors": "email"}},
)


# RFC 5322 addr-spec: a dot-atom or quoted local part, a dot-atom domain or a [literal].
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_EMAIL = re.compile(
    rf"(?:{_ATOM}(?:\.{_ATOM})*|\"(?:[^\"\\\r\n]|\\.)*\")"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[^\[\]\\\s]*\])"
)


def valid(value: str) -> bool:
    return _EMAIL.fullmatch(value) is not None


@check(META, on=nodes.Label)
def label_not_email(node: nodes.Label, ctx: Context) -> Iterator[Finding]:
    yield from check_format(META, "email", node, ctx, valid, "an e-mail address such as `ops@example.com`")
