from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.labels._labels import SCHEMA_OPTIONS, check_format
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL708",
    name="label-not-git-hash",
    severity="warning",
    aliases=("DL3055",),
    summary="Label value is not a git commit hash (schema format `hash`)",
    rationale=(
        "A revision label (`org.opencontainers.image.revision`) ties the image to the commit it was built from; a branch name or tag moves, a commit hash does not."
    ),
    bad="FROM alpine:3.20\nLABEL org.opencontainers.image.revision=\"main\"\n",
    good="FROM alpine:3.20\nLABEL org.opencontainers.image.revision=\"4f2d9c1\"\n",
    options=SCHEMA_OPTIONS,
    example_settings={"label_schema": {"org.opencontainers.image.revision": "hash"}},
    divergence="Any abbreviation from 7 to 40 hex digits and 64-digit SHA-256 object names are accepted; hadolint accepts exactly 7 or 40.",
)


_HASH = re.compile(r"[0-9a-f]{7,40}|[0-9a-f]{64}")


def valid(value: str) -> bool:
    return _HASH.fullmatch(value) is not None


@check(META, on=nodes.Label)
def label_not_git_hash(node: nodes.Label, ctx: Context) -> Iterator[Finding]:
    yield from check_format(META, "hash", node, ctx, valid, "a commit hash in lower-case hex (`git rev-parse HEAD`)")
