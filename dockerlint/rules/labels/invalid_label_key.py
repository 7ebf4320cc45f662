from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.labels._labels import label_pairs
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL701",
    name="invalid-label-key",
    severity="style",
    aliases=("DL3048",),
    summary="A label key does not follow Docker's key format",
    rationale=(
        "Docker's guidelines for label keys: lower-case letters, digits, `.`, `-` (and, as "
        "hadolint accepts, `_` and `/`), starting with a letter and ending with a letter or digit, "
        "with no repeated `.` or `-`; and reverse-DNS prefixes, since the `com.docker.*`, "
        "`io.docker.*` and `org.dockerproject.*` namespaces are reserved for Docker. Tools that "
        "read labels (`org.opencontainers.image.*`) expect keys in this form."
    ),
    bad="FROM alpine:3.20\nLABEL Maintainer=\"ops@example.com\"\n",
    good="FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"ops@example.com\"\n",
)

_VALID = re.compile(r"[a-z](?:[a-z0-9._/-]*[a-z0-9])?")
_RESERVED = ("com.docker.", "io.docker.", "org.dockerproject.")


def problem(key: str) -> str | None:
    if key.startswith(_RESERVED):
        return "uses a namespace reserved for Docker: use your own reverse-DNS prefix"
    if ".." in key or "--" in key:
        return "repeats a separator: use a single `.` or `-`"
    if not _VALID.fullmatch(key):
        return "must be lower-case letters, digits, `.`, `-`, `_` or `/`, start with a letter and end with a letter or digit"
    return None


@check(META, on=nodes.Label)
def invalid_label_key(node: nodes.Label, ctx: Context) -> Iterator[Finding]:
    for label in label_pairs(node, ctx):
        if "$" in label.pair.key.text:
            continue
        why = problem(label.key)
        if why is not None:
            yield ctx.finding(META, label.pair.key.span, f"Label key `{label.key}` {why}")
