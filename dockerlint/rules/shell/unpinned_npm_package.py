from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell._helpers import PER_INSTALL, named, unpinned
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL843",
    name="unpinned-npm-package",
    severity="warning",
    aliases=("DL3016",),
    summary="An `npm install` package has no version",
    rationale=(
        "`npm install <package>` takes the newest release on the day of the build. Pin it "
        "(`npm install -g typescript@5.7.2`), or declare it in `package.json` with a lock file and "
        "run `npm ci`. Git URLs with a `#ref`, tarballs and local paths are already fixed. A "
        "dist-tag (`pkg@latest`, `pkg@next`) or `pkg@*` moves with every release, so it is no pin; "
        "a version range (`pkg@^5.7`) is accepted, as hadolint does."
    ),
    bad="FROM node:22-alpine\nRUN npm install -g typescript\n",
    good="FROM node:22-alpine\nRUN npm install -g typescript@5.7.2\n",
    divergence=(
        "Installs behind `sudo -u node` or in `su node -c \"...\"` strings are checked (hadolint misses "
        "them); a GitHub shorthand without a ref (`user/repo`) is reported, and so is a dist-tag "
        "(`@latest`), which hadolint counts as a pin."
        + PER_INSTALL
    ),
)

OPTIONS = ("--loglevel", "--registry", "--prefix", "--cache", "--userconfig", "-w", "--workspace", "--omit",
           "--include", "--tag", "--install-strategy")
_TARBALLS = (".tar", ".tar.gz", ".tgz")
_GIT = ("git+", "git://", "github:", "gitlab:", "bitbucket:", "gist:")


def _pinned(package: str) -> bool:
    if package.startswith(("/", "./", "../", "~/", "file:")) or package in (".", "..") or package.endswith(_TARBALLS):
        return True
    if package.startswith(_GIT) or "://" in package or ("/" in package and not package.startswith("@")):
        return "#" in package
    name = package.split("/", 1)[1] if package.startswith("@") and "/" in package else package
    version = name.partition("@")[2]
    return bool(version) and not _moving(version)


def _moving(version: str) -> bool:
    """A dist-tag (`latest`, `next`, `beta`: any word that is not a semver range) or `*`/`x`:
    whatever the registry points at on the day of the build."""
    if version in ("*", "x", "X"):
        return True
    return version[0].isalpha() and not (version[0] in "vV" and version[1:2].isdigit())


@check(META, on=nodes.Run)
def unpinned_npm_package(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    found = [(rs, c) for rs, c in named(ctx, node, "npm") if c.subcommand(options_with_value=OPTIONS) in ("install", "i", "add")]
    yield from unpinned(ctx, node, META, found, _pinned, "Pin the version of `{package}`: `{package}@<version>`", OPTIONS,
                        shown=_without_tag)


def _without_tag(package: str) -> str:
    """`pnpm@latest` -> `pnpm`, `@scope/pkg@next` -> `@scope/pkg`: the name to pin."""
    scope, slash, rest = package.rpartition("/") if package.startswith("@") else ("", "", package)
    return scope + slash + rest.partition("@")[0] if "#" not in rest and "://" not in package else package
