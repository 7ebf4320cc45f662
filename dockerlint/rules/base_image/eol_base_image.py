from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.base_image._image import base_image, part_span
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.knowledge.eol import EolInfo
    from dockerlint.semantics.image_ref import ImageRef

# The table's date and sources are written out here so that docs and hovers do not
# import the table; tests/rules/test_base_image.py fails when they drift from
# dockerlint/knowledge/eol.py.
META = RuleMeta(
    code="DKL103",
    name="eol-base-image",
    severity="warning",
    summary="Base image is a release past its end of life",
    rationale=(
        "Once a release reaches end of life its images stop receiving security fixes: every CVE "
        "found afterwards stays in your image for good, and the tag may even be removed from the "
        "registry. Move to a supported release.\n\n"
        "The verdict comes from a dated table shipped with dockerlint (checked on **2026-12-06**), "
        "never from the network. It covers the Docker Official Images of Node.js, Python, Go, Ruby, "
        "PHP, Eclipse Temurin, Amazon Corretto, openjdk (deprecated as a whole), Debian, Ubuntu, "
        "Alpine, CentOS, Fedora, PostgreSQL, MySQL, MariaDB, Redis, MongoDB and nginx, "
        "`mcr.microsoft.com/dotnet/*`, and Bitnami's free catalog, which stopped on 2025-08-28: a "
        "versioned `bitnami/<app>` tag moved to `bitnamilegacy/<app>` (so it no longer pulls under its "
        "old name) and `bitnamilegacy/` gets no updates (`bitnami/<app>:latest` and `bitnami/minideb` "
        "are still published), and the Jupyter Docker Stacks' old Docker Hub images (`jupyter/*`, not "
        "updated since 2023-10-20; `quay.io/jupyter/*` is). A tag that names its base distribution "
        "(`3.12-slim-buster`, `1.19-alpine3.16`) is also checked against that distribution. "
        "Dates are the end of free security support published upstream (mirrored by "
        "endoflife.date); for Debian the end of Debian LTS, for Ubuntu the end of standard "
        "support. Moving tags (`node:lts`, `python:3`), `latest`, digests and unknown images are "
        "never reported; a release whose date is not confirmed is left out rather than guessed."
    ),
    bad="FROM node:14-alpine\n",
    good="FROM node:22-alpine\n",
    references=(
        "https://endoflife.date/alpine-linux",
        "https://endoflife.date/amazon-corretto",
        "https://endoflife.date/centos",
        "https://endoflife.date/debian",
        "https://endoflife.date/dotnet",
        "https://endoflife.date/eclipse-temurin",
        "https://endoflife.date/fedora",
        "https://endoflife.date/go",
        "https://endoflife.date/mariadb",
        "https://endoflife.date/mongodb",
        "https://endoflife.date/mysql",
        "https://endoflife.date/nginx",
        "https://endoflife.date/nodejs",
        "https://endoflife.date/php",
        "https://endoflife.date/postgresql",
        "https://endoflife.date/python",
        "https://endoflife.date/redis",
        "https://endoflife.date/ruby",
        "https://endoflife.date/ubuntu",
        "https://github.com/bitnami/containers/issues/83267",
        "https://github.com/jupyter/docker-stacks/blob/main/README.md",
        "https://hub.docker.com/_/openjdk",
    ),
    divergence="hadolint, BuildKit, Trivy and Checkov have no such check.",
)


@check(META, on=nodes.From)
def eol_base_image(node: nodes.From, ctx: Context) -> Iterator[Finding]:
    ref = base_image(node, ctx)
    if ref is None or not ref.tag:
        return
    from datetime import date

    from dockerlint.knowledge.eol import describe, lookup

    today = date.today()
    info = lookup(ref, today)
    if info is None or info.eol_date is None:
        return
    own = describe(ref, today)
    # the image's own release is not past its end (or is a moving tag such as `lts`): its base distro is
    via_distro = own is not None and (own.product != info.product or own.base is None and _names_distro(ref, info))
    span = part_span(node, ref, ref.tag_start, ref.tag_end)
    yield ctx.finding(META, span, _message(ref, info, via_distro))


def _message(ref: ImageRef, info: EolInfo, via_distro: bool) -> str:
    assert info.eol_date is not None
    when = f"in {info.eol_date:%Y-%m}" if info.approx else f"on {info.eol_date.isoformat()}"
    image = f"`{ref.familiar_name}:{ref.tag}`"
    what = f"is based on {info.label} {info.cycle}, which" if via_distro else ""
    head = f"{image} {what} reached end of life {when}".replace("  ", " ")
    if info.latest_supported is None:
        advice = info.note or "move to a supported image"
    elif via_distro:
        advice = f"move to a tag built on {info.label} {info.latest_supported}"
    else:
        advice = f"move to a supported release such as `{ref.familiar_name}:{_retag(ref, info)}`"
    return f"{head}: {advice}"


def _names_distro(ref: ImageRef, info: EolInfo) -> bool:
    """Whether `info` is the distribution a language image's tag names (`node:lts-buster`), not the
    image itself (`debian:buster`)."""
    return info.product in ("debian", "ubuntu", "alpine") and ref.official_name != info.product


def _retag(ref: ImageRef, info: EolInfo) -> str:
    """`14-alpine` -> `22-alpine`: keep the variant when the tag is the bare cycle plus a suffix, and the
    image publishes that tag (`node:18-buster` has no `26-buster`: then `26`)."""
    from dockerlint.knowledge.images import published_tags

    tag = ref.tag or ""
    rest = tag[len(info.cycle):] if tag.startswith(info.cycle) else None
    latest = str(info.latest_supported)
    if rest is None or (rest and not rest.startswith("-")):
        return latest
    published = published_tags(ref)
    if published is not None and f"{latest}{rest}" not in published:
        return latest
    return f"{latest}{rest}"
