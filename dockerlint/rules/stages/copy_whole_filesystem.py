from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL207",
    name="copy-whole-filesystem",
    severity="warning",
    aliases=("DL3067",),
    summary="`COPY --from=<stage> / /` copies a whole filesystem over this one",
    rationale=(
        "Copying the root of another stage onto the root of this one drags in its package "
        "databases, caches and users, overwrites this image's own `/etc` and `/usr`, and defeats "
        "the point of a multi-stage build. Copy only the paths the final image needs."
    ),
    bad="FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build / /\n",
    good="FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\n",
    divergence=(
        "`/.` and `/*` count as `/` too. Not reported: copying a root into a subdirectory "
        "(`/rootfs/`), and copying the root of a stage built `FROM scratch`, which holds only the "
        "artifacts put there on purpose (hadolint reports both)."
    ),
)

_ROOT = ("/", "/.", "/*", "/./")


def _built_from_scratch(ref: str, ctx: Context) -> bool:
    stage = ctx.model.stage_ref(ref) if ref.isdigit() else ctx.model.stage_named(ref)
    while stage is not None and stage.base_stage is not None:
        stage = stage.base_stage
    return stage is not None and stage.image is not None and stage.image.is_scratch


@check(META, on=nodes.Copy)
def copy_whole_filesystem(node: nodes.Copy, ctx: Context) -> Iterator[Finding]:
    source_from = node.flag("from")
    if source_from is None or source_from.value is None or node.destination is None:
        return
    sources = node.sources
    if _built_from_scratch(source_from.value.text, ctx):
        return  # such a stage holds only what was put there on purpose (an artifact stage)
    if node.destination.text.rstrip("/.") == "" and any(s.text in _ROOT for s in sources):
        root = next(s for s in sources if s.text in _ROOT)
        yield ctx.finding(
            META, root.span,
            f"This copies all of `{source_from.value.text}` over `/`: copy only the files you need, "
            f"e.g. `COPY --from={source_from.value.text} /path/to/output /path/in/image`",
        )
