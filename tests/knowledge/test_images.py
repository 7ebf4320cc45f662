"""The rows of the image table the rules depend on, and the conventions that read tags not listed."""
from __future__ import annotations

import re

import pytest

from dockerlint.knowledge import _data
from dockerlint.knowledge.images import checked, facts_for, minimal_variant, stage_facts
from dockerlint.semantics.image_ref import parse_image_ref
from dockerlint.semantics.model import Model
from dockerlint.syntax.parser import parse


def facts(image: str):
    return facts_for(parse_image_ref(image))


@pytest.mark.parametrize(("image", "os", "managers", "shell"), [
    ("alpine:3.20", "alpine", {"apk"}, "/bin/sh"),
    ("debian:bookworm-slim", "debian", {"apt-get", "apt", "dpkg"}, "/bin/sh"),
    ("ubuntu:24.04", "ubuntu", {"apt-get", "apt", "dpkg"}, "/bin/sh"),
    ("busybox", "busybox", set(), "/bin/sh"),
    ("node:22-alpine3.20", "alpine", {"apk"}, "/bin/sh"),  # listed or read from the tag
    ("node:14", "debian", {"apt-get", "apt", "dpkg"}, "/bin/sh"),  # a bare version: Debian like all of them
    ("python:3.7-slim-buster", "debian", {"apt-get", "apt", "dpkg"}, "/bin/sh"),
    ("golang:1.26", "debian", {"apt-get", "apt", "dpkg"}, "/bin/sh"),  # shared with Windows: the Linux entry
    ("golang:1.22-alpine3.20", "alpine", {"apk"}, "/bin/sh"),
    ("maven:3-eclipse-temurin-17", "ubuntu", {"apt-get", "apt", "dpkg"}, "/bin/sh"),
    ("registry.access.redhat.com/ubi9/ubi-minimal:9.4", "ubi-minimal", {"microdnf", "rpm"}, "/bin/sh"),
    ("redhat/ubi8", "ubi", {"dnf", "yum", "rpm"}, "/bin/sh"),
    ("registry.access.redhat.com/ubi9/ubi-micro", "ubi-micro", set(), ""),
    ("scratch", "scratch", set(), ""),
    ("gcr.io/distroless/static-debian12", "distroless", set(), ""),
    ("gcr.io/distroless/base-debian12:debug", "distroless", set(), "/busybox/sh"),  # and no /bin/sh
    ("cgr.dev/chainguard/static", "wolfi", set(), ""),
    ("cgr.dev/chainguard/python:latest-dev", "wolfi", {"apk"}, "/bin/sh"),
    ("mcr.microsoft.com/dotnet/aspnet:8.0", "debian", {"apt-get", "apt", "dpkg"}, "/bin/sh"),
    ("mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled", "distroless", set(), ""),
    ("mcr.microsoft.com/windows/nanoserver:ltsc2022", "windows-nanoserver", set(), "cmd"),
    ("mirror.gcr.io/busybox", "busybox", set(), "/bin/sh"),
    ("arm64v8/alpine:3.20", "alpine", {"apk"}, "/bin/sh"),
    ("mcr.microsoft.com/devcontainers/base:jammy", "ubuntu", {"apt-get", "apt", "dpkg"}, "/bin/sh"),
    # Bitnami: minideb is Debian plus its install_packages helper (an apt-get wrapper)
    ("bitnami/postgresql:16", "minideb", {"apt-get", "apt", "dpkg", "install_packages"}, "/bin/sh"),
    ("docker.io/bitnami/redis:8.0.3-debian-12-r1", "minideb", {"apt-get", "apt", "dpkg", "install_packages"}, "/bin/sh"),
    ("bitnamilegacy/kafka:4.0", "minideb", {"apt-get", "apt", "dpkg", "install_packages"}, "/bin/sh"),
    ("bitnami/minideb:bookworm", "minideb", {"apt-get", "apt", "dpkg", "install_packages"}, "/bin/sh"),
    ("mcr.microsoft.com/vscode/devcontainers/base:0-bullseye", "debian", {"apt-get", "apt", "dpkg"}, "/bin/sh"),
    ("mcr.microsoft.com/azurelinux/base/core:3.0", "azurelinux", {"tdnf", "rpm"}, "/bin/sh"),
    ("mcr.microsoft.com/azurelinux/distroless/minimal:3.0", "distroless", set(), ""),
    # Amazon Linux: AL2 has yum only, AL2023 dnf with yum kept as its alias, the minimal image microdnf as dnf
    ("amazonlinux:2", "amazonlinux2", {"yum", "rpm"}, "/bin/sh"),
    ("amazonlinux:2023", "amazonlinux2023", {"dnf", "yum", "rpm"}, "/bin/sh"),
    ("amazonlinux", "amazonlinux2023", {"dnf", "yum", "rpm"}, "/bin/sh"),
    ("public.ecr.aws/amazonlinux/amazonlinux:2023", "amazonlinux2023", {"dnf", "yum", "rpm"}, "/bin/sh"),
    ("public.ecr.aws/amazonlinux/amazonlinux:2023-minimal", "amazonlinux2023-minimal", {"microdnf", "dnf", "rpm"},
     "/bin/sh"),
    ("public.ecr.aws/lambda/provided:al2023", "amazonlinux2023-minimal", {"microdnf", "dnf", "rpm"}, "/bin/sh"),
    ("public.ecr.aws/lambda/provided:al2.2024.01.09.14", "amazonlinux2", {"yum", "rpm"}, "/bin/sh"),
    ("public.ecr.aws/lambda/python:3.12", "amazonlinux2023-minimal", {"microdnf", "dnf", "rpm"}, "/bin/sh"),
    ("public.ecr.aws/lambda/python:3.11-x86_64", "amazonlinux2", {"yum", "rpm"}, "/bin/sh"),
    ("public.ecr.aws/lambda/nodejs:20.2024.01.05.12", "amazonlinux2023-minimal", {"microdnf", "dnf", "rpm"},
     "/bin/sh"),
])
def test_os_managers_shell(image: str, os: str, managers: set[str], shell: str) -> None:
    found = facts(image)
    assert found is not None
    assert (found.os, set(found.managers or ()), found.shell) == (os, managers, shell)


@pytest.mark.parametrize(("image", "user", "users"), [
    ("node:22-alpine", "root", ("node",)),
    ("node:18-bullseye-slim", "root", ("node",)),
    ("nginx:1.27", "root", ("nginx",)),
    ("postgres:16", "root", ("postgres",)),
    ("gcr.io/distroless/static-debian12:nonroot", "nonroot", ("nonroot",)),
    ("gcr.io/distroless/static-debian12", "root", ("nonroot",)),
    ("cgr.dev/chainguard/node", "node", ("node",)),
    ("mcr.microsoft.com/windows/nanoserver:ltsc2022", "ContainerUser", ("ContainerUser",)),
    ("mcr.microsoft.com/windows/servercore:ltsc2022", "ContainerAdministrator", ("ContainerUser",)),
    ("mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022", "ContainerUser", ("ContainerUser",)),
    ("mcr.microsoft.com/dotnet/aspnet:8.0", "root", ("app",)),
    ("mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled", "app", ("app",)),  # USER from runtime-deps
    ("mcr.microsoft.com/dotnet/aspnet:10.0.11-noble-chiseled-composite-amd64", "app", ("app",)),  # by convention
    ("mcr.microsoft.com/dotnet/aspnet:10.0.11-azurelinux3.0-distroless", "app", ("app",)),
    ("mcr.microsoft.com/devcontainers/javascript-node:16", "root", ("node",)),
    ("mcr.microsoft.com/vscode/devcontainers/typescript-node:18-bullseye", "root", ("node",)),  # the older path
    ("quay.io/jupyter/scipy-notebook:2026-07-28", "1000", ()),  # USER ${NB_UID} of docker-stacks-foundation
    ("jupyter/base-notebook", "1000", ()),  # the older Docker Hub home
    ("mcr.microsoft.com/azurelinux/distroless/minimal:3.0", None, None),  # not shown by the Dockerfiles
    ("docker:29-dind", "root", ()),  # dockremap is for --userns-remap, not to run as
    # Bitnami's server images end with the numeric `USER 1001` (no named user is created)
    ("bitnami/postgresql:16", "1001", ()),
    ("bitnami/postgresql:17.6.0", "1001", ()),  # a version: its branch folder, 17/debian-12
    ("bitnami/postgresql:16.4.0-debian-12-r5", "1001", ()),  # an immutable tag: version, flavour, revision
    ("bitnami/postgresql:14", "1001", ()),  # a branch not read: what every known folder agrees on
    ("bitnami/postgresql", "1001", ()),  # latest
    ("bitnami/mysql:8.4", "1001", ()),
    ("bitnami/nginx:1.29.1-debian-12-r2", "1001", ()),
    ("bitnami/os-shell:12-debian-12-r17", "1001", ()),
    ("bitnami/keycloak:26.3.0", "1001", ()),
    ("bitnamilegacy/spark:4.0.0-debian-12-r7", "1001", ()),
    ("bitnami/postgresql-repmgr:17.5.0-debian-12-r1", "1001", ()),
    # the language runtimes and tools stay root
    ("bitnami/node:22", "root", ()),
    ("bitnamilegacy/python:3.13.2", "root", ()),
    ("bitnami/java:21.0.5-11-debian-12-r4", "root", ()),
    ("bitnami/git:latest", "root", ()),
    ("bitnami/golang:1.24.4-debian-12-r0", "root", ()),
    ("bitnami/aspnet-core:9", "root", ()),
    ("bitnami/dotnet-sdk:9.0.300", "root", ()),
    ("bitnami/minideb", "root", ()),
])
def test_users(image: str, user: str, users: tuple[str, ...]) -> None:
    found = facts(image)
    assert found is not None and (found.user, found.users) == (user, users)


@pytest.mark.parametrize("image", [
    "myorg/app:1", "openjdk:8-jdk", "node:22-weird-suffix", "$BASE", "ghcr.io/x/alpine:3.20", "centos7",
    "mcr.microsoft.com/devcontainers/universal:2", "gcr.io/distroless/unknownthing",
    "bitnami/unknownapp:1", "bitnami/postgresql:nightly", "bitnami/postgresql:17-ubuntu-24",
    "bitnamisecure/postgresql:latest",  # hardened images built from other sources
    "bitnami/minideb:buster", "myorg/postgresql:16",
])
def test_unknown_is_silence(image: str) -> None:
    assert facts(image) is None


@pytest.mark.parametrize(("image", "version"), [
    ("bitnami/postgresql:16", "bookworm"),  # the codename of the folder's minideb
    ("bitnami/postgresql:16-debian-11", None),  # a flavour without a known folder: no codename claimed
    ("bitnami/postgresql:latest", "bookworm"),
    ("bitnami/minideb:latest", _data.MINIDEB["latest"]),
])
def test_bitnami_os_version(image: str, version: str | None) -> None:
    found = facts(image)
    assert found is not None and found.os_version == version


@pytest.mark.parametrize(("image", "source"), [
    ("bitnami/postgresql:16", "blob/main/bitnami/postgresql/16/debian-12/Dockerfile"),  # listed
    ("bitnami/postgresql:17.6.0", "blob/main/bitnami/postgresql/17/debian-12/Dockerfile"),  # version -> branch
    ("bitnami/postgresql:16.4.0-debian-12-r5", "blob/main/bitnami/postgresql/16/debian-12/Dockerfile"),
    ("bitnami/nginx:1.29.1-debian-12-r2", "blob/main/bitnami/nginx/1.29/debian-12/Dockerfile"),
    ("bitnami/java:21.0.6-7-debian-12-r1", "blob/main/bitnami/java/21/debian-12/Dockerfile"),  # java's -<build>
    ("bitnami/postgresql:14", "tree/main/bitnami/postgresql"),  # no folder: what the app's folders agree on
    ("bitnami/postgresql:160", "tree/main/bitnami/postgresql"),  # not branch 16
])
def test_bitnami_tag_to_folder(image: str, source: str) -> None:
    found = facts(image)
    assert found is not None and found.sources[0] == f"https://github.com/bitnami/containers/{source}"


def test_stage_inheritance_and_arg_defaults() -> None:
    model = Model(parse("ARG BASE=node:22-alpine\nFROM $BASE AS a\nFROM a AS b\nFROM b\n"))
    found = stage_facts(model, model.final_stage)
    assert found is not None and found.os == "alpine" and found.users == ("node",)
    model = Model(parse("ARG BASE\nFROM $BASE\n"))
    assert stage_facts(model, model.final_stage) is None


@pytest.mark.parametrize(("image", "variant"), [
    ("python:3.13", "3.13-slim"), ("node:22-bookworm", "22-bookworm-slim"),
    ("python:3.13-bookworm", "3.13-slim-bookworm"), ("debian:bookworm", "bookworm-slim"),
    ("python:3.13-slim", None), ("node:22-alpine", None), ("myorg/python:3.13", None),
])
def test_minimal_variant(image: str, variant: str | None) -> None:
    assert minimal_variant(parse_image_ref(image)) == variant


def test_table_is_dated_and_sourced() -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", checked())
    assert all(row[4].startswith("https://") for row in _data.VARIANTS)
    assert all(info["source"].startswith("https://") for info in _data.OS.values())


@pytest.mark.parametrize("image", [
    "public.ecr.aws/someone/else:1",
])
def test_other_aws_images_get_silence(image: str) -> None:
    assert facts(image) is None


@pytest.mark.parametrize(("image", "complete"), [
    ("registry.access.redhat.com/ubi9/ubi-minimal", True),
    ("amazonlinux:2", True),
    ("public.ecr.aws/lambda/provided:al2023", True),
    ("amazonlinux:2023", False),  # whether microdnf is there too is not documented
    ("fedora:40", False),
])
def test_which_manager_lists_are_complete(image: str, complete: bool) -> None:
    found = facts(image)
    assert found is not None and found.managers_complete is complete


@pytest.mark.parametrize("image", ["public.ecr.aws/lambda/python:3.12", "public.ecr.aws/lambda/java:21",
                                   "public.ecr.aws/lambda/python:latest"])
def test_lambda_images_run_as_lambdas_own_user(image: str) -> None:
    found = facts(image)
    assert found is not None and found.runs_unprivileged is True and found.run_by is not None
    assert found.run_by[2].startswith("https://docs.aws.amazon.com/lambda/")


def test_lambda_runtime_without_a_listed_release_knows_nothing_else() -> None:
    found = facts("public.ecr.aws/lambda/java:21")
    assert found is not None
    assert (found.os, found.managers, found.shell, found.user) == (None, None, None, None)


@pytest.mark.parametrize("tag", ["3.1", "latest", "3.12x"])
def test_lambda_tags_not_listed_say_no_release(tag: str) -> None:
    found = facts(f"public.ecr.aws/lambda/python:{tag}")
    assert found is not None and found.os is None


@pytest.mark.parametrize(("image", "user"), [("mcr.microsoft.com/devcontainers/base:bookworm", "vscode"),
                                             ("mcr.microsoft.com/vscode/devcontainers/typescript-node:18", "node")])
def test_dev_container_images_run_as_their_remote_user(image: str, user: str) -> None:
    found = facts(image)
    assert found is not None and found.runs_unprivileged is True
    assert found.run_by == ("Dev Containers", user, "https://containers.dev/implementors/json_reference/")


@pytest.mark.parametrize(("image", "steps"), [("postgres:16", True), ("mysql:8.4", True), ("mongo:8", True),
                                              ("mongo:8-windowsservercore", False), ("nginx:1.27", False),
                                              ("node:22", False)])
def test_official_images_whose_entrypoint_steps_down(image: str, steps: bool) -> None:
    found = facts(image)
    assert found is not None and found.steps_down is steps
