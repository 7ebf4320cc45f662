"""User rules added with the Dockerfile-level families: numeric-user (DKL302)."""
from __future__ import annotations

import pytest

from tests.rules.helpers import finds

CASES = [
    ("name", "FROM a:1\nUSER app\n", ["2:6-2:9"]),
    ("name-with-group", "FROM a:1\nUSER app:app\n", ["2:6-2:9"]),
    ("numeric", "FROM a:1\nUSER 1000\n", []),
    ("numeric-with-named-group", "FROM a:1\nUSER 1000:staff\n", []),
    ("root-is-missing-users", "FROM a:1\nUSER root\n", []),
    ("only-last-counts", "FROM a:1\nUSER app\nRUN make\nUSER 1000\n", []),
    ("builder-stage-ignored", "FROM a:1 AS b\nUSER builder\nFROM c:1\nUSER 1000\n", []),
    ("inherited-from-stage", "FROM a:1 AS b\nUSER app\nFROM b\nRUN ls\n", ["2:6-2:9"]),
    ("arg-numeric", "FROM a:1\nARG UID=1001\nUSER $UID\n", []),
    ("arg-name", "FROM a:1\nARG U=app\nUSER $U\n", ["3:6-3:8"]),
    ("arg-unknown", "FROM a:1\nARG UID\nUSER $UID\n", []),
    ("lowercase-keyword-crlf", "from a:1\r\nuser app\r\n", ["2:6-2:9"]),
    ("no-user", "FROM a:1\n", []),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_numeric_user(source: str, expected: list[str]) -> None:
    assert finds(source, "DKL302") == [("DKL302", span) for span in expected]


MISSING_USER_KNOWLEDGE = [
    ("nanoserver-runs-as-containeruser", "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY a.exe /a.exe\n", []),
    ("dotnet-nanoserver", "FROM mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022\nCOPY a /a\n", []),
    ("servercore-is-admin", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a /a\n", ["1:6-1:51"]),
    ("distroless-nonroot", "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY a /a\n", []),
    ("chiseled-runs-as-app", "FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled\nCOPY a /a\n", []),
    ("node-root", "FROM node:22-alpine\nCOPY a /a\n", ["1:6-1:20"]),
    ("bitnami-runs-as-1001", "FROM bitnami/postgresql:16\nCOPY a /a\n", []),
    ("bitnami-immutable-tag", "FROM docker.io/bitnami/redis:8.0.3-debian-12-r1\nCOPY a /a\n", []),
    ("bitnamilegacy-runs-as-1001", "FROM bitnamilegacy/mysql:8.4\nCOPY a /a\n", []),
    ("bitnami-through-stage", "FROM bitnami/nginx:1.29 AS web\nFROM web\nCOPY a /a\n", []),
    ("bitnami-runtime-is-root", "FROM bitnami/node:22\nCOPY a /a\n", ["1:6-1:21"]),
    ("bitnami-back-to-1001", "FROM bitnami/postgresql:16\nUSER root\nRUN install_packages vim\nUSER 1001\n", []),
    # Lambda runs the function as a least-privileged user of its own, whatever USER says
    ("lambda-picks-the-user", "FROM public.ecr.aws/lambda/python:3.12\nCOPY app.py ./\nCMD [\"app.handler\"]\n", []),
    # the official database images' entrypoints start as root and step down to the service's user
    ("postgres-steps-down", "FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n", []),
    ("mongo-steps-down-inherited", "FROM mongo:8 AS db\nFROM db\nCOPY a /a\n", []),
    ("rabbitmq-own-entrypoint", "FROM rabbitmq:4\nENTRYPOINT [\"rabbitmq-server\"]\n", ["1:6-1:16"]),
    ("jupyter-runs-as-nb-uid", "FROM quay.io/jupyter/scipy-notebook:2026-07-28\nRUN pip install x\n", []),
    ("nginx-does-not-step-down", "FROM nginx:1.27\nCOPY a /a\n", ["1:6-1:16"]),
    ("lambda-untabled-runtime", "FROM public.ecr.aws/lambda/java:21\nCOPY a /a\n", []),
    # dev container images carry the remoteUser Dev Containers run them as in their metadata
    ("dev-container-image", "FROM mcr.microsoft.com/devcontainers/python:3.12\nRUN pip install x\n", []),
    ("dev-container-image-user-root", "FROM mcr.microsoft.com/devcontainers/base:bookworm\nUSER root\n", []),
    ("lambda-user-root", "FROM public.ecr.aws/lambda/python:3.12\nUSER root\nCMD [\"app.handler\"]\n", []),
    ("not-lambda", "FROM public.ecr.aws/docker/library/python:3.12\nCOPY a /a\n", ["1:6-1:47"]),
    # a scratch stage that only holds files (exported with `--output`) runs nothing
    ("scratch-export", "FROM golang:1.23 AS build\nRUN go build -o /out/app\nFROM scratch AS out\nCOPY --from=build /out /\n", []),
    ("scratch-export-inherited", "FROM scratch AS files\nCOPY a /a\nFROM files\nCOPY b /b\n", []),
    ("scratch-runs-a-binary", "FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n", ["1:6-1:13"]),
    # an entrypoint that steps down from root with gosu / su-exec, as the official images do
    ("gosu-installed", "FROM debian:12\nRUN apt-get update && apt-get install -y gosu && gosu nobody true\n"
                       "ENTRYPOINT [\"docker-entrypoint.sh\"]\n", []),
    ("gosu-downloaded", "FROM debian:12 AS base\nRUN wget -O /usr/local/bin/gosu https://example.com/g && chmod +x /usr/local/bin/gosu\n"
                        "FROM base\nCMD [\"app\"]\n", []),
    ("su-exec-alpine", "FROM alpine:3.20\nRUN apk add --no-cache su-exec\nCMD [\"app\"]\n", []),
    ("gosu-in-another-stage", "FROM debian:12 AS tools\nRUN apt-get install -y gosu\nFROM debian:12\nCMD [\"app\"]\n", ["3:6-3:15"]),
    ("scratch-cmd-inherited", "FROM scratch AS base\nCMD [\"/app\"]\nFROM base\nCOPY app /app\n", ["3:6-3:10"]),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in MISSING_USER_KNOWLEDGE],
                         ids=[c[0] for c in MISSING_USER_KNOWLEDGE])
def test_missing_user_knows_default_users(source: str, expected: list[str]) -> None:
    assert finds(source, "DKL301") == [("DKL301", span) for span in expected]


@pytest.mark.parametrize(("source", "user"), [
    ("FROM node:22-alpine\nCOPY . /app\nCMD [\"node\", \"/app/server.js\"]\n", "node"),
    ("FROM postgres:16\nENTRYPOINT [\"postgres\"]\n", "postgres"),  # its own entrypoint: no stepping down
    ("FROM node:20 AS base\nFROM base\nRUN npm ci\n", "node"),
    ("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.exe /a.exe\n", "ContainerUser"),
])
def test_missing_user_offers_the_images_own_user(source: str, user: str) -> None:
    from tests.rules.helpers import run

    (finding,) = run(source, "DKL301").findings
    assert finding.fix is not None and finding.fix.title == f"Add `USER {user}`"
    (edit,) = finding.fix.edits
    fixed = source[: edit.start] + edit.text + source[edit.end:]
    assert fixed.rstrip("\n").endswith(f"\nUSER {user}")
    assert finds(fixed, "DKL301") == []


@pytest.mark.parametrize("image", ["nginx:1.27", "nginx:stable-alpine", "mirror.gcr.io/nginx"])
def test_missing_user_on_nginx_says_what_running_as_nginx_takes(image: str) -> None:
    """nginx as `USER nginx` cannot write its pid and temp files: no fix, and the message says why."""
    from tests.rules.helpers import run

    (finding,) = run(f"FROM {image}\nCOPY site /usr/share/nginx/html\n", "DKL301").findings
    assert finding.fix is None
    assert "runs as its user `nginx` only once its configuration" in finding.message
    assert "nginx/content.md#running-nginx-as-a-non-root-user" in finding.message
    assert finding.message.endswith("or build on `nginxinc/nginx-unprivileged`")


@pytest.mark.parametrize("source", ["FROM python:3.13-slim\nCOPY a /a\n",
                                    "FROM bitnami/node:22\nCOPY a /a\n"])  # root, and no named user to offer
def test_missing_user_without_an_own_user_offers_no_fix(source: str) -> None:
    from tests.rules.helpers import run

    (finding,) = run(source, "DKL301").findings
    assert finding.fix is None


@pytest.mark.parametrize(("source", "user"), [
    ("FROM bitnami/postgresql:16\nUSER root\nRUN install_packages vim\n", "1001"),
    ("FROM bitnami/postgresql:16 AS base\nUSER root\nFROM base\nRUN apt-get install -y vim\n", "1001"),
    ("FROM gcr.io/distroless/static-debian12:nonroot\nUSER root\nCOPY a /a\n", "nonroot"),
])
def test_missing_user_gives_back_the_images_own_user(source: str, user: str) -> None:
    """After `USER root` on an image that runs unprivileged, the fix is the image's own USER (the bare
    id Bitnami uses, never a name the image lacks)."""
    from tests.rules.helpers import run

    (finding,) = run(source, "DKL301").findings
    assert finding.fix is not None and finding.fix.title == f"Add `USER {user}`"
    assert f"itself runs as `{user}`" in finding.message
    (edit,) = finding.fix.edits
    fixed = source[: edit.start] + edit.text + source[edit.end:]
    assert fixed.endswith(f"\nUSER {user}\n")
    assert finds(fixed, "DKL301") == []


def test_missing_user_root_without_a_known_image_offers_no_fix() -> None:
    from tests.rules.helpers import run

    for source in ("FROM myorg/app:1\nUSER root\n", "FROM bitnami/node:22\nUSER root\n"):
        (finding,) = run(source, "DKL301").findings
        assert finding.fix is None


@pytest.mark.parametrize("source", [
    "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\n",
    "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER appuser\n",
    "FROM myorg/windows-app:1\nUSER ContainerAdministrator\n",
])
def test_numeric_user_leaves_windows_alone(source: str) -> None:
    assert finds(source, "DKL302") == []


@pytest.mark.parametrize(("source", "message"), [
    ("FROM grafana/grafana:11\nCOPY a /a\n", "The final stage sets no `USER`, so it runs as root unless "
     "`grafana/grafana` sets an unprivileged user itself; add `USER <unprivileged user>` after the last step that "
     "needs it"),  # an image the table does not know
    ("FROM python:3.13-slim\nCOPY a /a\n", "The final stage runs as root: add `USER <unprivileged user>` after "
     "the last step that needs it"),  # known to run as root
])
def test_missing_user_says_what_it_knows_of_the_image(source: str, message: str) -> None:
    from tests.rules.helpers import run

    (finding,) = run(source, "DKL301").findings
    assert finding.message == message
