from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _apt
from dockerlint.semantics.scripts import commands
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.shell import Command

META = RuleMeta(
    code="DKL814",
    name="package-signature-check-disabled",
    severity="error",
    aliases=("CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11"),
    summary="Packages are installed without checking their signatures",
    rationale=(
        "Package signatures are what proves a package comes from the distribution and was not "
        "altered on a mirror or on the way. Import the repository's key instead of turning the "
        "check off.\n\n"
        "Reported: `apk --allow-untrusted`, `apt-get --allow-unauthenticated`, `--force-yes`, "
        "`--allow-insecure-repositories`, `-o APT::Get::AllowUnauthenticated=true`, "
        "yum/dnf/microdnf/tdnf `--nogpgcheck` and `--setopt=gpgcheck=0`, `rpm --nosignature`/"
        "`--nodigest`/`--noverify`/`--nofiledigest`, `zypper --no-gpg-checks`."
    ),
    bad="FROM alpine:3.21\nCOPY app.apk /tmp/\nRUN apk add --no-cache --allow-untrusted /tmp/app.apk\n",
    good="FROM alpine:3.21\nCOPY app.apk /tmp/\nCOPY keys/ /etc/apk/keys/\nRUN apk add --no-cache /tmp/app.apk\n",
)

_FLAGS = {
    "apk": ("--allow-untrusted",),
    "apt-get": ("--allow-unauthenticated", "--force-yes", "--allow-insecure-repositories"),
    "apt": ("--allow-unauthenticated", "--allow-insecure-repositories"),
    "yum": ("--nogpgcheck",), "dnf": ("--nogpgcheck", "--no-gpgchecks"), "microdnf": ("--nogpgcheck",),
    "tdnf": ("--nogpgcheck",), "rpm": ("--nosignature", "--nodigest", "--noverify", "--nofiledigest"),
    "zypper": ("--no-gpg-checks",),
}


def _disabled(cmd: Command) -> str | None:
    name = cmd.name or ""
    for flag in _FLAGS.get(name, ()):
        if cmd.has_flag(flag):
            return f"`{name} {flag}` installs packages without checking their signatures"
    if name in ("apt-get", "apt") and _apt.option_set(cmd, "APT::Get::AllowUnauthenticated", ("true", "1", "yes")):
        return "`APT::Get::AllowUnauthenticated` installs packages without checking their signatures"
    if name in ("yum", "dnf", "microdnf", "tdnf") and any(_gpgcheck_off(w.value or "") for w in cmd.args):
        return f"`{name}` with `gpgcheck=0` installs packages without checking their signatures"
    return None


def _gpgcheck_off(word: str) -> bool:
    """`--setopt=gpgcheck=0`, `--setopt=repo.gpgcheck=false`, or the value word after `--setopt`."""
    setting = word.lower().removeprefix("--setopt=")
    return setting.rsplit(".", 1)[-1] in ("gpgcheck=0", "gpgcheck=false", "gpgcheck=no")


@check(META, on=nodes.Run)
def package_signature_check_disabled(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for rs, cmd in commands(ctx, node):
        message = _disabled(cmd)
        if message:
            yield ctx.finding(META, rs.command_span(cmd), message)
