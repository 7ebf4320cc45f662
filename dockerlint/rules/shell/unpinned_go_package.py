from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell._helpers import PER_INSTALL, head_span, named, package_values, unpinned_finding, values
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL845",
    name="unpinned-go-package",
    severity="warning",
    aliases=("DL3062",),
    summary="`go install`, `go get` or `go run` of a module without a version",
    rationale=(
        "Without `@version` (or with `@latest`) Go fetches the newest version on the day of the "
        "build. Name the version: `go install golang.org/x/tools/gopls@v0.17.1`. Packages of the "
        "module being built (`.`, `./cmd/...`) need none."
    ),
    bad="FROM golang:1.24\nRUN go install golang.org/x/tools/gopls@latest\n",
    good="FROM golang:1.24\nRUN go install golang.org/x/tools/gopls@v0.17.1\n",
    divergence="`go get pkg@none` (removing a dependency) is not reported." + PER_INSTALL,
)

OPTIONS = ("-ldflags", "-gcflags", "-tags", "-o", "-mod", "-modfile", "-p", "-asmflags", "-buildmode",
           "-compiler", "-gccgoflags", "-installsuffix", "-overlay", "-pkgdir", "-toolexec", "-C", "-exec", "-pgo")


def _pinned(package: str) -> bool:
    if package in (".", "..") or package.startswith(("./", "../", "/")) or package.endswith(".go"):
        return True
    _, at, version = package.rpartition("@")
    return bool(at) and version not in ("latest", "")


@check(META, on=nodes.Run)
def unpinned_go_package(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    known = values(ctx, node)
    for rs, cmd in named(ctx, node, "go"):
        sub = cmd.subcommand(options_with_value=OPTIONS)
        if sub not in ("install", "get", "run"):
            continue
        words = cmd.positional_args(OPTIONS)
        loose = [(rs.word_span(word), package.rpartition("@")[0] or package)
                 for word in (words[:1] if sub == "run" else words) for package in package_values(word, known)
                 if package and not package.endswith("@none") and not _pinned(package)]
        if loose:
            yield unpinned_finding(ctx, META, head_span(rs, cmd, OPTIONS), loose,
                                   "Pin the version of `{package}`: `{package}@<version>`")
