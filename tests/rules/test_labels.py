"""Label rules (DKL701-DKL710): key format, and hadolint's label schema (required, strict, formats)."""
from __future__ import annotations

import pytest

from tests.rules.helpers import finds

SRC = "org.opencontainers.image.source"
SCHEMA = {"label_schema": {SRC: "url", "version": "semver", "created": "rfc3339", "licenses": "spdx",
                           "revision": "hash", "maintainer": "email", "title": "text"}}


def only(label: str, kind: str) -> dict:
    return {"label_schema": {label: kind}}


CASES = [
    # (id, code, source, settings, expected spans)
    ("key-upper", "DKL701", "FROM a:1\nLABEL Maintainer=x\n", {}, ["2:7-2:17"]),
    ("key-reserved", "DKL701", "FROM a:1\nLABEL com.docker.thing=x\n", {}, ["2:7-2:23"]),
    ("key-double-dot", "DKL701", "FROM a:1\nLABEL a..b=x\n", {}, ["2:7-2:11"]),
    ("key-trailing-dash", "DKL701", "FROM a:1\nLABEL ab-=x\n", {}, ["2:7-2:10"]),
    ("key-starts-with-digit", "DKL701", "FROM a:1\nLABEL 1a=x\n", {}, ["2:7-2:9"]),
    ("key-quoted-ok", "DKL701", "FROM a:1\nLABEL \"org.opencontainers.image.title\"=x a_b=1 c/d=2\n", {}, []),
    ("key-lowercase-instruction", "DKL701", "from a:1\nlabel OK=1\n", {}, ["2:7-2:9"]),
    ("key-variable-skipped", "DKL701", "FROM a:1\nARG K=x\nLABEL $K=1\n", {}, []),
    ("required-missing", "DKL702", "FROM a:1\nLABEL other=1\n", only(SRC, "url"), ["1:6-1:9"]),
    ("required-present", "DKL702", f"FROM a:1\nLABEL {SRC}=https://x.y\n", only(SRC, "url"), []),
    ("required-from-parent-stage", "DKL702", f"FROM a:1 AS base\nLABEL {SRC}=u\nFROM base\n", only(SRC, "url"), []),
    ("required-builder-stage-only", "DKL702", f"FROM a:1 AS b\nLABEL {SRC}=u\nFROM c:1\n", only(SRC, "url"), ["3:6-3:9"]),
    ("required-no-schema", "DKL702", "FROM a:1\n", {}, []),
    ("strict-extra", "DKL703", "FROM a:1\nLABEL title=x extra=y\n", {**only("title", "text"), "strict_labels": True}, ["2:15-2:20"]),
    ("strict-off", "DKL703", "FROM a:1\nLABEL extra=y\n", only("title", "text"), []),
    ("empty", "DKL704", "FROM a:1\nLABEL title=\"\"\n", only("title", "text"), ["2:13-2:15"]),
    ("empty-not-in-schema", "DKL704", "FROM a:1\nLABEL other=\"\"\n", only("title", "text"), []),
    ("empty-unknown-arg", "DKL704", "FROM a:1\nARG T\nLABEL title=$T\n", only("title", "text"), []),
    ("url-bad", "DKL705", f"FROM a:1\nLABEL {SRC}=github.com/x\n", SCHEMA, ["2:39-2:51"]),
    ("url-space", "DKL705", f"FROM a:1\nLABEL {SRC}=\"https://x.y/a b\"\n", SCHEMA, ["2:39-2:56"]),
    ("url-good", "DKL705", f"FROM a:1\nLABEL {SRC}=\"https://github.com/x/y?tab=1#top\"\n", SCHEMA, []),
    ("url-from-arg", "DKL705", f"FROM a:1\nARG REPO=https://x.y\nLABEL {SRC}=$REPO\n", SCHEMA, []),
    ("rfc3339-bad", "DKL706", "FROM a:1\nLABEL created=2024-05-01\n", SCHEMA, ["2:15-2:25"]),
    ("rfc3339-bad-date", "DKL706", "FROM a:1\nLABEL created=2024-02-30T00:00:00Z\n", SCHEMA, ["2:15-2:35"]),
    ("rfc3339-good", "DKL706", "FROM a:1\nLABEL created=2024-05-01T12:00:00.25+02:00\n", SCHEMA, []),
    ("spdx-bad", "DKL707", "FROM a:1\nLABEL licenses=\"Apache 2\"\n", SCHEMA, ["2:16-2:26"]),
    ("spdx-good", "DKL707", "FROM a:1\nLABEL licenses=\"MIT OR Apache-2.0\"\n", SCHEMA, []),
    ("hash-bad", "DKL708", "FROM a:1\nLABEL revision=main\n", SCHEMA, ["2:16-2:20"]),
    ("hash-upper", "DKL708", "FROM a:1\nLABEL revision=4F2D9C1\n", SCHEMA, ["2:16-2:23"]),
    ("hash-good", "DKL708", "FROM a:1\nLABEL revision=4f2d9c1a\n", SCHEMA, []),
    ("semver-v", "DKL709", "FROM a:1\nLABEL version=v1.4.0\n", SCHEMA, ["2:15-2:21"]),
    ("semver-good", "DKL709", "FROM a:1\nLABEL version=1.4.0-rc.1+build.5\n", SCHEMA, []),
    ("email-bad", "DKL710", "FROM a:1\nLABEL maintainer=\"ops team\"\n", SCHEMA, ["2:18-2:28"]),
    ("email-good", "DKL710", "FROM a:1\nLABEL maintainer=ops@example.com\n", SCHEMA, []),
    ("format-onbuild", "DKL709", "FROM a:1\nONBUILD LABEL version=latest\n", SCHEMA, ["2:23-2:29"]),
    ("format-crlf-continuation", "DKL709", "FROM a:1\r\nLABEL title=x \\\r\n  version=one\r\n", SCHEMA, ["3:11-3:14"]),
    ("format-no-schema", "DKL709", "FROM a:1\nLABEL version=one\n", {}, []),
]


@pytest.mark.parametrize(("code", "source", "settings", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(code: str, source: str, settings: dict, expected: list[str]) -> None:
    assert finds(source, code, **settings) == [(code, span) for span in expected]
