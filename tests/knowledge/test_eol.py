from __future__ import annotations

from datetime import date

import pytest

from dockerlint.knowledge.eol import EOL_TABLE_DATE, PRODUCTS, describe, lookup
from dockerlint.semantics.image_ref import parse_image_ref

TODAY = date(2026, 11, 26)
SHA = "sha256:" + "ab" * 32

# image, product, cycle, eol date
EOL_CASES: list[tuple[str, str, str, str]] = [
    ("node:14-alpine", "nodejs", "14", "2023-04-30"),
    ("node:14.21.3", "nodejs", "14", "2023-04-30"),
    ("docker.io/library/node:14", "nodejs", "14", "2023-04-30"),
    ("index.docker.io/library/node:16-bullseye", "nodejs", "16", "2023-09-11"),
    ("node:20", "nodejs", "20", "2026-04-30"),
    ("node:hydrogen-alpine", "nodejs", "18", "2025-04-30"),
    ("node:25-slim", "nodejs", "25", "2026-06-01"),
    ("python:3.7-slim-buster", "python", "3.7", "2023-06-27"),
    ("python:2.7", "python", "2.7", "2020-01-01"),
    ("python:3.10-slim", "python", "3.10", "2026-10-31"),
    ("ubuntu:18.04", "ubuntu", "18.04", "2023-05-31"),
    ("ubuntu:bionic", "ubuntu", "18.04", "2023-05-31"),
    ("ubuntu:focal-20240123", "ubuntu", "20.04", "2025-05-31"),
    ("ubuntu:23.10", "ubuntu", "23.10", "2024-07-11"),
    ("debian:9", "debian", "9", "2022-06-30"),
    ("debian:stretch-slim", "debian", "9", "2022-06-30"),
    ("debian:jessie", "debian", "8", "2020-06-30"),
    ("debian:buster-20240612-slim", "debian", "10", "2024-06-30"),
    ("debian:bullseye", "debian", "11", "2026-08-31"),
    ("debian:11.9", "debian", "11", "2026-08-31"),
    ("alpine:3.12", "alpine", "3.12", "2022-05-01"),
    ("alpine:3.21.3", "alpine", "3.21", "2026-11-01"),
    ("golang:1.19-alpine3.16", "go", "1.19", "2023-09-06"),
    ("golang:1.24-bookworm", "go", "1.24", "2026-02-11"),
    ("ruby:2.7-slim", "ruby", "2.7", "2023-03-31"),
    ("ruby:3.2", "ruby", "3.2", "2026-03-31"),
    ("php:7.4-fpm", "php", "7.4", "2022-11-28"),
    ("php:8.1-apache", "php", "8.1", "2025-12-31"),
    ("openjdk:8", "openjdk", "8", "2022-07-31"),
    ("openjdk:17-jdk-slim", "openjdk", "17", "2022-07-31"),
    ("openjdk:8u342-jre", "openjdk", "8", "2022-07-31"),
    ("eclipse-temurin:19-jdk", "eclipse-temurin", "19", "2023-03-31"),
    ("amazoncorretto:22", "amazon-corretto", "22", "2024-10-31"),
    ("postgres:11", "postgresql", "11", "2023-11-09"),
    ("postgres:9.6-alpine", "postgresql", "9.6", "2021-11-11"),
    ("postgres:14.10", "postgresql", "14", "2026-11-12"),
    ("mysql:5.7", "mysql", "5.7", "2023-10-31"),
    ("mysql:8.0.36", "mysql", "8.0", "2026-04-30"),
    ("mariadb:10.5", "mariadb", "10.5", "2025-06-24"),
    ("redis:5.0-alpine", "redis", "5.0", "2021-10-31"),
    ("nginx:1.25-alpine", "nginx", "1.25", "2024-04-23"),
    ("centos:7", "centos", "7", "2024-06-30"),
    ("centos:centos7", "centos", "7", "2024-06-30"),
    ("centos:7.9.2009", "centos", "7", "2024-06-30"),
    ("centos:8", "centos", "8", "2021-12-31"),
    ("fedora:38", "fedora", "38", "2024-05-21"),
    ("mongo:4.4", "mongodb", "4.4", "2024-02-29"),
    ("mongo:6.0.12-jammy", "mongodb", "6.0", "2025-07-31"),
    ("mcr.microsoft.com/dotnet/aspnet:6.0", "dotnet", "6.0", "2024-11-12"),
    ("mcr.microsoft.com/dotnet/sdk:8.0-alpine", "dotnet", "8.0", "2026-11-10"),
    ("mcr.microsoft.com/dotnet/runtime:9.0", "dotnet", "9.0", "2026-11-10"),
    ("mcr.microsoft.com/dotnet/core/sdk:3.1", "dotnet", "3.1", "2022-12-13"),
]


@pytest.mark.parametrize(("image", "product", "cycle", "eol"), EOL_CASES)
def test_eol_images(image: str, product: str, cycle: str, eol: str) -> None:
    info = lookup(parse_image_ref(image), TODAY)
    assert info is not None, image
    assert (info.product, info.cycle, info.eol_date) == (product, cycle, date.fromisoformat(eol))
    assert info.source_url.startswith("https://")
    assert info.is_eol(TODAY)


NOT_EOL = [
    "node:22",
    "node:24-alpine",
    "node:krypton",
    "node:26",
    "python:3.13",
    "python:3.12-slim-bookworm",
    "python:3.14-alpine3.22",
    "ubuntu:24.04",
    "ubuntu:noble",
    "ubuntu:22.04",
    "debian:12",
    "debian:bookworm-slim",
    "debian:trixie",
    "alpine:3.22",
    "alpine:3.23",
    "golang:1.26-alpine",
    "ruby:3.4",
    "php:8.3-fpm",
    "php:8.2-cli",  # EOL 2026-12-31, not yet
    "eclipse-temurin:11-jre",
    "eclipse-temurin:17-jdk-noble",
    "eclipse-temurin:21",
    "amazoncorretto:8",
    "amazoncorretto:17-al2023",
    "postgres:16",
    "postgres:15-alpine",
    "mysql:8.4",
    "mariadb:11.4",
    "mariadb:10.11",
    "mongo:7.0",
    "mcr.microsoft.com/dotnet/aspnet:10.0",
    # not matched at all
    "node",
    "node:latest",
    "node:lts",
    "node:lts-alpine",
    "node:current",
    "python:3",
    "python:3-slim",
    "postgres:9",
    "ubuntu:22",
    "golang:1",
    f"node:14@{SHA}",
    f"node@{SHA}",
    "node:${NODE_VERSION}",
    "node:${V}-alpine",
    "myorg/node:14",
    "ghcr.io/library/node:14",
    "quay.io/centos/centos:7",
    "registry.example.com/python:2.7",
    "nginx:stable",
    "nginx:mainline-alpine",
    "openjdk:26-ea-17-jdk",
    "eclipse-temurin:8-jdk",  # Temurin 8's end date was not confirmed: no claim
    "python:3.7rc1",
    "NODE:14",  # invalid reference
    "mcr.microsoft.com/dotnet/framework/sdk:4.8",
    "scratch",
]


@pytest.mark.parametrize("image", NOT_EOL)
def test_not_eol(image: str) -> None:
    assert lookup(parse_image_ref(image), TODAY) is None


def test_distro_suffix_reported_alongside() -> None:
    info = lookup(parse_image_ref("python:3.7-slim-buster"), TODAY)
    assert info is not None and info.product == "python"
    assert info.base is not None
    assert (info.base.product, info.base.cycle) == ("debian", "10")

    info = lookup(parse_image_ref("golang:1.19-alpine3.16"), TODAY)
    assert info is not None and info.base is not None
    assert (info.base.product, info.base.cycle) == ("alpine", "3.16")


def test_only_distro_eol() -> None:
    # Python 3.11 is supported, but the tag pins Debian buster which is not.
    info = lookup(parse_image_ref("python:3.11-slim-buster"), TODAY)
    assert info is not None
    assert (info.product, info.cycle) == ("debian", "10")
    info = lookup(parse_image_ref("eclipse-temurin:17-jre-focal"), TODAY)
    assert info is not None
    assert (info.product, info.cycle) == ("ubuntu", "20.04")
    info = lookup(parse_image_ref("node:22-alpine3.19"), TODAY)
    assert info is not None and (info.product, info.cycle) == ("alpine", "3.19")


def test_supported_base_is_not_attached() -> None:
    info = lookup(parse_image_ref("node:16-bookworm"), TODAY)
    assert info is not None and info.base is None


def test_latest_supported() -> None:
    assert lookup(parse_image_ref("node:14"), TODAY).latest_supported == "26"  # type: ignore[union-attr]
    assert lookup(parse_image_ref("python:3.7"), TODAY).latest_supported == "3.14"  # type: ignore[union-attr]
    assert lookup(parse_image_ref("ubuntu:18.04"), TODAY).latest_supported == "24.04"  # type: ignore[union-attr]
    assert lookup(parse_image_ref("centos:7"), TODAY).latest_supported is None  # type: ignore[union-attr]
    dotnet = lookup(parse_image_ref("mcr.microsoft.com/dotnet/sdk:8.0"), TODAY)
    assert dotnet is not None and dotnet.latest_supported == "10.0"


def test_date_boundaries() -> None:
    ref = parse_image_ref("postgres:14")
    assert lookup(ref, date(2026, 11, 11)) is None
    assert lookup(ref, date(2026, 11, 12)) is not None  # EOL on the published date


def test_openjdk_has_deprecation_note() -> None:
    info = lookup(parse_image_ref("openjdk:11"), TODAY)
    assert info is not None and info.note and "deprecated" in info.note


@pytest.mark.parametrize(("image", "pulls"), [
    ("bitnami/postgresql:16", False),
    ("docker.io/bitnami/kafka:3.7.0-debian-12-r5", False),
    ("bitnamilegacy/redis:7.2", True),
    ("bitnamilegacy/redis:latest", True),
])
def test_bitnami_free_catalog_ended(image: str, pulls: bool) -> None:
    info = lookup(parse_image_ref(image), TODAY)
    assert info is not None and info.product == "bitnami" and info.eol_date == date(2025, 8, 28)
    assert info.note is not None and ("no longer pulls" in info.note) is not pulls
    assert info.source_url == "https://github.com/bitnami/containers/issues/83267"


@pytest.mark.parametrize("image", ["bitnami/postgresql", "bitnami/postgresql:latest", "bitnami/minideb:bookworm",
                                   f"bitnami/postgresql@{SHA}", "myorg/bitnami:16", "ghcr.io/bitnami/postgresql:16"])
def test_bitnami_images_still_published(image: str) -> None:
    assert lookup(parse_image_ref(image), TODAY) is None


def test_jupyter_docker_hub_images_no_longer_updated() -> None:
    info = lookup(parse_image_ref("jupyter/scipy-notebook:2023-10-20"), TODAY)
    assert info is not None and info.product == "jupyter" and info.eol_date == date(2023, 10, 20)
    assert info.note is not None and "quay.io/jupyter/" in info.note
    assert lookup(parse_image_ref("quay.io/jupyter/scipy-notebook:2026-07-28"), TODAY) is None


@pytest.mark.parametrize("image", ["jupyterhub/jupyterhub:5", "jupyter"])
def test_not_the_jupyter_namespace(image: str) -> None:
    assert lookup(parse_image_ref(image), TODAY) is None


def test_describe_reports_supported_cycles() -> None:
    info = describe(parse_image_ref("node:22"), TODAY)
    assert info is not None and info.cycle == "22" and not info.is_eol(TODAY)
    assert describe(parse_image_ref("node:lts"), TODAY) is None


def test_table_is_well_formed() -> None:
    assert EOL_TABLE_DATE == "2026-12-06"
    for key, product in PRODUCTS.items():
        assert product.key == key
        assert product.sources and all(u.startswith("https://") for u in product.sources)
        names = [c.cycle for c in product.cycles]
        assert len(names) == len(set(names)), key
        for c in product.cycles:
            if c.approx:
                # month-precision dates must not be able to flip a verdict
                assert c.eol is not None and c.eol < date.fromisoformat(EOL_TABLE_DATE), (key, c)
