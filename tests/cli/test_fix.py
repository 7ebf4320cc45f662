"""--fix, --unsafe-fixes and --diff through the real command: bytes kept, idempotent, atomic writes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import dockerlint, write

# Safe fixes from add-instead-of-copy (app.txt is in the context, and no archive) and apt-get-without-yes;
# an unsafe one from apt-install-recommends; none for unpinned-apt-package.
RULES = ("--select", "add-instead-of-copy,apt-get-without-yes,apt-install-recommends,unpinned-apt-package")
SOURCE = "FROM debian:12.8-slim\nADD app.txt /app.txt  \n# keep me\nRUN apt-get update && apt-get install curl\nUSER 1000\n"
FIXED = ("FROM debian:12.8-slim\nCOPY app.txt /app.txt  \n# keep me\n"
         "RUN apt-get update && apt-get install -y curl\nUSER 1000\n")


@pytest.mark.parametrize("encode", [
    pytest.param(lambda s: s.encode(), id="lf"),
    pytest.param(lambda s: s.replace("\n", "\r\n").encode(), id="crlf"),
    pytest.param(lambda s: b"\xef\xbb\xbf" + s.encode(), id="bom"),
    pytest.param(lambda s: s.rstrip("\n").encode(), id="no-final-newline"),
    pytest.param(lambda s: s.replace("# keep me", "# caf\xe9 \xff").encode("latin-1"), id="invalid-utf8"),
    pytest.param(lambda s: s.replace("\n", "\r\n", 2).encode(), id="mixed-endings"),
])
def test_fix_changes_only_the_fixed_ranges(tmp_path: Path, encode) -> None:
    write(tmp_path, {"Dockerfile": encode(SOURCE), "app.txt": "hello\n"})
    result = dockerlint("--fix", *RULES, "Dockerfile", cwd=tmp_path)
    assert result.returncode == 1  # the unfixable finding remains
    expected = encode(FIXED)
    assert (tmp_path / "Dockerfile").read_bytes() == expected
    assert "Fixed 2 findings. Found 2 findings remaining in 1 file (1 warning, 1 info)." in result.stdout
    assert "DKL820" in result.stdout  # what remains is shown, at its new position
    again = dockerlint("--fix", *RULES, "Dockerfile", cwd=tmp_path)
    assert (tmp_path / "Dockerfile").read_bytes() == expected and "Fixed" not in again.stdout
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".dockerlint-")]  # no temporary file left


def test_fix_keeps_the_file_mode(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": SOURCE})
    (tmp_path / "Dockerfile").chmod(0o640)
    dockerlint("--fix", *RULES, "Dockerfile", cwd=tmp_path)
    assert (tmp_path / "Dockerfile").stat().st_mode & 0o777 == 0o640


def test_fix_exit_0_when_everything_is_fixed(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": "FROM debian:12.8-slim\nADD a.txt /a.txt\nUSER 1000\n", "a.txt": "a\n"})
    result = dockerlint("--fix", "Dockerfile", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == "Fixed 1 finding."


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    unsafe = [r for r in json.loads(dockerlint("rules", "--format", "json", cwd=tmp_path).stdout) if r["fix"] == "unsafe"]
    if not unsafe:
        pytest.skip("no rule has an unsafe fix yet")
    rule = unsafe[0]
    from dockerlint.rules import registry

    write(tmp_path, {"Dockerfile": registry.resolve(rule["code"]).bad})
    before = (tmp_path / "Dockerfile").read_bytes()
    dockerlint("--fix", "--select", rule["code"], "Dockerfile", cwd=tmp_path)
    assert (tmp_path / "Dockerfile").read_bytes() == before
    listed = dockerlint("--unsafe-fixes", "--select", rule["code"], "Dockerfile", cwd=tmp_path)
    assert (tmp_path / "Dockerfile").read_bytes() == before  # alone, it only lists them
    assert listed.returncode == 1 and "fixable with --fix --unsafe-fixes" in listed.stdout
    dockerlint("--fix", "--unsafe-fixes", "--select", rule["code"], "Dockerfile", cwd=tmp_path)
    assert (tmp_path / "Dockerfile").read_bytes() != before


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": SOURCE, "app.txt": "hello\n", "ok/Dockerfile": "FROM debian:12.8-slim\nUSER 1000\n"})
    result = dockerlint("--diff", *RULES, ".", cwd=tmp_path)
    assert result.returncode == 1
    assert (tmp_path / "Dockerfile").read_text() == SOURCE
    assert result.stdout.splitlines() == [
        "--- a/Dockerfile", "+++ b/Dockerfile", "@@ -1,5 +1,5 @@", " FROM debian:12.8-slim",
        "-ADD app.txt /app.txt  ", "+COPY app.txt /app.txt  ", " # keep me",
        "-RUN apt-get update && apt-get install curl",
        "+RUN apt-get update && apt-get install -y curl", " USER 1000",
    ]
    assert "Would fix 2 findings." in result.stderr
    nothing = dockerlint("--diff", *RULES, "ok", cwd=tmp_path)
    assert nothing.returncode == 0 and nothing.stdout == ""


def test_fix_on_stdin_prints_the_fixed_text(tmp_path: Path) -> None:
    result = dockerlint("--fix", *RULES, "-", cwd=tmp_path, stdin=b"\xef\xbb\xbf" + SOURCE.replace("\n", "\r\n").encode())
    # no build context on standard input: ADD -> COPY is unsafe (app.txt might be a tar archive)
    expected = FIXED.replace("COPY app.txt", "ADD app.txt")
    assert result.stdout.encode() == b"\xef\xbb\xbf" + expected.replace("\n", "\r\n").encode()
    assert "-:4:" in result.stderr and "Fixed 1 finding" in result.stderr
