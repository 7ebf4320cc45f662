from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dockerlint.semantics.image_ref import ImageRef, parse_image_ref

SHA = "sha256:" + "0123456789abcdef" * 4

# raw, registry, repository, tag, digest, domain, path, familiar_name, is_official
VALID: list[tuple[str, str | None, str, str | None, str | None, str, str, str, bool]] = [
    ("node", None, "node", None, None, "docker.io", "library/node", "node", True),
    ("node:14-alpine", None, "node", "14-alpine", None, "docker.io", "library/node", "node", True),
    ("docker.io/library/node:14", "docker.io", "library/node", "14", None, "docker.io", "library/node", "node", True),
    ("docker.io/node", "docker.io", "node", None, None, "docker.io", "library/node", "node", True),
    ("index.docker.io/node:1", "index.docker.io", "node", "1", None, "docker.io", "library/node", "node", True),
    ("myorg/app:1.0", None, "myorg/app", "1.0", None, "docker.io", "myorg/app", "myorg/app", False),
    ("library/node", None, "library/node", None, None, "docker.io", "library/node", "node", True),
    ("ghcr.io/x/y:tag", "ghcr.io", "x/y", "tag", None, "ghcr.io", "x/y", "ghcr.io/x/y", False),
    ("localhost/x", "localhost", "x", None, None, "localhost", "x", "localhost/x", False),
    ("localhost:5000/x", "localhost:5000", "x", None, None, "localhost:5000", "x", "localhost:5000/x", False),
    ("localhost", None, "localhost", None, None, "docker.io", "library/localhost", "localhost", True),
    (f"registry:5000/a/b:tag@{SHA}", "registry:5000", "a/b", "tag", SHA, "registry:5000", "a/b", "registry:5000/a/b", False),
    (f"node@{SHA}", None, "node", None, SHA, "docker.io", "library/node", "node", True),
    (f"node:20@{SHA}", None, "node", "20", SHA, "docker.io", "library/node", "node", True),
    ("[::1]:5000/foo:bar", "[::1]:5000", "foo", "bar", None, "[::1]:5000", "foo", "[::1]:5000/foo", False),
    ("[2001:db8::1]/foo", "[2001:db8::1]", "foo", None, None, "[2001:db8::1]", "foo", "[2001:db8::1]/foo", False),
    ("Foo/bar", "Foo", "bar", None, None, "Foo", "bar", "Foo/bar", False),  # uppercase => a domain
    ("127.0.0.1:5000/a-b__c.d/e", "127.0.0.1:5000", "a-b__c.d/e", None, None, "127.0.0.1:5000", "a-b__c.d/e", "127.0.0.1:5000/a-b__c.d/e", False),
    ("mcr.microsoft.com/dotnet/aspnet:8.0", "mcr.microsoft.com", "dotnet/aspnet", "8.0", None, "mcr.microsoft.com", "dotnet/aspnet", "mcr.microsoft.com/dotnet/aspnet", False),
    ("scratch", None, "scratch", None, None, "docker.io", "library/scratch", "scratch", True),
    ("a--b/c", None, "a--b/c", None, None, "docker.io", "a--b/c", "a--b/c", False),
    ("ubuntu:_x.Y-1", None, "ubuntu", "_x.Y-1", None, "docker.io", "library/ubuntu", "ubuntu", True),
]


@pytest.mark.parametrize(
    ("raw", "registry", "repository", "tag", "digest", "domain", "path", "familiar", "official"),
    VALID,
)
def test_valid_refs(
    raw: str,
    registry: str | None,
    repository: str,
    tag: str | None,
    digest: str | None,
    domain: str,
    path: str,
    familiar: str,
    official: bool,
) -> None:
    ref = parse_image_ref(raw)
    assert ref.valid, ref.error
    assert ref.error is None
    assert (ref.registry, ref.repository, ref.tag, ref.digest) == (registry, repository, tag, digest)
    assert (ref.domain, ref.path) == (domain, path)
    assert ref.familiar_name == familiar
    assert ref.is_official is official
    assert ref.name == f"{domain}/{path}"
    assert not ref.has_variables


INVALID: list[tuple[str, str]] = [
    ("", "at least one component"),
    ("NODE", "must be lowercase"),
    ("foo/Bar", "must be lowercase"),
    ("docker.io/Library/node", "must be lowercase"),
    ("node:bad tag", "invalid tag"),
    ("node:-x", "invalid tag"),
    ("node:" + "a" * 129, "longer than 128"),
    ("node@sha256:abc", "invalid reference format"),
    ("node@md5:" + "a" * 32, "unsupported digest algorithm"),
    ("node@sha256:" + "a" * 63 + "a" * 2, "digest length"),
    ("node@sha256:" + "A" * 64, "digest format"),
    ("a" * 64, "64-byte hexadecimal"),
    ("-node", "invalid reference format"),
    ("node_", "invalid reference format"),
    ("a//b", "invalid reference format"),
    ("node:", "invalid reference format"),
    ("ghcr.io/", "invalid reference format"),
    ("x" * 256, "255 characters"),
]


@pytest.mark.parametrize(("raw", "fragment"), INVALID)
def test_invalid_refs(raw: str, fragment: str) -> None:
    ref = parse_image_ref(raw)
    assert not ref.valid
    assert ref.error is not None and fragment in ref.error, ref.error


def test_offsets_for_underlining() -> None:
    raw = f"registry:5000/a/b:tag@{SHA}"
    ref = parse_image_ref(raw)
    assert raw[ref.registry_start : ref.registry_end] == "registry:5000"  # type: ignore[misc]
    assert raw[ref.repository_start : ref.repository_end] == "a/b"
    assert raw[ref.tag_start : ref.tag_end] == "tag"  # type: ignore[misc]
    assert raw[ref.digest_start : ref.digest_end] == SHA  # type: ignore[misc]

    ref = parse_image_ref("node:14-alpine")
    assert (ref.tag_start, ref.tag_end) == (5, 14)
    assert ref.digest_start is None and ref.registry_start is None
    # Offsets exist even when the reference is invalid.
    ref = parse_image_ref("node:bad tag")
    assert not ref.valid
    assert "node:bad tag"[ref.tag_start : ref.tag_end] == "bad tag"  # type: ignore[misc]


VARIABLE_REFS: list[tuple[str, str | None, str, str | None]] = [
    ("node:${NODE_VERSION}", None, "node", "${NODE_VERSION}"),
    ("node:$V-alpine", None, "node", "$V-alpine"),
    ("${REGISTRY}/app:${TAG:-1.0}", "${REGISTRY}", "app", "${TAG:-1.0}"),
    ("${IMAGE}", None, "${IMAGE}", None),
    ("${IMAGE:-node:20}", None, "${IMAGE:-node:20}", None),
    ("${BASE/a/b}:1", None, "${BASE/a/b}", "1"),
    ("ghcr.io/${ORG}/app", "ghcr.io", "${ORG}/app", None),
    ("${broken", None, "${broken", None),
]


@pytest.mark.parametrize(("raw", "registry", "repository", "tag"), VARIABLE_REFS)
def test_variable_refs_are_not_invalid(
    raw: str, registry: str | None, repository: str, tag: str | None
) -> None:
    ref = parse_image_ref(raw)
    assert ref.has_variables
    assert ref.valid and ref.error is None
    assert (ref.registry, ref.repository, ref.tag) == (registry, repository, tag)


def test_variable_repository_is_not_official() -> None:
    assert not parse_image_ref("${IMAGE}").is_official
    assert parse_image_ref("node:${V}").is_official


def test_scratch_and_parse_alias() -> None:
    assert ImageRef.parse("scratch").is_scratch
    assert not ImageRef.parse("scratch:latest").is_scratch
    assert ImageRef.parse("node").official_name == "node"
    assert ImageRef.parse("myorg/node").official_name is None


@pytest.mark.parametrize("raw", ["", "@", ":", "/", "$", "${", "a@b@c", "[::1", "::::", "é", "\x00", "a:b:c/d"])
def test_never_raises(raw: str) -> None:
    ref = parse_image_ref(raw)
    for start, end in [
        (ref.registry_start, ref.registry_end),
        (ref.tag_start, ref.tag_end),
        (ref.digest_start, ref.digest_end),
        (ref.repository_start, ref.repository_end),
    ]:
        if start is not None:
            assert end is not None and 0 <= start <= end <= len(raw)


@settings(max_examples=300, deadline=None)
@given(raw=st.one_of(st.text(max_size=40), st.text(alphabet="abAB09:/@.-_[]${}", max_size=40)))
def test_property_never_raises(raw: str) -> None:
    ref = parse_image_ref(raw)
    assert ref.raw == raw
    assert ref.valid == (ref.error is None)
    if ref.tag is not None:
        assert raw[ref.tag_start : ref.tag_end] == ref.tag  # type: ignore[misc]
    if ref.digest is not None:
        assert raw[ref.digest_start : ref.digest_end] == ref.digest  # type: ignore[misc]
    assert raw[ref.repository_start : ref.repository_end] == ref.repository
