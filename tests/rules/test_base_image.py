"""Base-image rules (DKL103-DKL109): bad and good cases, variables, multi-stage, escapes, CRLF."""
from __future__ import annotations

import pytest

from dockerlint.rules.registry import resolve
from tests.rules.helpers import finds, run

HUB_AND_GHCR = {"trusted_registries": ["docker.io", "ghcr.io"]}

CASES = [
    # (id, code, source, settings, expected spans)
    ("eol-node", "DKL103", "FROM node:14-alpine\n", {}, ["1:11-1:20"]),
    ("eol-full-name", "DKL103", "FROM docker.io/library/python:3.7-slim\n", {}, ["1:31-1:39"]),
    ("eol-distro-in-tag", "DKL103", "FROM python:3.13-slim-buster\n", {}, ["1:13-1:29"]),
    ("eol-codename", "DKL103", "from debian:stretch AS base\n", {}, ["1:13-1:20"]),
    ("eol-via-arg", "DKL103", "ARG V=14\nFROM node:${V}\n", {}, ["2:6-2:15"]),
    ("eol-supported", "DKL103", "FROM node:22-alpine\n", {}, []),
    ("eol-moving-tag", "DKL103", "FROM python:3\n", {}, []),
    ("eol-digest", "DKL103", "FROM node:14@sha256:" + "a" * 64 + "\n", {}, []),
    ("eol-unknown-image", "DKL103", "FROM example/node:14\n", {}, []),
    ("eol-arg-no-default", "DKL103", "ARG V\nFROM node:${V}\n", {}, []),
    ("eol-stage", "DKL103", "FROM node:22 AS n\nFROM n\n", {}, []),
    ("registry-from", "DKL104", "FROM quay.io/org/app:1\n", HUB_AND_GHCR, ["1:6-1:13"]),
    ("registry-hub-implied", "DKL104", "FROM node:22\n", {"trusted_registries": ["ghcr.io"]}, ["1:6-1:13"]),
    ("registry-hub-allowed", "DKL104", "FROM node:22\n", {"trusted_registries": ["hub.docker.com"]}, []),
    ("registry-wildcard-suffix", "DKL104", "FROM eu.gcr.io/x/y:1\n", {"trusted_registries": ["*.gcr.io"]}, []),
    ("registry-wildcard-prefix", "DKL104", "FROM registry.corp:5000/y:1\n", {"trusted_registries": ["registry.corp*"]}, []),
    ("registry-star", "DKL104", "FROM quay.io/x:1\n", {"trusted_registries": ["*"]}, []),
    ("registry-empty-list", "DKL104", "FROM quay.io/x:1\n", {}, []),
    ("registry-scratch", "DKL104", "FROM scratch\n", {"trusted_registries": ["ghcr.io"]}, []),
    ("registry-copy-from", "DKL104", "FROM ghcr.io/a/b:1\nCOPY --from=quay.io/x/y:2 /a /a\n", HUB_AND_GHCR, ["2:13-2:20"]),
    ("registry-mount-from", "DKL104",
     "FROM ghcr.io/a/b:1\nRUN --mount=type=bind,from=quay.io/x:1,target=/x ls\n", HUB_AND_GHCR, ["2:28-2:35"]),
    ("registry-copy-from-stage", "DKL104",
     "FROM ghcr.io/a/b:1 AS b\nFROM ghcr.io/a/c:1\nCOPY --from=b /a /a\n", HUB_AND_GHCR, []),
    ("registry-onbuild", "DKL104", "FROM ghcr.io/a/b:1\nONBUILD COPY --from=quay.io/x:1 / /x\n", HUB_AND_GHCR, ["2:21-2:28"]),
    ("platform-const", "DKL105", "FROM --platform=linux/amd64 alpine:3.20\n", {}, ["1:17-1:28"]),
    ("platform-const-arch-only", "DKL105", "FROM --platform=arm64 alpine:3.20 AS base\n", {}, ["1:17-1:22"]),
    ("platform-named-stage", "DKL105", "FROM --platform=linux/arm64 alpine:3.20 AS build-arm64\n", {}, []),
    ("platform-named-os", "DKL105", "FROM --platform=windows/amd64 mcr.microsoft.com/windows:ltsc2022 AS windows\n", {}, []),
    ("platform-variable", "DKL105", "FROM --platform=$BUILDPLATFORM golang:1.23\n", {}, []),
    ("platform-other-variable", "DKL105", "ARG P=linux/amd64\nFROM --platform=$P golang:1.23\n", {}, []),
    ("platform-not-a-platform", "DKL105", "FROM --platform=nonsense alpine:3.20\n", {}, []),
    ("redundant-dollar", "DKL106", "FROM --platform=$TARGETPLATFORM alpine:3.20\n", {}, ["1:6-1:32"]),
    ("redundant-braces", "DKL106", "FROM --platform=${TARGETPLATFORM} alpine:3.20\n", {}, ["1:6-1:34"]),
    ("redundant-lowercase-kw", "DKL106", "from --platform=$TARGETPLATFORM alpine:3.20\n", {}, ["1:6-1:32"]),
    ("redundant-with-default", "DKL106", "FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20\n", {}, []),
    ("redundant-with-more", "DKL106", "FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20\n", {}, []),
    ("redundant-buildplatform", "DKL106", "FROM --platform=$BUILDPLATFORM alpine:3.20\n", {}, []),
    ("undefined-arg-typo", "DKL107", "ARG NODE_VERSION=22\nFROM node:${NODE_VERSON}\n", {}, ["2:11-2:25"]),
    ("undefined-arg-stage-arg", "DKL107", "FROM alpine:3.20\nARG TAG=3\nFROM alpine:$TAG\n", {}, ["3:13-3:17"]),
    ("undefined-arg-platform", "DKL107", "FROM --platform=$PLATFORM alpine:3.20\n", {}, ["1:17-1:26"]),
    ("undefined-arg-default", "DKL107", "FROM alpine:${TAG:-3.20}\n", {}, ["1:13-1:25"]),
    ("undefined-arg-declared-no-value", "DKL107", "ARG TAG\nFROM alpine:$TAG\n", {}, []),
    ("undefined-arg-builtin", "DKL107", "FROM --platform=$BUILDPLATFORM alpine:3.20\n", {}, []),
    ("undefined-arg-escape", "DKL107", "# escape=`\nARG TAG=3\nFROM alpine:`$TAG\n", {}, []),
    ("invalid-default-empty", "DKL108", "ARG BASE\nFROM $BASE\n", {}, ["2:6-2:11"]),
    ("invalid-default-tag", "DKL108", "ARG TAG\nFROM alpine:${TAG}\n", {}, ["2:6-2:19"]),
    ("invalid-default-upper", "DKL108", "ARG IMG=Alpine\nFROM ${IMG}:3\n", {}, ["2:6-2:14"]),
    ("invalid-default-ok", "DKL108", "ARG TAG=3.20\nFROM alpine:${TAG}\n", {}, []),
    ("invalid-default-literal", "DKL108", "FROM alpine:3.20\n", {}, []),
    ("invalid-default-stage", "DKL108", "ARG S=base\nFROM alpine:3 AS base\nFROM ${S}\n", {}, []),
    ("invalid-default-platform-arg", "DKL108", "FROM base-${TARGETARCH}:1.0\n", {}, []),
    ("invalid-default-platform-stage", "DKL108",
     "FROM alpine:3 AS base-amd64\nFROM alpine:3 AS base-arm64\nFROM base-${TARGETARCH}\n", {}, []),
    ("invalid-default-platform-declared", "DKL108", "ARG BUILDOS\nFROM golang:1.23-${BUILDOS}\n", {}, []),
    ("invalid-default-platform-empty-variant", "DKL108", "FROM base-${TARGETVARIANT}\n", {}, ["1:6-1:27"]),
    ("invalid-ref-upper", "DKL110", "FROM baseImage\n", {}, ["1:6-1:15"]),
    ("invalid-ref-placeholder", "DKL110", "FROM REPLACE-ME AS app\n", {}, ["1:6-1:16"]),
    ("invalid-ref-upper-path", "DKL110", "FROM registry.example.com:5000/Team/app:1\n", {}, ["1:6-1:42"]),
    ("invalid-ref-host-case", "DKL110", "FROM Registry.Example.com/team/app:1\n", {}, []),
    ("invalid-ref-stage-case", "DKL110", "FROM alpine:3 AS Build\nFROM Build\n", {}, []),
    ("invalid-ref-variable", "DKL110", "ARG IMG=Alpine\nFROM ${IMG}:3\n", {}, []),
    ("invalid-ref-scratch", "DKL110", "FROM scratch\n", {}, []),
]


@pytest.mark.parametrize(("code", "source", "settings", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(code: str, source: str, settings: dict, expected: list[str]) -> None:
    assert finds(source, code, **settings) == [(code, span) for span in expected]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_crlf_and_continuations_keep_spans(newline: str) -> None:
    source = newline.join(["FROM --platform=$TARGETPLATFORM \\", "  node:14-alpine AS app", ""])
    assert finds(source, "DKL103", "DKL106") == [("DKL106", "1:6-1:32"), ("DKL103", "2:8-2:17")]


def test_redundant_platform_fix_removes_flag_across_continuation() -> None:
    source = "FROM --platform=$TARGETPLATFORM \\\n  alpine:3.20 AS app\n"
    (finding,) = run(source, "DKL106").findings
    assert finding.fix is not None
    (edit,) = finding.fix.edits
    assert source[: edit.start] + edit.text + source[edit.end:] == "FROM alpine:3.20 AS app\n"


@pytest.mark.parametrize(("source", "message"), [
    ("FROM node:14-alpine\n", "`node:14-alpine` reached end of life on 2023-04-30: move to a supported release such as `node:"),
    ("FROM python:3.13-slim-buster\n", "`python:3.13-slim-buster` is based on Debian 10, which reached end of life on"),
    ("ARG NODE_VERSION=22\nFROM node:$NODE_VERSON\n", "did you mean `$NODE_VERSION`?"),
    # a moving tag on an old distribution: the distribution is what ended
    ("FROM node:lts-buster-slim\n", "`node:lts-buster-slim` is based on Debian 10, which reached end of life on "
                                    "2024-06-30: move to a tag built on Debian 13"),
    # the variant is kept only where the image publishes it
    ("FROM node:18-buster\n", "move to a supported release such as `node:26`"),
    ("FROM node:14-alpine\n", "move to a supported release such as `node:26-alpine`"),
    ("FROM bitnami/postgresql:16\n", "`bitnami/postgresql:16` reached end of life on 2025-08-28: Bitnami moved its "
                                     "versioned images to `bitnamilegacy/` (no updates there), so the tag no longer "
                                     "pulls from `bitnami/`; move to a maintained image"),
])
def test_messages(source: str, message: str) -> None:
    assert message in " ".join(f.message for f in run(source).findings)


def test_eol_docs_match_the_table() -> None:
    from dockerlint.knowledge.eol import EOL_TABLE_DATE, PRODUCTS

    meta = resolve("eol-base-image")
    assert meta is not None
    assert f"**{EOL_TABLE_DATE}**" in meta.rationale
    assert set(meta.references) == {p.sources[0] for p in PRODUCTS.values()}


def test_platform_mismatch_is_documented_not_run() -> None:
    meta = resolve("InvalidBaseImagePlatform")
    assert meta is not None and not meta.implemented and "Not implemented" in meta.rationale


# -- rules on the image table ----------------------------------------------------------------

MISMATCH = [
    ("apt-on-alpine-once-per-run", "FROM alpine:3.20\nRUN apt-get update && apt-get install -y curl\n", ["2:5-2:19"]),
    ("apk-on-debian", "FROM debian:12\nRUN apk add curl\n", ["2:5-2:12"]),
    ("apt-on-node-alpine-tag-convention", "FROM node:14.2.1-alpine3.11\nRUN apt-get install -y x\n", ["2:5-2:20"]),
    ("apk-on-python-slim", "FROM python:3.7-slim\nRUN apk add gcc\n", ["2:5-2:12"]),
    ("arg-default", "ARG BASE=alpine:3.20\nFROM $BASE\nRUN yum install -y x\n", ["3:5-3:16"]),
    ("inherited-stage", "FROM alpine:3.20 AS base\nFROM base\nRUN apt-get install -y x\n", ["3:5-3:20"]),
    ("dnf-on-ubi-minimal", "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN dnf install -y x\n",
     ["2:5-2:16"]),
    ("microdnf-on-ubi-minimal", "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y x\n",
     []),
    ("own-manager", "FROM alpine:3.20\nRUN apk add --no-cache curl\n", []),
    # AL2023 keeps `yum` as a name for dnf; its minimal image and the Lambda images built on it do not
    ("yum-on-amazonlinux-2023", "FROM amazonlinux:2023\nRUN yum install -y git\n", []),
    ("yum-on-lambda-al2023", "FROM public.ecr.aws/lambda/python:3.12\nRUN yum install -y git\n", ["2:5-2:16"]),
    ("dnf-on-lambda-al2023", "FROM public.ecr.aws/lambda/python:3.12\nRUN dnf install -y git\n", []),
    ("yum-on-al2023-minimal", "FROM public.ecr.aws/amazonlinux/amazonlinux:2023-minimal\nRUN yum install -y x\n",
     ["2:5-2:16"]),
    ("dnf-on-amazonlinux-2", "FROM amazonlinux:2\nRUN dnf install -y x\n", ["2:5-2:16"]),
    ("yum-on-lambda-al2", "FROM public.ecr.aws/lambda/provided:al2\nRUN yum install -y x\n", []),
    ("installed-first", "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y dnf\n"
                        "RUN dnf install -y x\n", []),
    ("installed-in-parent-stage", "FROM alpine:3.20 AS a\nRUN apk add apt\nFROM a\nRUN apt install x\n", []),
    ("portable-script", "FROM debian:12\nRUN if command -v apk; then apk add x; else apt-get install -y x; fi\n",
     []),
    ("os-release-guard", "FROM debian:12\nRUN . /etc/os-release && if [ \"$ID\" = alpine ]; then apk add x; fi\n",
     []),
    ("overridden-arg-base", "ARG B=alpine\nFROM $B AS a\nRUN apk add x\nFROM $B AS d\nRUN apt-get install -y x\n",
     []),
    ("unknown-image", "FROM myorg/base:1\nRUN apk add x\n", []),
    ("unknown-tag", "FROM openjdk:8-jdk\nRUN apk add x\n", []),
    ("no-shell-is-other-rule", "FROM scratch\nRUN apt-get install x\n", []),
    ("apk-on-bitnami", "FROM bitnami/postgresql:16\nUSER root\nRUN apk add --no-cache vim\n", ["3:5-3:12"]),
    ("dnf-on-bitnami-legacy", "FROM bitnamilegacy/node:22\nRUN dnf install -y x\n", ["2:5-2:16"]),
    ("apk-on-minideb", "FROM bitnami/minideb:bookworm\nRUN apk add x\n", ["2:5-2:12"]),
    ("install-packages-on-bitnami", "FROM bitnami/postgresql:16\nUSER root\nRUN install_packages vim\n", []),
    ("apt-get-on-bitnami", "FROM bitnami/redis:8.0\nUSER root\nRUN apt-get update && apt-get install -y vim\n", []),
    ("apk-on-bitnamisecure-unknown", "FROM bitnamisecure/postgresql\nRUN apk add x\n", []),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in MISMATCH], ids=[c[0] for c in MISMATCH])
def test_package_manager_mismatch(source: str, expected: list[str]) -> None:
    assert finds(source, "DKL113") == [("DKL113", span) for span in expected]


def test_package_manager_mismatch_message() -> None:
    (finding,) = run("FROM alpine:3.20\nRUN apt-get install -y x\n", "DKL113").findings
    assert finding.message == "`apt-get` is not in the base image `alpine:3.20` (Alpine Linux 3.20), which has `apk`"


def test_package_manager_mismatch_message_bitnami() -> None:
    (finding,) = run("FROM bitnami/postgresql:16\nRUN apk add x\n", "DKL113").findings
    assert finding.message == ("`apk` is not in the base image `bitnami/postgresql:16` (Debian (Bitnami minideb) "
                               "bookworm), which has `apt-get`")


def test_package_manager_mismatch_message_on_lambda() -> None:
    (finding,) = run("FROM public.ecr.aws/lambda/provided:al2023\nRUN yum install -y x\n", "DKL113").findings
    assert finding.message == ("`yum` is not in the base image `public.ecr.aws/lambda/provided:al2023` "
                               "(Amazon Linux 2023 minimal), which has `dnf`")


def test_package_manager_mismatch_docs_date() -> None:
    from dockerlint.knowledge.images import checked

    meta = resolve("package-manager-mismatch")
    assert meta is not None and f"**{checked()}**" in meta.rationale


NO_SHELL = [
    ("scratch-run", "FROM scratch\nCOPY x /x\nRUN echo hi\n", ["3:5-3:12"]),
    ("distroless-cmd", "FROM gcr.io/distroless/static-debian12\nCMD /app --serve\n", ["2:5-2:17"]),
    ("distroless-entrypoint-and-healthcheck",
     "FROM gcr.io/distroless/base-debian12:nonroot\nENTRYPOINT /app\nHEALTHCHECK CMD /app ping\n",
     ["2:12-2:16", "3:17-3:26"]),
    ("chainguard-static", "FROM cgr.dev/chainguard/static\nRUN ls\n", ["2:5-2:7"]),
    ("chiseled", "FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled\nRUN ls\n", ["2:5-2:7"]),
    ("inherited", "FROM scratch AS s\nFROM s\nRUN ls\n", ["3:5-3:7"]),
    ("exec-form", "FROM scratch\nCOPY app /app\nRUN [\"/app\", \"init\"]\nCMD [\"/app\"]\n", []),
    ("distroless-debug-has-no-bin-sh", "FROM gcr.io/distroless/base-debian12:debug\nRUN ls\n", ["2:5-2:7"]),
    ("distroless-debug-with-its-shell",
     "FROM gcr.io/distroless/base-debian12:debug\nSHELL [\"/busybox/sh\", \"-c\"]\nRUN ls\n", []),
    ("debug-shell-inherited-from-stage",
     "FROM gcr.io/distroless/base:debug AS d\nSHELL [\"/busybox/sh\", \"-c\"]\nFROM d\nRUN ls\n", []),
    ("shell-named-but-not-there", "FROM scratch\nSHELL [\"/bin/bash\", \"-c\"]\nRUN ls\n", ["3:5-3:7"]),
    ("own-program-as-shell", "FROM scratch\nCOPY tool /tool\nSHELL [\"/tool\", \"run\"]\nRUN ls\n", []),
    ("chainguard-dev", "FROM cgr.dev/chainguard/python:latest-dev\nRUN ls\n", []),
    ("shell-copied-in", "FROM gcr.io/distroless/static\nCOPY --from=busybox /bin/sh /bin/sh\nRUN ls\n", []),
    ("tree-copied-in", "FROM scratch\nCOPY --from=build / /\nRUN ls\n", []),
    ("shell-copied-in-parent", "FROM scratch AS s\nADD rootfs.tar /\nFROM s\nRUN ls\n", []),
    ("unknown", "FROM example.com/tiny\nRUN ls\n", []),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in NO_SHELL], ids=[c[0] for c in NO_SHELL])
def test_run_without_shell(source: str, expected: list[str]) -> None:
    assert finds(source, "DKL111") == [("DKL111", span) for span in expected]


def test_run_without_shell_names_the_debug_images_shell() -> None:
    (finding,) = run("FROM gcr.io/distroless/base-debian12:debug\nRUN ls\n", "DKL111").findings
    assert "has no `/bin/sh`" in finding.message and 'add `SHELL ["/busybox/sh", "-c"]`' in finding.message


MINIMAL = [
    ("python-full", "FROM python:3.13\nCOPY a /a\n", ["1:13-1:17"]),
    ("debian-codename", "FROM debian:bookworm\n", ["1:13-1:21"]),
    ("only-final-stage", "FROM python:3.13 AS build\nRUN make\nFROM python:3.13-slim\nCOPY --from=build /a /a\n", []),
    ("already-slim", "FROM python:3.13-slim\n", []),
    ("already-alpine", "FROM node:22-alpine\n", []),
    ("no-such-variant-listed", "FROM python:3.7\n", []),
    ("not-official", "FROM myorg/python:3.13\n", []),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in MINIMAL], ids=[c[0] for c in MINIMAL])
def test_full_base_image(source: str, expected: list[str]) -> None:
    assert finds(source, "DKL112") == [("DKL112", span) for span in expected]


def test_full_base_image_is_off_by_default() -> None:
    assert finds("FROM python:3.13\n") == [f for f in finds("FROM python:3.13\n") if f[0] != "DKL112"]


def test_onbuild_from_without_an_image_is_not_a_base_image() -> None:
    # The trigger's FROM has no image and starts no stage: eol-base-image asserted on it.
    assert finds("FROM alpine:3.20\nONBUILD FROM\nONBUILD FROM alpine:3.12\n", "DKL103") == [("DKL103", "1:13-1:17")]
