"""What apt-get/apt commands look like: shared by the apt rules."""
from __future__ import annotations

from typing import TYPE_CHECKING

from dockerlint.rules.shell._helpers import Found, named

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.shell import Command
    from dockerlint.syntax import nodes

APT = ("apt-get", "apt")
#: apt-get options whose value is the next word
OPTIONS = ("-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release",
           "-a", "--host-architecture", "-P", "--build-profiles")
LISTS = "/var/lib/apt/lists"


def sub(cmd: Command) -> str | None:
    return cmd.subcommand(options_with_value=OPTIONS)


def installs(ctx: Context, run: nodes.Instruction) -> list[Found]:
    """`apt-get install` and `apt install` commands of a RUN."""
    return [(rs, c) for rs, c in named(ctx, run, *APT) if sub(c) == "install"]


def option_set(cmd: Command, name: str, values: tuple[str, ...]) -> bool:
    """`-o Name=value` (any case) with one of `values`."""
    words = cmd.args
    for k, w in enumerate(words):
        v = w.value or ""
        candidate = v[2:] if v.startswith("-o") and len(v) > 2 else (
            v.partition("=")[2] if v.startswith("--option=") else (
                (words[k + 1].value or "") if v in ("-o", "--option") and k + 1 < len(words) else v))
        key, _, value = candidate.partition("=")
        if key.lower() == name.lower() and value.lower() in values:
            return True
    return False
