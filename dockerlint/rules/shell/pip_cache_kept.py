from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check
from dockerlint.rules.shell import _pip
from dockerlint.rules.shell._helpers import cache_mounted, insert_after, values
from dockerlint.semantics.scripts import commands
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.shell import Command

META = RuleMeta(
    code="DKL842",
    name="pip-cache-kept",
    severity="warning",
    aliases=("DL3042",),
    summary="`pip install` without `--no-cache-dir`",
    rationale=(
        "pip keeps every downloaded wheel in `~/.cache/pip`; in an image that cache is never "
        "reused and only adds size. `--no-cache-dir`, `ENV PIP_NO_CACHE_DIR=1`, or a cache mount "
        "on the pip cache (`RUN --mount=type=cache,target=/root/.cache/pip`) keep it out of the layer."
    ),
    bad="FROM python:3.13-slim\nRUN pip install flask==3.1.0\n",
    good="FROM python:3.13-slim\nRUN pip install --no-cache-dir flask==3.1.0\n",
    fix="safe",
    fix_description=(
        "Adds `--no-cache-dir` after `install`. Safe: pip's cache only speeds up a later download; what "
        "is installed is the same."
    ),
)

_OFF = ("", "0", "false", "no", "off")
_VARIABLE = "PIP_NO_CACHE_DIR"


def _assigned(words, name: str) -> bool:
    for w in words:
        key, eq, value = (w.value or w.text).partition("=")
        if eq and key == name and value.lower() not in _OFF:
            return True
    return False


def _env_disables(ctx: Context, node: nodes.Run, found: list, cmd: Command) -> bool:
    if values(ctx, node).get(_VARIABLE, "").lower() not in _OFF:
        return True
    if _assigned(cmd.assignments, _VARIABLE) or _assigned(cmd.words[: cmd.name_index or 0], _VARIABLE):
        return True
    return any(c.name == "export" and _assigned(c.args, _VARIABLE) and c.start < cmd.start for _, c in found)


@check(META, on=nodes.Run)
def pip_cache_kept(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    if cache_mounted(node, ".cache/pip"):
        return
    found = commands(ctx, node)
    for rs, cmd in found:
        pip = _pip.install(cmd)
        if pip is None or _pip.has_option(pip[1], "--no-cache-dir", "--no-cache") or _env_disables(ctx, node, found, cmd):
            continue
        install = pip[0]
        edit = insert_after(rs, install, " --no-cache-dir")
        fix = Fix("Add `--no-cache-dir`", (edit,)) if edit is not None else None
        span = rs.span((cmd.name_word or install).start, install.end)
        yield ctx.finding(META, span, "Add `--no-cache-dir`: pip's download cache only adds size to the image",
                          fix=fix)
