from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell._helpers import PER_INSTALL, named, unpinned
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL844",
    name="unpinned-gem",
    severity="warning",
    aliases=("DL3028",),
    summary="A `gem install` gem has no version",
    rationale=(
        "`gem install <gem>` takes the newest release on the day of the build. Pin it with "
        "`gem install rails:8.0.1` or `-v 8.0.1`, or use a Gemfile with a lock file and `bundle install`."
    ),
    bad="FROM ruby:3.4\nRUN gem install rails\n",
    good="FROM ruby:3.4\nRUN gem install rails:8.0.1\n",
    divergence="Local `.gem` files are not reported." + PER_INSTALL,
)

OPTIONS = ("-v", "--version", "-i", "--install-dir", "-n", "--bindir", "-s", "--source", "--platform",
           "-P", "--trust-policy", "-g", "--file")


@check(META, on=nodes.Run)
def unpinned_gem(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    found = [(rs, c) for rs, c in named(ctx, node, "gem")
             if c.subcommand(options_with_value=OPTIONS) in ("install", "i") and not c.has_flag("-v", "--version")]
    yield from unpinned(ctx, node, META, found, lambda g: ":" in g or g.endswith(".gem") or "/" in g,
                        "Pin the version of `{package}`: `{package}:<version>`", OPTIONS)
