from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check
from dockerlint.rules.shell._helpers import insert_after, named, values
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL811",
    name="useradd-without-no-log-init",
    severity="warning",
    aliases=("DL3046",),
    summary="`useradd` with a large UID and without `--no-log-init`",
    rationale=(
        "useradd reserves a record for the new user in `/var/log/lastlog` and `faillog`, files "
        "indexed by UID. With a large UID (six digits or more) the file becomes huge: sparse on "
        "disk, but image layers store it in full, gigabytes of zeros. `--no-log-init` (`-l`) skips it."
    ),
    bad="FROM debian:12\nRUN useradd -u 1000000 app\n",
    good="FROM debian:12\nRUN useradd --no-log-init -u 1000000 app\n",
    fix="safe",
    fix_description=(
        "Adds `--no-log-init` after `useradd`. Safe: the flag only keeps `useradd` from writing the "
        "user's entries to `/var/log/lastlog` and `faillog`, which are sparse files that bloat the layer "
        "for large UIDs; nothing reads them in a container."
    ),
    divergence="A UID from a variable is checked with its ARG/ENV value; an unknown one is not reported.",
)


@check(META, on=nodes.Run)
def useradd_without_no_log_init(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for rs, cmd in named(ctx, node, "useradd"):
        uid = cmd.flag_value("-u", "--uid")
        if uid is None or cmd.has_flag("-l", "--no-log-init"):
            continue
        value = uid if isinstance(uid, str) else uid.expand(values(ctx, node))
        if value is None or len(value) <= 5:
            continue
        edit = insert_after(rs, cmd.name_word, " --no-log-init")
        yield ctx.finding(META, rs.command_span(cmd), f"Add `--no-log-init`: UID {value} makes `/var/log/lastlog` huge",
                          fix=Fix("Add `--no-log-init`", (edit,)) if edit is not None else None)
