"""`FROM --platform=...` values, read the way containerd's `platforms.Parse` reads them."""
from __future__ import annotations

import re
from typing import NamedTuple

_PART = re.compile(r"[A-Za-z0-9_.-]+")
_OSES = frozenset((
    "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux",
    "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
))
_ARCH_ALIASES = {"i386": "386", "x86_64": "amd64", "x86-64": "amd64", "aarch64": "arm64", "armhf": "arm", "armel": "arm"}
_ARCHES = frozenset((
    "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips", "mipsle",
    "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv", "riscv64",
    "s390", "s390x", "sparc", "sparc64", "wasm",
))


class Platform(NamedTuple):
    os: str
    arch: str


def parse_platform(text: str) -> Platform | None:
    """`linux/arm64/v8` -> (linux, arm64); a lone OS or architecture is accepted; None when invalid."""
    parts = text.split("/")
    if not 1 <= len(parts) <= 3 or not all(_PART.fullmatch(p) for p in parts):
        return None
    if len(parts) == 1:
        one = parts[0].lower()
        arch = _ARCH_ALIASES.get(one, one)
        if one in _OSES:
            return Platform(one, "")
        return Platform("linux", arch) if arch in _ARCHES else None
    arch = parts[1].lower()
    return Platform(parts[0].lower(), _ARCH_ALIASES.get(arch, arch))
