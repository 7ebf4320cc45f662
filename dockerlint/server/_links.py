"""Base images to the web page of their repository (pure; used by document links and hover)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, NamedTuple

from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.semantics.image_ref import ImageRef
    from dockerlint.semantics.model import Model

# Registry -> page of a repository path, for the registries that have one.
_PAGES = {
    "ghcr.io": "https://ghcr.io/{path}",  # redirects browsers to the GitHub package page
    "quay.io": "https://quay.io/repository/{path}",
    "mcr.microsoft.com": "https://mcr.microsoft.com/artifact/mar/{path}",
    "gcr.io": "https://console.cloud.google.com/gcr/images/{project}/global/{rest}",
    "public.ecr.aws": "https://gallery.ecr.aws/{path}",
}


class Link(NamedTuple):
    span: Span  # the image name, without tag or digest
    url: str


def image_url(ref: ImageRef) -> str | None:
    if not ref.valid or ref.has_variables or ref.is_scratch:
        return None
    if ref.is_docker_hub:
        return f"https://hub.docker.com/_/{ref.official_name}" if ref.is_official else f"https://hub.docker.com/r/{ref.path}"
    page = _PAGES.get(ref.domain)
    if page is None:
        return None
    project, _, rest = ref.path.partition("/")
    if "{rest}" in page and not rest:
        return None
    return page.format(path=ref.path, project=project, rest=rest)


def links(model: Model) -> Iterator[Link]:
    """A link per FROM whose image is written out (no variables) and is not an earlier stage."""
    for stage in model.stages:
        word = stage.node.image
        ref = stage.image
        if word is None or ref is None or word.text != ref.raw:
            continue
        url = image_url(ref)
        if url is None:
            continue
        start = ref.registry_start if ref.registry_start is not None else ref.repository_start
        yield Link(word.sub_span(start, ref.repository_end), url)
