from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules._suggest import closest
from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL107",
    name="undefined-arg-in-from",
    severity="warning",
    aliases=("UndefinedArgInFrom",),
    summary="`FROM` uses a variable that is not a global ARG",
    rationale=(
        "A `FROM` line sees only the ARGs declared before the first `FROM` (and BuildKit's "
        "platform ARGs such as `$BUILDPLATFORM`). Anything else expands to an empty string, so "
        "`FROM node:${NODE_VERSION}` with `NODE_VERSION` declared inside a stage, or misspelt, "
        "builds from `node:` and fails, or from an image you did not mean."
    ),
    bad="ARG NODE_VERSION=22\nFROM node:${NODE_VERSON}-alpine\n",
    good="ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-alpine\n",
    divergence=(
        "Like BuildKit, checks the image and `--platform`, and a name guarded by a default "
        "(`${TAG:-3.20}`) is still reported: without a global `ARG TAG` a `--build-arg TAG=...` "
        "cannot change it. The suggestion comes from the global ARGs, as in BuildKit."
    ),
)


@check(META, on=nodes.From)
def undefined_arg_in_from(node: nodes.From, ctx: Context) -> Iterator[Finding]:
    from dockerlint.semantics.expand import find_refs
    from dockerlint.semantics.model import PLATFORM_ARGS

    declared = [*ctx.model.global_args, *PLATFORM_ARGS]
    words = [f.value for f in node.flags if f.key == "platform" and f.value is not None]
    words += [node.image] if node.image is not None else []
    for word in words:
        for ref in find_refs(word.text, escape=ctx.model.escape):
            if ref.name in declared:
                continue
            match = closest(ref.name, declared)
            hint = f"did you mean `${match}`? Otherwise " if match else ""
            yield ctx.finding(
                META, word.sub_span(ref.start, ref.end),
                f"`${ref.name}` is not an ARG declared before the first FROM, so it is empty here: "
                f"{hint}add `ARG {ref.name}=<default>` at the top of the file",
            )
