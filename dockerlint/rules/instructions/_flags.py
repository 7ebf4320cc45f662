"""The flags each instruction accepts, as BuildKit declares them (instructions/parse.go)."""
from __future__ import annotations

from dockerlint.syntax import nodes

BOOL, STRING, STRINGS = "bool", "string", "strings"  # STRINGS: may be repeated

_HEALTHCHECK = {"interval": STRING, "timeout": STRING, "start-period": STRING, "start-interval": STRING,
                "retries": STRING}
FLAGS: dict[type[nodes.Instruction], dict[str, str]] = {
    nodes.Add: {"chown": STRING, "chmod": STRING, "link": BOOL, "keep-git-dir": BOOL, "checksum": STRING,
                "exclude": STRINGS, "unpack": BOOL},
    nodes.Copy: {"chown": STRING, "from": STRING, "chmod": STRING, "link": BOOL, "parents": BOOL,
                 "exclude": STRINGS},
    nodes.From: {"platform": STRING},
    nodes.Run: {"mount": STRINGS, "network": STRING, "security": STRING, "device": STRINGS},
}


def allowed(ins: nodes.Instruction) -> dict[str, str]:
    """Flag name -> kind for `ins`; HEALTHCHECK NONE accepts none."""
    if isinstance(ins, nodes.Healthcheck):
        return _HEALTHCHECK if ins.mode is None or ins.mode.text.upper() != "NONE" else {}
    return FLAGS.get(type(ins), {})
