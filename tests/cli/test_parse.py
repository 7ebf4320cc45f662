"""`dockerlint parse`: the conformance contract (--format buildkit) and our AST (--format ast)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def parse(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dockerlint", "parse", *args], input=stdin,
                          capture_output=True, text=True, timeout=60)


def test_buildkit_format_one_object_per_file(tmp_path: Path) -> None:
    good, bad = tmp_path / "Dockerfile", tmp_path / "Bad.Dockerfile"
    good.write_text("FROM alpine:3.22 AS base\nRUN <<EOF\necho hi\nEOF\n")
    bad.write_text("FROM x\nENV A\n")
    out = parse("--format", "buildkit", str(good), str(bad))
    assert out.returncode == 0
    first, second = (json.loads(line) for line in out.stdout.splitlines())
    assert first["file"] == str(good)
    assert first["instructions"][1] == {
        "cmd": "RUN", "sub_cmd": None, "json": False, "flags": [], "value": ["<<EOF"],
        "start_line": 2, "end_line": 4, "heredocs": [{"name": "EOF", "content": "echo hi\n"}]}
    assert second == {"file": str(bad), "errors": [{"line": 2, "column": 1, "message": "ENV must have two arguments"}]}


def test_ast_format_has_ranges_and_reads_stdin() -> None:
    out = parse("--format=ast", "-", stdin="FROM alpine:3.22\n")
    doc = json.loads(out.stdout)
    image = doc["instructions"][0]["image"]
    assert image["text"] == "alpine:3.22"
    assert image["span"]["start"] == {"line": 1, "column": 6} and image["span"]["end"] == {"line": 1, "column": 17}


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert parse("--format", "xml", "x").returncode == 2
    missing = parse(str(tmp_path / "nope"))
    assert missing.returncode == 2 and "nope" in missing.stderr
    assert parse().returncode == 2


def test_escaped_lone_surrogates_and_invalid_utf8(tmp_path: Path) -> None:
    # `CMD ["\ud800"]` crashed the output's encoding. Go's JSON decodes the lone surrogate to
    # U+FFFD, as we now do; a byte that is not UTF-8 comes out as a `\udcXX` escape.
    (tmp_path / "Dockerfile").write_bytes(b'FROM alpine:3.22\nCMD ["\\ud800", "\\ud83d\\ude00"]\nRUN echo \xff\n')
    for fmt in ("buildkit", "ast"):
        out = subprocess.run([sys.executable, "-m", "dockerlint", "parse", "--format", fmt, str(tmp_path / "Dockerfile")],
                             capture_output=True, timeout=60)
        assert out.returncode == 0, out.stderr
        doc = json.loads(out.stdout)
        text = json.dumps(doc, ensure_ascii=False)
        assert "\ufffd" in text and "\U0001f600" in text and "echo \udcff" in text
