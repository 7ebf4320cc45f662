"""Package managers at large: which subcommands refresh the index, install, or upgrade
everything, per tool (shared by package-upgrade and update-without-install)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from dockerlint.rules.shell import _apt

if TYPE_CHECKING:
    from dockerlint.shell import Command

# tool -> options of that tool whose value is the next word
OPTIONS: dict[str, tuple[str, ...]] = {
    "apt-get": _apt.OPTIONS, "apt": _apt.OPTIONS, "aptitude": _apt.OPTIONS,
    "apk": ("-X", "--repository", "-p", "--root", "--arch", "--keys-dir", "--repositories-file",
            "--cache-dir", "-t", "--virtual"),
    "yum": ("-c", "--config", "--installroot", "--releasever", "--setopt", "--enablerepo",
            "--disablerepo", "-x", "--exclude"),
    "dnf": ("-c", "--config", "--installroot", "--releasever", "--setopt", "--enablerepo",
            "--disablerepo", "-x", "--exclude", "--repo", "--repoid"),
    "microdnf": ("--config", "--installroot", "--releasever", "--setopt", "--enablerepo", "--disablerepo"),
    "tdnf": ("-c", "--config", "--installroot", "--releasever", "--enablerepo", "--disablerepo"),
    "zypper": ("-c", "--config", "-r", "--repo", "--root", "-R", "--installroot"),
}
FAMILY = {"apt-get": "apt", "apt": "apt", "aptitude": "apt", "apk": "apk", "yum": "rpm", "dnf": "rpm",
          "microdnf": "rpm", "tdnf": "rpm", "zypper": "zypper"}
REFRESH = {"apt-get": {"update"}, "apt": {"update"}, "aptitude": {"update"}, "apk": {"update"},
           "yum": {"makecache"}, "dnf": {"makecache", "mc"}, "microdnf": {"makecache"},
           "tdnf": {"makecache"}, "zypper": {"refresh", "ref"}}
INSTALL = {
    "apt": {"install", "upgrade", "dist-upgrade", "full-upgrade", "reinstall", "build-dep", "source",
            "safe-upgrade", "satisfy"},
    "apk": {"add", "upgrade", "fix"},
    "rpm": {"install", "in", "groupinstall", "localinstall", "reinstall", "rei", "update", "upgrade",
            "up", "distro-sync", "dsync", "group", "module", "swap"},
    "zypper": {"install", "in", "update", "up", "dist-upgrade", "dup", "source-install", "si", "patch"},
}
#: subcommands that upgrade every installed package (when given no package names)
UPGRADE_ALL = {
    "apt-get": {"upgrade", "dist-upgrade", "full-upgrade"}, "apt": {"upgrade", "dist-upgrade", "full-upgrade"},
    "aptitude": {"upgrade", "safe-upgrade", "full-upgrade", "dist-upgrade"},
    "apk": {"upgrade"}, "yum": {"update", "upgrade", "distro-sync"},
    "dnf": {"update", "upgrade", "up", "distro-sync", "dsync", "system-upgrade"},
    "microdnf": {"update", "upgrade"}, "tdnf": {"update", "upgrade", "distro-sync"},
    "zypper": {"update", "up", "dist-upgrade", "dup"},
}
TOOLS = tuple(OPTIONS)


def sub(cmd: Command) -> str | None:
    return cmd.subcommand(options_with_value=OPTIONS.get(cmd.name or "", ()))
