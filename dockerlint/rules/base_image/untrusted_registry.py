from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules._refs import from_refs, looks_like_image, resolve
from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.base_image._image import base_image, part_span
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.image_ref import ImageRef
    from dockerlint.syntax.span import Span

META = RuleMeta(
    code="DKL104",
    name="untrusted-registry",
    severity="error",
    aliases=("DL3026",),
    summary="An image is pulled from a registry that is not in `trusted-registries`",
    rationale=(
        "Teams that mirror or vet their images want every build to pull from those registries "
        "only: an image from anywhere else has not been scanned, can change or vanish, and is a "
        "supply-chain risk. Checked: base images (`FROM`), `COPY --from=<image>` and "
        "`RUN --mount=...,from=<image>`. Stage names and `scratch` are never reported; an image "
        "with no registry comes from Docker Hub, which `docker.io` or `hub.docker.com` allows.\n\n"
        "The rule is silent until `trusted-registries` lists at least one pattern: `*` (any), "
        "`*.example.com` (a suffix), `registry.example.com*` (a prefix) or an exact registry "
        "(with its port, if it has one)."
    ),
    bad="FROM quay.io/prometheus/busybox:1.36\n",
    good="FROM docker.io/library/busybox:1.36\n",
    options={"trusted-registries": "the registries images may come from (top-level setting; hadolint's `trustedRegistries`)"},
    example_settings={"trusted_registries": ["docker.io", "ghcr.io"]},
    divergence=(
        "Like hadolint 2.15, `COPY --from` and `RUN --mount from=` images are checked too, when they "
        "are written as images (with `:`, `/` or `@`; a bare name is left to `copy-from-unknown-stage`). "
        "Values that use an ARG with no default are not judged. The finding underlines the registry, or the "
        "image name when the registry is implied."
    ),
)

_DOCKER_HUB = ("docker.io", "hub.docker.com", "index.docker.io", "registry-1.docker.io")


def trusted(domain: str, patterns: list[str]) -> bool:
    names = _DOCKER_HUB if domain == "docker.io" else (domain,)
    for pattern in patterns:
        p = pattern.strip().lower()
        for name in names:
            name = name.lower()
            if p == "*" or p == name or (p.startswith("*") and name.endswith(p[1:])) or (
                p.endswith("*") and name.startswith(p[:-1])
            ):
                return True
    return False


@check(META, on=(nodes.From, nodes.Copy, nodes.Run))
def untrusted_registry(node: nodes.Instruction, ctx: Context) -> Iterator[Finding]:
    patterns = ctx.settings.trusted_registries
    if not patterns:
        return
    if isinstance(node, nodes.From):
        ref = base_image(node, ctx)
        if ref is not None and not trusted(ref.domain, patterns):
            yield _finding(ctx, ref, part_span(node, ref, ref.registry_start, ref.registry_end), patterns)
        return
    from dockerlint.semantics.image_ref import parse_image_ref

    for found in from_refs(ctx):
        if found.instruction is not node or not found.value or resolve(found, ctx) is not None:
            continue
        if not looks_like_image(found.value):
            continue  # a misspelt stage name, most likely: copy-from-unknown-stage's finding
        ref = parse_image_ref(found.value)
        if not ref.valid or trusted(ref.domain, patterns):
            continue
        span = found.span
        if ref.registry_start is not None and found.raw == found.value:
            span = found.word.sub_span(found.start + ref.registry_start, found.start + (ref.registry_end or 0))
        yield _finding(ctx, ref, span, patterns)


def _finding(ctx: Context, ref: ImageRef, span: Span, patterns: list[str]) -> Finding:
    allowed = ", ".join(f"`{p}`" for p in patterns)
    where = f"`{ref.registry}`" if ref.registry else f"Docker Hub (`{ref.domain}`), where `{ref.familiar_name}` comes from,"
    return ctx.finding(
        META, span,
        f"{where} is not a trusted registry: pull the image from {allowed}, or add the registry to `trusted-registries`",
    )
