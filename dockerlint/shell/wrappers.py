"""Seeing through command wrappers (``sudo``, ``env``, ``xargs``...) and
finding the script strings of ``sh -c`` / ``su -c``."""
from __future__ import annotations

import re

from .model import Command, ShellWord


class WrapperSpec:
    """How one wrapper command takes its options before the command it runs."""

    __slots__ = ("with_value", "positionals", "no_command", "env_assignments", "numeric_flags")

    def __init__(self, with_value: frozenset[str] = frozenset(), positionals: int = 0,
                 no_command: frozenset[str] = frozenset(), env_assignments: bool = False,
                 numeric_flags: bool = False) -> None:
        #: options whose value is the next word (short "-u" or long "--user")
        self.with_value = with_value
        #: positional arguments the wrapper takes before the command (timeout N)
        self.positionals = positionals
        #: options after which the wrapper does *not* run its operand as a command
        self.no_command = no_command
        #: skip NAME=value words after the options (env)
        self.env_assignments = env_assignments
        #: "-N" numeric options are flags (nice -10)
        self.numeric_flags = numeric_flags


def _s(*names: str) -> frozenset[str]:
    return frozenset(names)


WRAPPERS: dict[str, WrapperSpec] = {
    "sudo": WrapperSpec(_s("-u", "-g", "-p", "-C", "-U", "-r", "-t", "-T", "-D", "-h", "--user",
                           "--group", "--prompt", "--close-from", "--other-user", "--role",
                           "--type", "--command-timeout", "--chdir", "--host"),
                        no_command=_s("-l", "-v", "-k", "-K", "-e", "-V", "--list", "--validate",
                                      "--edit", "--version"),
                        env_assignments=True),
    "doas": WrapperSpec(_s("-u", "-C")),
    "env": WrapperSpec(_s("-u", "-C", "-S", "--unset", "--chdir", "--split-string"),
                       env_assignments=True),
    "xargs": WrapperSpec(_s("-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s", "--arg-file",
                            "--delimiter", "--max-lines", "--max-args", "--max-procs",
                            "--max-chars", "--process-slot-var")),
    "nice": WrapperSpec(_s("-n", "--adjustment"), numeric_flags=True),
    "nohup": WrapperSpec(),
    "time": WrapperSpec(_s("-f", "-o", "--format", "--output")),
    "command": WrapperSpec(no_command=_s("-v", "-V")),
    "builtin": WrapperSpec(),
    "exec": WrapperSpec(_s("-a")),
    "timeout": WrapperSpec(_s("-k", "-s", "--kill-after", "--signal"), positionals=1),
    "stdbuf": WrapperSpec(_s("-i", "-o", "-e", "--input", "--output", "--error")),
    "eatmydata": WrapperSpec(),
    "gosu": WrapperSpec(positionals=1),
    "su-exec": WrapperSpec(positionals=1),
    "ionice": WrapperSpec(_s("-c", "-n", "-p", "-P", "-u", "--class", "--classdata")),
}

_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")

SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox"})


def _basename(value: str) -> str:
    stripped = value.rstrip("/")
    return stripped.rsplit("/", 1)[-1] if stripped else value


def _skip_wrapper(words: list[ShellWord], i: int, spec: WrapperSpec) -> int | None:
    """Index of the wrapped command after wrapper words[i], or None when
    the wrapper does not run a command here."""
    n = len(words)
    i += 1
    short_val = {o[1] for o in spec.with_value if len(o) == 2 and o[0] == "-" and o[1] != "-"}
    long_val = {o[2:] for o in spec.with_value if o.startswith("--")}
    while i < n:
        v = words[i].value
        if v is None:
            return i  # unknown word: take it as the command
        if v == "--":
            i += 1
            break
        if v in spec.no_command or v.split("=", 1)[0] in spec.no_command:
            return None
        if v.startswith("--"):
            key, eq, _ = v[2:].partition("=")
            i += 2 if (key in long_val and not eq) else 1
            continue
        if v.startswith("-") and len(v) > 1:
            if spec.numeric_flags and v[1:].isdigit():
                i += 1
                continue
            letters = v[1:]
            skip = 1
            for k, letter in enumerate(letters):
                if "-" + letter in spec.no_command:
                    return None
                if letter in short_val:
                    if k == len(letters) - 1:
                        skip = 2
                    break
            i += skip
            continue
        break
    if spec.env_assignments:
        while i < n and _ASSIGNMENT.match(words[i].value or ""):
            i += 1
    i += spec.positionals
    return i if i < n else None


def resolve(cmd: Command) -> None:
    """Fill ``cmd.name_index`` and ``cmd.wrappers``."""
    words = cmd.words
    cmd.wrappers = []
    if not words:
        cmd.name_index = None
        return
    i = 0
    for _ in range(16):
        v = words[i].value
        spec = WRAPPERS.get(_basename(v)) if v is not None else None
        if spec is None:
            break
        nxt = _skip_wrapper(words, i, spec)
        if nxt is None:
            break
        cmd.wrappers.append(_basename(v))  # type: ignore[arg-type]
        i = nxt
    cmd.name_index = i


def script_argument(cmd: Command) -> tuple[ShellWord, int] | None:
    """For ``sh -c 'script'`` / ``bash -ec "..."`` / ``su -c "..."``: the word
    holding the script, and how many characters of its de-quoted text to
    skip (for ``--command=...``)."""
    name = cmd.name
    args = cmd.args
    if name in SHELLS:
        if name == "busybox":
            if not args or args[0].value not in SHELLS:
                return None
            args = args[1:]
        has_c = False
        k = 0
        while k < len(args):
            v = args[k].value
            if v is None:
                return None
            if v == "--":
                k += 1
                break
            if len(v) > 1 and v[0] in "-+" and v[1] != "-":
                if "c" in v[1:]:
                    has_c = True
                if v[-1] in "oO":
                    k += 1
                k += 1
                continue
            if v.startswith("--"):
                k += 1
                continue
            break
        if has_c and k < len(args):
            return args[k], 0
        return None
    if name in ("su", "runuser"):
        for k, w in enumerate(args):
            v = w.value
            if v is None:
                continue
            if v in ("-c", "--command") and k + 1 < len(args):
                return args[k + 1], 0
            if v.startswith("--command="):
                return w, len("--command=")
            if len(v) > 2 and v[0] == "-" and v[1] != "-" and v.endswith("c") and k + 1 < len(args):
                return args[k + 1], 0  # -lc "..."
    return None
