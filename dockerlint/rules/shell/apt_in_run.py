from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, replace
from dockerlint.rules.shell import _apt
from dockerlint.rules.shell._helpers import named
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL824",
    name="apt-in-run",
    severity="warning",
    aliases=("DL3027", "CKV_DOCKER_9"),
    summary="`apt` is used in a script; `apt-get` is the command for scripts",
    rationale=(
        "`apt` is the interactive front end: its output and options may change between releases "
        "and it warns that it \"does not have a stable CLI interface\". Scripts should use "
        "`apt-get` (and `apt-cache` for queries), whose interface is stable."
    ),
    bad="FROM debian:12\nRUN apt install -y --no-install-recommends curl=7.88.1-10+deb12u8\n",
    good="FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n",
    fix="sometimes",
    fix_description=(
        "Replaces `apt` with `apt-get` for the subcommands both have (install, update, remove, ...); "
        "queries such as `apt search` need `apt-cache` and get no fix. Safe for those: they do the same "
        "(`apt` only adds progress output and deletes downloaded packages, which the official Debian "
        "and Ubuntu images do anyway). Unsafe for `upgrade`: `apt upgrade` installs the new packages an "
        "upgrade needs, `apt-get upgrade` holds those upgrades back."
    ),
    divergence="Checkov's CKV_DOCKER_9 skips a command segment that also contains `rm`; this rule does not.",
)

_SHARED = frozenset({
    "install", "update", "upgrade", "dist-upgrade", "remove", "purge", "autoremove", "autopurge",
    "clean", "autoclean", "build-dep", "source", "download", "satisfy", "reinstall",
})


@check(META, on=nodes.Run)
def apt_in_run(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for rs, cmd in named(ctx, node, "apt"):
        word = cmd.name_word
        if word is None:
            continue
        fix = None
        if rs.exact and word.text == "apt" and _apt.sub(cmd) in _SHARED:
            fix = Fix("Replace `apt` with `apt-get`", (replace(rs.word_span(word), "apt-get"),),
                      safe=_apt.sub(cmd) != "upgrade")
        yield ctx.finding(META, rs.word_span(word), "Use `apt-get` (or `apt-cache`) in scripts: `apt` has no stable interface", fix=fix)
