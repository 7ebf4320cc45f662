from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.base_image._image import part_span
from dockerlint.rules.base_image._knowledge import lineage

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL112",
    name="full-base-image",
    severity="info",
    summary="The final stage is built on a full image that has an official slim or Alpine variant",
    rationale=(
        "The full tags of the Docker Official Images (`python:3.12`, `node:22`) carry compilers, headers "
        "and hundreds of packages a running application rarely needs: a bigger download, and more CVEs to "
        "triage. The same release exists as a `-slim` (Debian without the extras) or `-alpine` tag. Build "
        "in a full image if needed, and run the final stage on the minimal one. Only a variant that the "
        "image's tag list (dockerlint's image table, see `package-manager-mismatch`) shows for the same "
        "release is suggested, `-slim` before `-alpine`: Alpine builds on musl libc rather than glibc, so "
        "native modules, locales and collations (a database's sort order) can behave differently there.\n\n"
        "Off by default: on the shared corpus of 960 real Dockerfiles it reports 12 final stages, none of "
        "which a reviewer would change: 7 linter test fixtures, 3 of docker-library's `buildpack-deps` "
        "(full images on purpose), a development container, and the first step of a tutorial whose "
        "later steps make the point themselves. "
        "Select it (`--select full-base-image`) to audit production images."
    ),
    bad="FROM python:3.12\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
    good="FROM python:3.12-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
    default_enabled=False,
    divergence="hadolint, BuildKit, Trivy and Checkov have no such check.",
)


@check(META)
def full_base_image(ctx: Context) -> Iterator[Finding]:
    from dockerlint.knowledge.images import minimal_variant

    final = ctx.model.final_stage
    if final is None:
        return
    root = lineage(final)[0]
    ref = root.image
    if ref is None or root.node.image is None or "$" in root.node.image.text:
        return
    variant = minimal_variant(ref)
    if variant is None:
        return
    span = part_span(root.node, ref, ref.tag_start, ref.tag_end) if ref.tag else root.node.image.span
    yield ctx.finding(META, span, f"Run the final stage on `{ref.familiar_name}:{variant}`, the minimal variant of "
                                  f"`{ref.familiar_name}:{ref.tag or 'latest'}`")
