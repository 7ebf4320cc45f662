from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell._helpers import cache_mounted, image_stage, named, uncleaned
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL846",
    name="yarn-cache-kept",
    severity="info",
    aliases=("DL3060",),
    summary="`yarn install` without `yarn cache clean` in the same RUN",
    rationale=(
        "yarn keeps a copy of every package in its global cache; in an image that cache is "
        "never reused and can be as large as `node_modules`. Run `yarn cache clean` in the same "
        "RUN, after the install, or use a cache mount on the yarn cache.\n\n"
        "Only stages whose files end up in an image are checked: the final stage and stages "
        "other stages are built `FROM`."
    ),
    bad="FROM node:22-alpine\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n",
    good="FROM node:22-alpine\nWORKDIR /app\nCOPY package.json yarn.lock ./\n"
         "RUN yarn install --frozen-lockfile && yarn cache clean\n",
    fix="safe",
    fix_description=(
        "Appends `&& yarn cache clean` to the RUN. Safe: yarn's cache only speeds up a later download (an "
        "`--offline` install in a later RUN of the same image would need it; that is rare enough to say "
        "here rather than check)."
    ),
    divergence="A bare `yarn` (which installs) is checked too.",
)


def _installs(cmd) -> bool:
    sub = cmd.subcommand()
    return sub == "install" or (sub is None and not cmd.has_flag("-v", "--version", "-h", "--help"))


def _cleans(_, cmd) -> bool:
    return cmd.name == "yarn" and [w.value for w in cmd.positional_args(after_subcommand=False)][:2] == ["cache", "clean"]


@check(META, on=nodes.Run)
def yarn_cache_kept(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    if not image_stage(ctx, node) or cache_mounted(node, ".cache/yarn", ".yarn/cache", ".yarn/berry/cache"):
        return
    installs = [(rs, c) for rs, c in named(ctx, node, "yarn") if _installs(c)]
    yield from uncleaned(ctx, node, META, installs, _cleans, lambda _: "yarn cache clean",
                         "Clean yarn's cache in the same RUN: `&& {clean}`")
