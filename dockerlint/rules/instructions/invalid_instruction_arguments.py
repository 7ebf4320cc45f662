from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules._suggest import did_you_mean
from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL620",
    name="invalid-instruction-arguments",
    severity="error",
    summary="An instruction with missing, extra or malformed arguments, which BuildKit rejects",
    rationale=(
        "BuildKit's parser accepts these lines, and the build then stops on them: `FROM a b` "
        "(FROM takes `image` or `image AS name`), `COPY onlyone` (no destination), an `EXPOSE`, "
        "`VOLUME`, `USER` or `WORKDIR` with nothing to act on, `SHELL` not written as a JSON array, "
        "`HEALTHCHECK` with a type other than `CMD` or `NONE`, `HEALTHCHECK NONE` with arguments, "
        "`HEALTHCHECK CMD` with no command."
    ),
    bad="FROM alpine:3.20 base\nCOPY app.py\n",
    good="FROM alpine:3.20 AS base\nCOPY app.py /app/\n",
    references=("https://docs.docker.com/reference/dockerfile/",),
)

_NEEDS_ONE = (nodes.Workdir, nodes.User, nodes.Stopsignal, nodes.Maintainer)
_AT_LEAST_ONE = (nodes.Expose, nodes.Volume)


def _problems(node: nodes.Instruction) -> Iterator[tuple[Span | None, str]]:
    """(where, message) for each problem; where None means the keyword."""
    name = node.keyword.text.upper()
    if isinstance(node, nodes.From):
        args = node.args
        if not args:
            yield None, "FROM needs a base image"
        elif len(args) == 2 or len(args) > 3 or (len(args) == 3 and args[1].text.lower() != "as"):
            extra = Span(args[1].span.start, args[-1].span.end)
            yield extra, "FROM takes an image and optionally `AS name`: " + (
                "`AS` is missing" if len(args) == 2 and args[1].text.lower() != "as" else
                "the stage name is missing" if len(args) == 2 else "remove the extra words")
    elif isinstance(node, (nodes.Copy, nodes.Add)):
        if len(node.args) < 2:
            yield None, f"{name} needs at least one source and a destination"
    elif isinstance(node, (nodes.Env, nodes.Label)):
        if not node.pairs:
            yield None, f"{name} needs at least one `key=value`"
    elif isinstance(node, nodes.Arg):
        if not node.pairs:
            yield None, "ARG needs a name"
    elif isinstance(node, _AT_LEAST_ONE):
        if not node.args:
            yield None, f"{name} needs at least one argument"
    elif isinstance(node, _NEEDS_ONE):
        if node.text is None:
            yield None, f"{name} needs an argument"
    elif isinstance(node, nodes.Onbuild):
        if node.trigger is None:
            yield None, "ONBUILD needs an instruction to run in the child build"
    elif isinstance(node, nodes.Shell):
        yield from _shell(node)
    elif isinstance(node, nodes.Healthcheck):
        yield from _healthcheck(node)


def _shell(node: nodes.Shell) -> Iterator[tuple[Span | None, str]]:
    if node.command is None:
        yield None, "SHELL needs a JSON array such as `[\"/bin/bash\", \"-c\"]`"
    elif isinstance(node.command, nodes.ShellForm):
        yield node.command.span, "SHELL takes a JSON array: write `[\"" + "\", \"".join(node.command.text.text.split()) + "\"]`"
    elif not node.command.args:
        yield node.command.span, "SHELL needs at least the shell's path"


def _healthcheck(node: nodes.Healthcheck) -> Iterator[tuple[Span | None, str]]:
    if node.mode is None:
        yield None, "HEALTHCHECK needs `CMD <command>` or `NONE`"
        return
    mode = node.mode.text.upper()
    if mode == "NONE":
        if node.command is not None:
            yield node.command.span, "HEALTHCHECK NONE takes no arguments"
    elif mode != "CMD":
        yield node.mode.span, f"`{node.mode.text}` is not a HEALTHCHECK type: use CMD or NONE" + did_you_mean(mode, ("CMD", "NONE"))
    elif node.command is None or (isinstance(node.command, nodes.ExecForm) and not node.command.args):
        yield node.mode.span, "HEALTHCHECK CMD needs a command"


@check(META, on=(nodes.From, nodes.Copy, nodes.Add, nodes.Env, nodes.Label, nodes.Arg, nodes.Expose, nodes.Volume,
                 nodes.Workdir, nodes.User, nodes.Stopsignal, nodes.Maintainer, nodes.Onbuild, nodes.Shell,
                 nodes.Healthcheck))
def invalid_instruction_arguments(node: nodes.Instruction, ctx: Context) -> Iterator[Finding]:
    for span, message in _problems(node):
        yield ctx.finding(META, span or node.keyword.span, message)
