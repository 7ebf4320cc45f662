from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.base_image._platform import parse_platform
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL105",
    name="constant-platform",
    severity="warning",
    aliases=("DL3029", "FromPlatformFlagConstDisallowed"),
    summary="`FROM --platform` pins a stage to one constant platform",
    rationale=(
        "A constant `--platform=linux/amd64` makes the stage ignore the platform you build for: "
        "on an arm64 machine, or in a multi-platform build, it silently pulls amd64 images and "
        "runs them under emulation, or produces an image for the wrong architecture. Leave the "
        "flag out, or use `$BUILDPLATFORM` (a build stage that cross-compiles) or "
        "`$TARGETPLATFORM`.\n\n"
        "A stage whose name mentions the platform's OS or architecture (`FROM --platform=linux/arm64 "
        "alpine AS build-arm64`) is deliberate and is not reported."
    ),
    bad="FROM --platform=linux/amd64 golang:1.23 AS build\n",
    good="FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n",
    divergence=(
        "Follows BuildKit: any variable in the value (`$TARGETOS/$TARGETARCH`, an ARG) means the "
        "value is not constant, and a stage named after the platform is exempt. hadolint reports "
        "every value that does not mention BUILDPLATFORM or TARGETPLATFORM, including "
        "`--platform=$MYPLATFORM`."
    ),
)


@check(META, on=nodes.From)
def constant_platform(node: nodes.From, ctx: Context) -> Iterator[Finding]:
    flag = node.flag("platform")
    if flag is None or flag.value is None:
        return
    from dockerlint.semantics.expand import find_refs

    if find_refs(flag.value.text, escape=ctx.model.escape):
        return  # a variable: the builder chooses
    platform = parse_platform(flag.value.text)
    if platform is None:
        return  # not a platform at all: the build fails with its own error
    name = node.stage_name.text if node.stage_name is not None else ""
    if (platform.os and platform.os in name) or (platform.arch and platform.arch in name):
        return
    yield ctx.finding(
        META, flag.value.span,
        f"`{flag.value.text}` fixes this stage's platform: remove `--platform`, or use `$BUILDPLATFORM` "
        "for a stage that runs build tools and `$TARGETPLATFORM` otherwise",
    )
