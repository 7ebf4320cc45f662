from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules._suggest import did_you_mean
from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.instructions._flags import BOOL, STRINGS, allowed
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL621",
    name="invalid-flag",
    severity="error",
    summary="A flag the instruction does not accept, given twice, or without its value",
    rationale=(
        "Each instruction accepts a fixed set of `--flags` (`COPY --from`, `RUN --mount`, "
        "`HEALTHCHECK --interval`, …). BuildKit stops on an unknown flag, on a flag given twice "
        "(except the repeatable `--mount`, `--exclude` and `--device`), on a flag that needs a "
        "value and has none, and on a boolean flag set to anything but `true` or `false`."
    ),
    bad="FROM alpine:3.20\nCOPY --chmown=app:app app /app/\n",
    good="FROM alpine:3.20\nCOPY --chown=app:app app /app/\n",
)


def _problems(ins: nodes.Instruction) -> Iterator[tuple[nodes.Flag, str]]:
    valid = allowed(ins)
    name = ins.keyword.text.upper()
    if isinstance(ins, nodes.Healthcheck) and ins.mode is not None and ins.mode.text.upper() == "NONE":
        name = "HEALTHCHECK NONE"
    seen: set[str] = set()
    for flag in ins.flags:
        key = flag.name.text
        if not key:
            continue
        kind = valid.get(key)
        if kind is None:
            options = ", ".join(f"`--{k}`" for k in valid) if valid else "none"
            yield flag, (f"{name} has no `--{key}` flag{did_you_mean(key, valid, prefix='--')}; "
                         f"its flags: {options}")
            continue
        if key in seen and kind != STRINGS:
            yield flag, f"`--{key}` is given twice"
        seen.add(key)
        has_equals = "=" in flag.text
        value = flag.value.text if flag.value is not None else ""
        if kind == BOOL:
            if has_equals and not value:
                yield flag, f"`--{key}=` needs a value: `true` or `false` (or write just `--{key}`)"
            elif value and value.lower() not in ("true", "false"):
                yield flag, f"`--{key}` takes `true` or `false`, not `{value}`"
        elif not has_equals:
            yield flag, f"`--{key}` needs a value: `--{key}=…`"


@check(META, on=(nodes.From, nodes.Run, nodes.Cmd, nodes.Entrypoint, nodes.Shell, nodes.Healthcheck,
                 nodes.Env, nodes.Label, nodes.Arg, nodes.Copy, nodes.Add, nodes.Volume, nodes.Expose,
                 nodes.User, nodes.Workdir, nodes.Maintainer, nodes.Stopsignal, nodes.Onbuild))
def invalid_flag(node: nodes.Instruction, ctx: Context) -> Iterator[Finding]:
    for flag, message in _problems(node):
        yield ctx.finding(META, flag.span, message)
