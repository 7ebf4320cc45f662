from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules._refs import from_refs, looks_like_image, resolve
from dockerlint.rules._suggest import closest
from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.stages._stages import stage_names

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.rules._refs import FromRef

META = RuleMeta(
    code="DKL205",
    name="copy-from-unknown-stage",
    severity="warning",
    aliases=("DL3022",),
    summary="`--from` names neither a stage of this file nor an image",
    rationale=(
        "When the value of `COPY --from` (or of `from=` in `RUN --mount`) is not the name of a "
        "stage, BuildKit pulls it as an image: a misspelt stage name `--from=buidler` becomes a "
        "pull of `docker.io/library/buidler:latest`, which fails, or worse, succeeds. Values with "
        "`:`, `/` or `@` are image references and are not checked; a stage index must be that of "
        "an earlier stage."
    ),
    bad="FROM golang:1.23 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=buidler /app /app\n",
    good="FROM golang:1.23 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=builder /app /app\n",
    divergence=(
        "A value with `/` is an image (`--from=docker/buildx-bin`; hadolint wants a `:` and reports "
        "it). Stage names are matched ignoring case, as BuildKit does, and a name defined later in the file "
        "is accepted (BuildKit resolves it; hadolint does not). `--from` values that use ARGs are "
        "checked after expansion; `RUN --mount from=` is checked too. ONBUILD triggers are skipped: "
        "they name stages of the build that uses this image."
    ),
)


@check(META)
def copy_from_unknown_stage(ctx: Context) -> Iterator[Finding]:
    for ref in from_refs(ctx):
        if ref.onbuild or not ref.value or looks_like_image(ref.value):
            continue
        current = ctx.model.stage_of(ref.instruction)
        if current is None:
            continue
        if ref.value.isdigit():
            index = int(ref.value)
            if index > current.index:
                yield _index_finding(ctx, ref, index, len(ctx.model.stages))
        elif resolve(ref, ctx) is None:
            match = closest(ref.value, stage_names(ctx), case_sensitive=False)
            hint = f"did you mean `{match}`? Otherwise " if match else ""
            yield ctx.finding(
                META, ref.span,
                f"No stage is named `{ref.value}`, so BuildKit will pull it as an image: {hint}"
                "name an existing stage, or write the image with its tag (`image:tag`)",
            )


def _index_finding(ctx: Context, ref: FromRef, index: int, count: int) -> Finding:
    if index >= count:
        what = f"there is no stage {index} (stages are numbered 0 to {count - 1})"
    else:
        what = f"stage {index} comes after this one"
    return ctx.finding(META, ref.span, f"`--from={ref.value}`: {what}; refer to an earlier stage, preferably by name")
