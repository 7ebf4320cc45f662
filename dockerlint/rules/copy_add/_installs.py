"""Dependency installs, by ecosystem: which commands install from which manifest files.

Shared by the rules that reason about layer caching (cache-busting-copy) so that all
agree on what an install is.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dockerlint.shell import Command

_PIP = re.compile(r"pip(\d+(\.\d+)?)?\Z")
_INSTALLERS = frozenset({"poetry", "uv", "pipenv", "npm", "yarn", "pnpm", "go", "bundle", "composer", "mvn", "mvnw",
                         "gradle", "gradlew", "cargo"})


class Install:
    __slots__ = ("ecosystem", "manifests", "command")

    def __init__(self, ecosystem: str, manifests: tuple[str, ...], command: Command) -> None:
        self.ecosystem = ecosystem
        self.manifests = manifests
        self.command = command


def _pip(cmd: Command, args: list[str]) -> tuple[str, ...] | None:
    if not args or args[0] != "install":
        return None
    value = cmd.flag_value("-r", "--requirement")
    if value is not None:
        name = value if isinstance(value, str) else (value.value or value.text)
        return (name.rsplit("/", 1)[-1],)
    positional = [w.value for w in cmd.positional_args(("-c", "--constraint", "-i", "--index-url", "-t", "--target"))]
    if any(p in (".", "./") or (p or "").startswith((".[", "./[")) for p in positional) or cmd.has_flag("-e", "--editable"):
        return ("pyproject.toml",)
    return None


def classify(cmd: Command) -> Install | None:
    """The install `cmd` performs from project manifests, if any."""
    name = cmd.name
    if name is None or not (name in _INSTALLERS or _PIP.match(name) or name.startswith("python")):
        return None  # most commands: decided before their arguments are looked at
    args = [w.value or "" for w in cmd.args]
    positional = [w.value or "" for w in cmd.positional_args()]
    sub = cmd.subcommand()
    manifests: tuple[str, ...] | None = None
    ecosystem = name
    if _PIP.match(name):
        manifests, ecosystem = _pip(cmd, [a for a in args if not a.startswith("-")]), "pip"
    elif name.startswith("python") and args[:2] == ["-m", "pip"]:
        manifests, ecosystem = _pip(cmd, [a for a in args[2:] if not a.startswith("-")]), "pip"
    elif name == "poetry" and sub == "install":
        manifests = ("pyproject.toml", "poetry.lock")
    elif name == "uv" and (sub == "sync" or (sub == "pip" and "install" in args and cmd.has_flag("-r", "--requirement"))):
        manifests = ("pyproject.toml", "uv.lock")
    elif name == "pipenv" and sub in ("install", "sync"):
        manifests = ("Pipfile", "Pipfile.lock")
    elif name == "npm" and (sub == "ci" or (sub in ("install", "i") and not positional)):
        manifests = ("package.json", "package-lock.json")
    elif name == "yarn" and (sub is None or (sub == "install" and not positional)):
        manifests = ("package.json", "yarn.lock")
    elif name == "pnpm" and sub in ("install", "i") and not positional:
        manifests = ("package.json", "pnpm-lock.yaml")
    elif name == "go" and sub == "mod" and "download" in args:
        manifests = ("go.mod", "go.sum")
    elif name == "bundle" and sub in ("install", None):
        manifests = ("Gemfile", "Gemfile.lock")
    elif name == "composer" and sub == "install":
        manifests = ("composer.json", "composer.lock")
    elif name in ("mvn", "mvnw") and any(a in ("package", "install", "verify") or a.startswith("dependency:") for a in args):
        manifests, ecosystem = ("pom.xml",), "maven"
    elif name in ("gradle", "gradlew") and any(a in ("build", "assemble", "dependencies", "bootJar", "installDist") for a in args):
        manifests, ecosystem = ("build.gradle", "settings.gradle"), "gradle"
    elif name == "cargo" and sub in ("build", "fetch", "install") and "--path" not in args:
        manifests = ("Cargo.toml", "Cargo.lock")
    if manifests is None:
        return None
    return Install(ecosystem, manifests, cmd)
