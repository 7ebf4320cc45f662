"""Stage rules (DKL201-DKL208): names, references between stages, and what gets built."""
from __future__ import annotations

import pytest

from tests.rules.helpers import finds, run

CASES = [
    # (id, code, source, expected spans)
    ("dup", "DKL201", "FROM a:1 AS build\nFROM b:1 AS build\n", ["2:13-2:18"]),
    ("dup-case", "DKL201", "FROM a:1 AS build\nFROM b:1 AS Build\n", ["2:13-2:18"]),
    ("dup-three", "DKL201", "FROM a:1 AS x\nFROM b:1 AS x\nFROM c:1 AS x\n", ["2:13-2:14", "3:13-3:14"]),
    ("dup-none", "DKL201", "FROM a:1 AS x\nFROM b:1 AS y\nFROM c:1\nFROM d:1\n", []),
    ("reserved-scratch", "DKL202", "FROM alpine:3 AS scratch\n", ["1:18-1:25"]),
    ("reserved-context-case", "DKL202", "FROM alpine:3 as Context\n", ["1:18-1:25"]),
    ("reserved-none", "DKL202", "FROM scratch AS base\n", []),
    ("casing", "DKL203", "FROM alpine:3 AS Base\n", ["1:18-1:22"]),
    ("casing-lower", "DKL203", "FROM alpine:3 AS base-1\n", []),
    ("as-casing-lower", "DKL204", "FROM alpine:3 as base\n", ["1:15-1:17"]),
    ("as-casing-upper", "DKL204", "from alpine:3 AS base\n", ["1:15-1:17"]),
    ("as-casing-mixed-from", "DKL204", "From alpine:3 as base\n", []),
    ("as-casing-ok", "DKL204", "from alpine:3 as base\nFROM alpine:3 AS other\n", []),
    ("unknown-typo", "DKL205", "FROM a:1 AS builder\nFROM b:1\nCOPY --from=buidler /x /x\n", ["3:13-3:20"]),
    ("unknown-case-insensitive", "DKL205", "FROM a:1 AS builder\nFROM b:1\nCOPY --from=Builder /x /x\n", []),
    ("unknown-image", "DKL205", "FROM b:1\nCOPY --from=nginx:1.27 /x /x\nCOPY --from=ghcr.io/a/b /x /x\n", []),
    ("unknown-index-ok", "DKL205", "FROM a:1\nFROM b:1\nCOPY --from=0 /x /x\n", []),
    ("unknown-index-later", "DKL205", "FROM a:1\nCOPY --from=1 /x /x\nFROM b:1\n", ["2:13-2:14"]),
    ("unknown-index-missing", "DKL205", "FROM a:1\nFROM b:1\nCOPY --from=7 /x /x\n", ["3:13-3:14"]),
    ("unknown-later-name", "DKL205", "FROM a:1\nCOPY --from=later /x /x\nFROM b:1 AS later\n", []),
    ("unknown-arg", "DKL205", "FROM a:1 AS builder\nFROM b:1\nARG SRC=builder\nCOPY --from=$SRC /x /x\n", []),
    ("unknown-arg-typo", "DKL205", "FROM a:1 AS builder\nFROM b:1\nARG SRC=bulder\nCOPY --from=$SRC /x /x\n", ["4:13-4:17"]),
    ("unknown-mount", "DKL205", "FROM a:1 AS deps\nFROM b:1\nRUN --mount=type=bind,from=dep,target=/d ls\n", ["3:28-3:31"]),
    ("unknown-onbuild", "DKL205", "FROM a:1\nONBUILD COPY --from=builder /x /x\n", []),
    ("self", "DKL206", "FROM a:1 AS web\nCOPY --from=web /x /y\n", ["2:13-2:16"]),
    ("self-case", "DKL206", "FROM a:1 AS web\nCOPY --from=WEB /x /y\n", ["2:13-2:16"]),
    ("self-index", "DKL206", "FROM a:1\nFROM b:1\nCOPY --from=1 /x /y\n", ["3:13-3:14"]),
    ("self-mount", "DKL206", "FROM a:1 AS web\nRUN --mount=from=web,target=/w ls\n", ["2:18-2:21"]),
    ("self-other", "DKL206", "FROM a:1 AS web\nFROM b:1\nCOPY --from=web /x /y\n", []),
    ("whole-fs", "DKL207", "FROM a:1 AS b\nFROM c:1\nCOPY --from=b / /\n", ["3:15-3:16"]),
    ("whole-fs-json", "DKL207", "FROM a:1 AS b\nFROM c:1\nCOPY --from=b [\"/\", \"/\"]\n", ["3:17-3:18"]),
    ("whole-fs-subdir", "DKL207", "FROM a:1 AS b\nFROM c:1\nCOPY --from=b / /rootfs/\n", []),
    ("whole-fs-scratch-artifacts", "DKL207", "FROM scratch AS out\nCOPY app /app\nFROM c:1\nCOPY --from=out / /\n", []),
    ("whole-fs-image", "DKL207", "FROM c:1\nCOPY --from=example/tools:1 / /\n", ["2:29-2:30"]),
    ("whole-fs-context", "DKL207", "FROM c:1\nCOPY / /\n", []),
    ("unused", "DKL208", "FROM a:1 AS test\nFROM b:1 AS build\nFROM c:1\nCOPY --from=build /x /x\n", ["1:13-1:17"]),
    ("unused-unnamed", "DKL208", "FROM a:1\nFROM b:1\n", ["1:1-1:5"]),
    ("unused-transitive", "DKL208", "FROM a:1 AS x\nFROM b:1 AS y\nCOPY --from=x /x /x\nFROM c:1\n", ["1:13-1:14", "2:13-2:14"]),
    ("used-by-from", "DKL208", "FROM a:1 AS base\nFROM base\n", []),
    ("used-by-index", "DKL208", "FROM a:1\nFROM b:1\nCOPY --from=0 /x /x\n", []),
    ("used-by-mount", "DKL208", "FROM a:1 AS deps\nFROM b:1\nRUN --mount=from=deps,target=/d ls\n", []),
    ("used-by-later-name", "DKL208", "FROM a:1 AS x\nCOPY --from=y /y /y\nFROM b:1 AS y\nFROM c:1\nCOPY --from=x /x /x\n", []),
    ("unused-unknown-arg", "DKL208", "FROM a:1 AS x\nFROM b:1\nARG S\nCOPY --from=$S /x /x\n", []),
    ("unused-single-stage", "DKL208", "FROM a:1\n", []),
]


@pytest.mark.parametrize(("code", "source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(code: str, source: str, expected: list[str]) -> None:
    assert finds(source, code) == [(code, span) for span in expected]


def _apply(source: str, code: str) -> str:
    (finding,) = run(source, code).findings
    assert finding.fix is not None
    for edit in sorted(finding.fix.edits, reverse=True):
        source = source[: edit.start] + edit.text + source[edit.end:]
    return source


@pytest.mark.parametrize(("source", "fixed"), [
    (
        "FROM golang:1.23 AS Builder\nFROM Builder AS test\nFROM alpine:3\nCOPY --from=Builder /a /a\n"
        "RUN --mount=type=cache,from=BUILDER,target=/c ls\nONBUILD COPY --from=Builder /b /b\n",
        "FROM golang:1.23 AS builder\nFROM builder AS test\nFROM alpine:3\nCOPY --from=builder /a /a\n"
        "RUN --mount=type=cache,from=builder,target=/c ls\nONBUILD COPY --from=Builder /b /b\n",
    ),
    ("FROM a:1 AS Base\r\nFROM base\r\n", "FROM a:1 AS base\r\nFROM base\r\n"),
])
def test_stage_name_casing_fix_renames_every_reference(source: str, fixed: str) -> None:
    assert _apply(source, "DKL203") == fixed


@pytest.mark.parametrize(("source", "fixed"), [
    ("FROM a:1 as b\n", "FROM a:1 AS b\n"),
    ("from a:1 As b\n", "from a:1 as b\n"),
])
def test_from_as_casing_fix(source: str, fixed: str) -> None:
    assert _apply(source, "DKL204") == fixed


def test_unknown_stage_suggests_a_name() -> None:
    (finding,) = run("FROM a:1 AS builder\nFROM b:1\nCOPY --from=buidler /x /x\n", "DKL205").findings
    assert "did you mean `builder`?" in finding.message
