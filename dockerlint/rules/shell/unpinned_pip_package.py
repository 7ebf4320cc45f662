from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _pip
from dockerlint.rules.shell._helpers import PER_INSTALL, package_values, unpinned_finding, values
from dockerlint.semantics.scripts import commands
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL841",
    name="unpinned-pip-package",
    severity="warning",
    aliases=("DL3013",),
    summary="A `pip install` package has no version",
    rationale=(
        "Without a version specifier pip installs whatever is newest on the day of the build. "
        "Pin it (`flask==3.1.0`, or at least a range such as `flask>=3,<4`), or install from a "
        "requirements or constraints file (`-r`, `-c`). Local paths, wheels, archives and VCS "
        "URLs with a ref (`git+https://...@v1.2`) are already fixed. A version in a variable "
        "(`flask==$FLASK_VERSION`) counts as a pin."
    ),
    bad="FROM python:3.13-slim\nRUN pip install --no-cache-dir flask\n",
    good="FROM python:3.13-slim\nRUN pip install --no-cache-dir flask==3.1.0\n",
    divergence=(
        "With `-r requirements.txt`, packages named besides the file are still checked (hadolint "
        "skips the whole command); a VCS URL without a ref (`git+https://host/repo`) is reported."
        + PER_INSTALL
    ),
)

_SPECIFIER = re.compile(r"[<>=!~]=|[<>]")
_ARCHIVE = (".whl", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".zip")
_VCS = ("git+", "hg+", "svn+", "bzr+")


def _pinned(package: str) -> bool:
    if _SPECIFIER.search(package) or package.endswith(_ARCHIVE):
        return True
    if package.startswith(_VCS):
        return "@" in package.rsplit("/", 1)[-1]
    if "://" in package:
        return False
    return package in (".", "..") or "/" in package or package.startswith("~")


@check(META, on=nodes.Run)
def unpinned_pip_package(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    known = values(ctx, node)
    for rs, cmd in commands(ctx, node):
        found = _pip.install(cmd)
        if found is None or _pip.has_option(found[1], "-c", "--constraint"):
            continue
        loose = [(rs.word_span(word), package) for word in _pip.install_positionals(found[1])
                 for package in package_values(word, known) if package and not _pinned(package)]
        if loose:
            start = cmd.name_word or cmd.words[0]
            yield unpinned_finding(ctx, META, rs.span(start.start, found[0].end), loose,
                                   "Pin the version of `{package}`: `{package}==<version>`")
