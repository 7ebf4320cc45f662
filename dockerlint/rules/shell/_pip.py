"""`pip install` in its spellings (`pip3 install`, `python3 -m pip install`, wrappers) and its arguments."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockerlint.shell.words import first_positional, positionals

if TYPE_CHECKING:
    from dockerlint.shell import Command, ShellWord

_PIP = re.compile(r"pip(\d+(\.\d+)*)?\Z")
_PYTHON = re.compile(r"python(\d+(\.\d+)*)?\Z")
#: pip install options whose value is the next word
OPTIONS = (
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url",
    "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--src", "--upgrade-strategy", "--platform",
    "--python-version", "--implementation", "--abi", "--only-binary", "--no-binary", "--progress-bar", "--log",
    "--proxy", "--retries", "--timeout", "--exists-action", "--trusted-host", "--cert", "--client-cert",
    "--cache-dir", "-C", "--config-settings", "--global-option", "--install-option", "--report", "--python",
    "--use-feature", "--use-deprecated", "--root-user-action", "--keyring-provider", "--group",
)


def install(cmd: Command) -> tuple[ShellWord, list[ShellWord]] | None:
    """The `install` word of a pip install command and the words after it; None if `cmd` is not one."""
    name = cmd.name or ""
    args = cmd.args
    if _PYTHON.match(name):
        values = [w.value for w in args]
        if "-m" not in values:
            return None
        k = values.index("-m")
        if k + 1 >= len(values) or values[k + 1] != "pip":
            return None
        args = args[k + 2:]
    elif not _PIP.match(name):
        return None
    sub = first_positional(args, set(OPTIONS))
    if sub is None or sub.value != "install":
        return None
    return sub, args[args.index(sub) + 1:]


def install_positionals(args: list[ShellWord]) -> list[ShellWord]:
    return positionals(args, set(OPTIONS))


def has_option(args: list[ShellWord], *names: str) -> bool:
    from dockerlint.shell.words import has_flag

    return has_flag(args, names)
