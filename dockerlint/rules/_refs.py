"""Where a Dockerfile names another stage or an image: `COPY --from=` and `RUN --mount=...,from=`.

Shared by the stage rules and the registry rule. BuildKit resolves such a value
(after ARG expansion) as a stage name (case-insensitive), then as a stage index,
and otherwise pulls it as an image.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, NamedTuple

from dockerlint.syntax import nodes
from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.model import Stage


class FromRef(NamedTuple):
    instruction: nodes.Instruction  # the COPY or RUN
    word: nodes.Word  # the flag's value
    start: int  # the reference's logical offsets in word.text
    end: int
    value: str  # expanded; "" when it uses an ARG with no known value
    onbuild: bool  # inside ONBUILD: names the stages of a later build, not of this file

    @property
    def raw(self) -> str:
        return self.word.text[self.start:self.end]

    @property
    def span(self) -> Span:
        return self.word.sub_span(self.start, self.end)


def looks_like_image(value: str) -> bool:
    """`--from=alpine:3` or `--from=ghcr.io/x/y`: never a stage name (stage names cannot hold these)."""
    return any(c in value for c in ":/@")


def from_refs(ctx: Context) -> list[FromRef]:
    """Every `COPY --from` and `RUN --mount from=` in the file, ONBUILD triggers included, in file order."""
    return ctx.cached("from-refs", lambda: sorted(_collect(ctx), key=_instruction_start))


def _instruction_start(ref: FromRef) -> int:
    return ref.instruction.span.start


def resolve(ref: FromRef, ctx: Context) -> Stage | None:
    """The stage a reference names, by name (anywhere in the file) or by index."""
    if not ref.value or ref.onbuild:
        return None
    model = ctx.model
    return model.stage_ref(ref.value) if ref.value.isdigit() else model.stage_named(ref.value)


def _collect(ctx: Context) -> Iterator[FromRef]:
    # Most of the hundreds of COPYs and RUNs have no flag at all: only those with one are looked into.
    for ins in ctx.of_type(nodes.Copy):
        if ins.flags:
            flag = ins.flag("from")
            if flag is not None and flag.value is not None and flag.value.text:
                yield _ref(ctx, ins, flag.value, 0, len(flag.value.text), ctx.in_onbuild(ins))
    for ins in ctx.of_type(nodes.Run):
        for flag in ins.flags:
            if flag.key == "mount" and flag.value is not None:
                found = _mount_from(flag.value.text)
                if found is not None:
                    yield _ref(ctx, ins, flag.value, *found, ctx.in_onbuild(ins))


def _mount_from(text: str) -> tuple[int, int] | None:
    """Offsets of the `from=` value in a `--mount` option list (`type=cache,from=x,target=/t`)."""
    at = 0
    for field in text.split(","):
        key, eq, value = field.partition("=")
        if eq and key.strip().lower() == "from" and value:
            start = at + len(key) + 1
            return start, start + len(value)
        at += len(field) + 1
    return None


def _ref(ctx: Context, ins: nodes.Instruction, word: nodes.Word, start: int, end: int, onbuild: bool) -> FromRef:
    from dockerlint.semantics.expand import expand

    raw = word.text[start:end]
    value = raw
    if "$" in raw:
        expansion = expand(raw, ctx.model.values(ins), escape=ctx.model.escape)
        value = "" if expansion.unresolved else expansion.value
    return FromRef(ins, word, start, end, value, onbuild)
