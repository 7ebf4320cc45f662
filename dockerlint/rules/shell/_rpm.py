"""yum/dnf/microdnf/zypper install commands and what a pinned rpm package looks like."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockerlint.rules.shell import _managers
from dockerlint.rules.shell._helpers import Found, named

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.syntax import nodes

_VERSION_PART = re.compile(r"[0-9A-Za-z.~^_:+*]+")


def installs(ctx: Context, run: nodes.Instruction, tools: tuple[str, ...], subs: frozenset[str]) -> list[Found]:
    return [(rs, c) for rs, c in named(ctx, run, *tools) if _managers.sub(c) in subs]


def module_install(cmd) -> bool:
    """`dnf module install name:stream` (the module, not a package)."""
    positional = cmd.positional_args(_managers.OPTIONS.get(cmd.name or "", ()), after_subcommand=False)
    return len(positional) > 1 and positional[0].value == "module" and positional[1].value == "install"


def versioned(package: str) -> bool:
    """`name-version[-release]` (a part after a `-` starts with a digit and the rest looks like a
    version), an rpm file or URL, or a group (`@group`, which has no version)."""
    if package.endswith(".rpm") or "/" in package or package.startswith("@"):
        return True
    parts = package.split("-")
    return any(parts[i][:1].isdigit() and all(_VERSION_PART.fullmatch(p) for p in parts[i:])
               for i in range(1, len(parts)))


def module_versioned(package: str) -> bool:
    return ":" in package
