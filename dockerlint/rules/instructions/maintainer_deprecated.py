from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, replace
from dockerlint.rules.instructions._helpers import cased_like
from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL604",
    name="maintainer-deprecated",
    severity="warning",
    aliases=("DL4000", "MaintainerDeprecated", "DS022", "CKV_DOCKER_6"),
    summary="MAINTAINER is deprecated",
    rationale=(
        "`MAINTAINER` has been deprecated since Docker 1.13: the author belongs in a label, where "
        "tools look for it. The OCI annotation is `org.opencontainers.image.authors`."
    ),
    bad="FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n",
    good='FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
    fix="unsafe",
    fix_description=(
        "Replace it with `LABEL org.opencontainers.image.authors=\"…\"` (the text quoted and escaped). Unsafe: "
        "the image no longer carries the `Author` field of its configuration, which `docker inspect` and "
        "registries show; whatever reads it must read the label instead."
    ),
    tags=("deprecated",),
    divergence="hadolint reports it as an error; like BuildKit we warn, since it still builds.",
)


@check(META, on=nodes.Maintainer)
def maintainer_deprecated(node: nodes.Maintainer, ctx: Context) -> Iterator[Finding]:
    fix = None
    if node.text is not None:
        esc = ctx.dockerfile.escape
        # MAINTAINER takes its text literally; inside a LABEL's double quotes these three are special
        value = node.text.text.replace(esc, esc + esc).replace('"', esc + '"').replace("$", esc + "$")
        label = f'{cased_like(node.keyword, "LABEL")} org.opencontainers.image.authors="{value}"'
        fix = Fix("Replace with an `org.opencontainers.image.authors` label",
                  (replace(Span(node.keyword.span.start, node.text.span.end), label),))
    yield ctx.finding(META, node.keyword.span, "Replace MAINTAINER with `LABEL org.opencontainers.image.authors=\"…\"`", fix=fix)
