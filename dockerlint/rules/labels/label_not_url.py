from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.labels._labels import SCHEMA_OPTIONS, check_format
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL705",
    name="label-not-url",
    severity="warning",
    aliases=("DL3052",),
    summary="Label value is not a URL (schema format `url`)",
    rationale=(
        "Labels such as `org.opencontainers.image.source` and `.url` are followed by tools and people; a value that is not an absolute URL (with a scheme, as RFC 3986 defines it) leads nowhere."
    ),
    bad="FROM alpine:3.20\nLABEL org.opencontainers.image.source=\"github.com/example/api\"\n",
    good="FROM alpine:3.20\nLABEL org.opencontainers.image.source=\"https://github.com/example/api\"\n",
    options=SCHEMA_OPTIONS,
    example_settings={"label_schema": {"org.opencontainers.image.source": "url"}},
)


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_URI_CHARS = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")


def valid(value: str) -> bool:
    """An absolute URI (RFC 3986): a scheme, then only URI characters and valid %-escapes."""
    scheme = _SCHEME.match(value)
    return scheme is not None and _URI_CHARS.fullmatch(value, scheme.end()) is not None


@check(META, on=nodes.Label)
def label_not_url(node: nodes.Label, ctx: Context) -> Iterator[Finding]:
    yield from check_format(META, "url", node, ctx, valid, "an absolute URL such as `https://example.com/project`")
