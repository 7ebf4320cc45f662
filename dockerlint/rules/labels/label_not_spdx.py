from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.labels._labels import SCHEMA_OPTIONS, check_format
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL707",
    name="label-not-spdx",
    severity="warning",
    aliases=("DL3054",),
    summary="Label value is not an SPDX license expression (schema format `spdx`)",
    rationale=(
        "`org.opencontainers.image.licenses` is defined as an SPDX license expression, so that scanners can tell what license the image is under; free text (`Apache 2`) cannot be read by them."
    ),
    bad="FROM alpine:3.20\nLABEL org.opencontainers.image.licenses=\"Apache 2\"\n",
    good="FROM alpine:3.20\nLABEL org.opencontainers.image.licenses=\"Apache-2.0\"\n",
    options=SCHEMA_OPTIONS,
    example_settings={"label_schema": {"org.opencontainers.image.licenses": "spdx"}},
    divergence="SPDX *expressions* (`MIT OR Apache-2.0`, `LicenseRef-...`) are accepted, as the OCI image spec defines the label; hadolint accepts a single license id only.",
)


def valid(value: str) -> bool:
    from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression

    try:
        canonicalize_license_expression(value)
    except InvalidLicenseExpression:
        return False
    return True


@check(META, on=nodes.Label)
def label_not_spdx(node: nodes.Label, ctx: Context) -> Iterator[Finding]:
    yield from check_format(META, "spdx", node, ctx, valid, "an SPDX license id or expression such as `Apache-2.0` or `MIT OR Apache-2.0`")
