from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.labels._labels import SCHEMA_OPTIONS, check_format
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL709",
    name="label-not-semver",
    severity="warning",
    aliases=("DL3056",),
    summary="Label value is not a semantic version (schema format `semver`)",
    rationale=(
        "`org.opencontainers.image.version` and similar labels are compared and sorted by tools that expect Semantic Versioning 2.0.0 (`1.4.2`, `2.0.0-rc.1`)."
    ),
    bad="FROM alpine:3.20\nLABEL org.opencontainers.image.version=\"v1.4\"\n",
    good="FROM alpine:3.20\nLABEL org.opencontainers.image.version=\"1.4.0\"\n",
    options=SCHEMA_OPTIONS,
    example_settings={"label_schema": {"org.opencontainers.image.version": "semver"}},
)


# The regular expression published with Semantic Versioning 2.0.0.
_SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?"
)


def valid(value: str) -> bool:
    return _SEMVER.fullmatch(value) is not None


@check(META, on=nodes.Label)
def label_not_semver(node: nodes.Label, ctx: Context) -> Iterator[Finding]:
    yield from check_format(META, "semver", node, ctx, valid, "a semantic version such as `1.4.2` (no `v` prefix)")
