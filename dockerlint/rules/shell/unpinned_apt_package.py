from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _apt
from dockerlint.rules.shell._helpers import PER_INSTALL, unpinned
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL820",
    name="unpinned-apt-package",
    severity="warning",
    aliases=("DL3008",),
    summary="An `apt-get install` package has no version",
    rationale=(
        "Without a version, the package installed depends on the day of the build: a rebuild "
        "can silently bring a new major version or break. Pin it with `name=version` (a version "
        "glob such as `name=1.2.*` works too), or a release with `name/release`.\n\n"
        "A version held in a variable counts as a pin (`curl=$CURL_VERSION`); a variable "
        "known from `ARG`/`ENV` is expanded and each package in it checked."
    ),
    bad="FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n"
        " && rm -rf /var/lib/apt/lists/*\n",
    good="FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n"
         " && rm -rf /var/lib/apt/lists/*\n",
    divergence=(
        "Also checks `apt install`. A package argument that is only a variable with no known "
        "value (`$PACKAGES`) is not reported: it may hold pinned packages (hadolint reports it)."
        + PER_INSTALL
    ),
)


def _pinned(package: str) -> bool:
    return "=" in package or "/" in package or package.endswith(".deb")


@check(META, on=nodes.Run)
def unpinned_apt_package(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    yield from unpinned(ctx, node, META, _apt.installs(ctx, node), _pinned,
                        "Pin the version of `{package}`: `{package}=<version>`", _apt.OPTIONS)
