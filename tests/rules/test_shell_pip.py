"""Language package managers: pip, npm, gem, go, yarn."""
from __future__ import annotations

import pytest

from tests.rules._shell_helpers import fixed
from tests.rules.helpers import finds, run

P = "FROM python:3.13-slim\n"
N = "FROM node:22-alpine\n"

CASES = [
    # DKL841 unpinned-pip-package
    (P + "RUN pip install --no-cache-dir flask 'django>=5' requests==2.32 .\n", "DKL841", ["2:5-2:16", "+2:32-2:37"]),
    (P + "RUN pip3 install --no-cache-dir ./pkg x.whl git+https://h/r@v1 git+https://h/r2\n", "DKL841",
     ["2:5-2:17", "+2:64-2:80"]),
    (P + "RUN python3 -m pip install --no-cache-dir --upgrade pip\n", "DKL841", ["2:5-2:27", "+2:53-2:56"]),
    (P + "RUN pip install --no-cache-dir -r requirements.txt\n", "DKL841", []),
    (P + "RUN pip install --no-cache-dir -c constraints.txt flask\n", "DKL841", []),
    (P + "RUN pip install --no-cache-dir -i https://pypi.example/simple flask==3\n", "DKL841", []),
    (P + "ARG FLASK_VERSION=3.1\nRUN pip install --no-cache-dir flask==$FLASK_VERSION\n", "DKL841", []),
    (P + "RUN pip download flask && pipx install black && echo pip install x\n", "DKL841", []),
    # DKL842 pip-cache-kept
    (P + "RUN pip install flask==3\n", "DKL842", ["2:5-2:16"]),
    (P + "RUN python -m pip install flask==3\n", "DKL842", ["2:5-2:26"]),
    (P + "RUN pip install --no-cache-dir flask==3 && pip install --no-cache x==1\n", "DKL842", []),
    (P + "ENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3\n", "DKL842", []),
    (P + "RUN PIP_NO_CACHE_DIR=1 pip install flask==3\n", "DKL842", []),
    (P + "RUN export PIP_NO_CACHE_DIR=1 && pip install flask==3\n", "DKL842", []),
    (P + "RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3\n", "DKL842", []),
    (P + "RUN pip freeze && pip uninstall -y x\n", "DKL842", []),
    # DKL843 unpinned-npm-package
    (N + "RUN npm install -g typescript @types/node@22 lodash@4 ./local user/repo#v1 user/repo2\n", "DKL843",
     ["2:5-2:16", "+2:20-2:30", "+2:76-2:86"]),
    (N + "RUN npm install && npm ci && npm i --registry https://r.example x@1\n", "DKL843", []),
    (N + "RUN npm i @scope/pkg\n", "DKL843", ["2:5-2:10", "+2:11-2:21"]),
    (N + "RUN npm install -g pnpm@latest @s/x@next y@^1 z@* w@v2.1.0 typescript\n", "DKL843",
     ["2:5-2:16", "+2:20-2:31", "+2:32-2:41", "+2:47-2:50", "+2:60-2:70"]),
    # DKL844 unpinned-gem
    (N + "RUN gem install rails bundler:2.5 && gem install -v 1.0 rake\n", "DKL844", ["2:5-2:16", "+2:17-2:22"]),
    # DKL845 unpinned-go-package
    (N + "RUN go install golang.org/x/tools/gopls@latest example.com/a@v1.2.3 ./cmd/...\n", "DKL845", ["2:5-2:15", "+2:16-2:47"]),
    (N + "RUN go get example.com/b && go get example.com/c@none\n", "DKL845", ["2:5-2:11", "+2:12-2:25"]),
    (N + "RUN go run example.com/gen@v1 arg && go run main.go && go run example.com/x\n", "DKL845",
     ["2:56-2:62", "+2:63-2:76"]),
    (N + "RUN go build -ldflags '-s -w' -o /app . && go mod download\n", "DKL845", []),
    # DKL846 yarn-cache-kept
    (N + "RUN yarn install --frozen-lockfile\n", "DKL846", ["2:5-2:17"]),
    (N + "RUN yarn\n", "DKL846", ["2:5-2:9"]),
    (N + "RUN yarn install && yarn cache clean\n", "DKL846", []),
    (N + "RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n", "DKL846", []),
    ("FROM node:22 AS build\nRUN yarn install\nFROM nginx:1\nCOPY --from=build /app /app\n", "DKL846", []),
]


@pytest.mark.parametrize(("source", "code", "ranges"), CASES)
def test_findings(source: str, code: str, ranges: list[str]) -> None:
    assert finds(source, code) == [(code, r) for r in ranges]


FIXES = [
    (P + "RUN pip install flask==3\n", "DKL842", P + "RUN pip install --no-cache-dir flask==3\n"),
    (P + "RUN python3 -m pip install -U pip==24\n", "DKL842", P + "RUN python3 -m pip install --no-cache-dir -U pip==24\n"),
    (N + "RUN yarn install\n", "DKL846", N + "RUN yarn install && yarn cache clean\n"),
]


@pytest.mark.parametrize(("source", "code", "expected"), FIXES)
def test_fixes(source: str, code: str, expected: str) -> None:
    assert fixed(source, code) == expected


def test_one_finding_per_install_names_every_unpinned_package() -> None:
    found = run(N + "RUN npm install -g pnpm@latest @s/x@next x@1 typescript\n", "DKL843").findings
    assert [f.message for f in found] == [
        "Pin the versions of `pnpm`, `@s/x` and `typescript`, e.g. `pnpm@<version>`"]
    assert [r.message for r in found[0].related] == [
        "Pin the version of `pnpm`: `pnpm@<version>`", "Pin the version of `@s/x`: `@s/x@<version>`",
        "Pin the version of `typescript`: `typescript@<version>`"]
