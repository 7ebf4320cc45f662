from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.labels._labels import SCHEMA_OPTIONS, check_format
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL706",
    name="label-not-rfc3339",
    severity="warning",
    aliases=("DL3053",),
    summary="Label value is not an RFC 3339 timestamp (schema format `rfc3339`)",
    rationale=(
        "`org.opencontainers.image.created` and similar labels are read by machines, which expect an RFC 3339 date-time with a time zone (`2024-05-01T12:00:00Z`)."
    ),
    bad="FROM alpine:3.20\nLABEL org.opencontainers.image.created=\"2024-05-01 12:00\"\n",
    good="FROM alpine:3.20\nLABEL org.opencontainers.image.created=\"2024-05-01T12:00:00Z\"\n",
    options=SCHEMA_OPTIONS,
    example_settings={"label_schema": {"org.opencontainers.image.created": "rfc3339"}},
)


_RFC3339 = re.compile(r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")


def valid(value: str) -> bool:
    """RFC 3339 `date-time`, with real calendar dates and clock times (a leap second allowed)."""
    m = _RFC3339.fullmatch(value)
    if m is None:
        return False
    from datetime import date

    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    offset = m.group(8)
    if offset not in ("Z", "z") and (int(offset[1:3]) > 23 or int(offset[4:6]) > 59):
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return hour < 24 and minute < 60 and second <= 60


@check(META, on=nodes.Label)
def label_not_rfc3339(node: nodes.Label, ctx: Context) -> Iterator[Finding]:
    yield from check_format(META, "rfc3339", node, ctx, valid, "an RFC 3339 date-time such as `2024-05-01T12:00:00Z`")
