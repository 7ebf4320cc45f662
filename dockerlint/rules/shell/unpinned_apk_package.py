from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _managers
from dockerlint.rules.shell._helpers import PER_INSTALL, named, unpinned
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL830",
    name="unpinned-apk-package",
    severity="warning",
    aliases=("DL3018",),
    summary="An `apk add` package has no version",
    rationale=(
        "Without a version the package installed depends on the day of the build. Pin it: "
        "`curl=8.12.1-r0`, or allow patch releases with `curl~8.12`. A version in a variable "
        "(`curl=$CURL_VERSION`) counts as a pin."
    ),
    bad="FROM alpine:3.21\nRUN apk add --no-cache curl\n",
    good="FROM alpine:3.21\nRUN apk add --no-cache curl=8.12.1-r0\n",
    divergence="Paths and URLs (`/tmp/x.apk`) are not reported; a bare unknown variable (`$PACKAGES`) is not reported." + PER_INSTALL,
)

_PINNED = re.compile(r"[=~<>]")


def _pinned(package: str) -> bool:
    return bool(_PINNED.search(package)) or package.endswith(".apk") or "/" in package


@check(META, on=nodes.Run)
def unpinned_apk_package(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    found = [(rs, c) for rs, c in named(ctx, node, "apk") if _managers.sub(c) == "add"]
    yield from unpinned(ctx, node, META, found, _pinned, "Pin the version of `{package}`: `{package}=<version>`",
                        _managers.OPTIONS["apk"])
