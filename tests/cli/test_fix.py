"""--fix, --unsafe-fixes and --diff through the real command: bytes kept, idempotent, atomic writes."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
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


# --- writing back: through links, owner, group, mode and hard links kept; nothing unmeant ---

@pytest.mark.parametrize("command", [["--fix", *RULES], ["format"]], ids=["fix", "format"])
def test_a_link_stays_a_link_and_its_target_is_rewritten(tmp_path: Path, command: list[str]) -> None:
    write(tmp_path, {"real/Dockerfile": SOURCE.lower() if command == ["format"] else SOURCE,
                     "app.txt": "hello\n", "real/app.txt": "hello\n"})
    (tmp_path / "Dockerfile").symlink_to("real/Dockerfile")
    dockerlint(*command, "Dockerfile", cwd=tmp_path)
    assert (tmp_path / "Dockerfile").is_symlink()
    assert (tmp_path / "real" / "Dockerfile").read_text().startswith("FROM debian:12.8-slim\n")
    if command != ["format"]:
        assert (tmp_path / "real" / "Dockerfile").read_text() == FIXED


@pytest.mark.parametrize("command", [["--fix", *RULES], ["format"]], ids=["fix", "format"])
def test_hard_links_owner_and_group_are_kept(tmp_path: Path, command: list[str]) -> None:
    write(tmp_path, {"Dockerfile": SOURCE.lower()})
    os.link(tmp_path / "Dockerfile", tmp_path / "other")
    before = (tmp_path / "Dockerfile").stat()
    if os.geteuid() == 0:
        os.chown(tmp_path / "Dockerfile", 1234, 5678)
    result = dockerlint(*command, "Dockerfile", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    after = (tmp_path / "Dockerfile").stat()
    assert after.st_ino == before.st_ino and after.st_nlink == 2
    assert (tmp_path / "other").read_text() == (tmp_path / "Dockerfile").read_text() != SOURCE.lower()
    os.unlink(tmp_path / "other")  # now a lone file: written by rename, owner and group given back
    write(tmp_path, {"Dockerfile": SOURCE.lower()})
    if os.geteuid() == 0:
        os.chown(tmp_path / "Dockerfile", 1234, 5678)
    dockerlint(*command, "Dockerfile", cwd=tmp_path)
    after = (tmp_path / "Dockerfile").stat()
    assert (tmp_path / "Dockerfile").read_text() != SOURCE.lower()
    assert (after.st_uid, after.st_gid) == ((1234, 5678) if os.geteuid() == 0 else (before.st_uid, before.st_gid))


@pytest.mark.parametrize("command", [["--fix", *RULES], ["format"]], ids=["fix", "format"])
def test_a_read_only_file_is_not_rewritten_and_the_others_are(tmp_path: Path, command: list[str]) -> None:
    write(tmp_path, {"a.Dockerfile": SOURCE.lower(), "b.Dockerfile": SOURCE.lower()})
    (tmp_path / "a.Dockerfile").chmod(0o444)
    result = dockerlint(*command, ".", cwd=tmp_path)
    assert result.returncode == 2
    assert "dockerlint: error: a.Dockerfile: not rewritten: the file is read-only" in result.stderr
    assert (tmp_path / "a.Dockerfile").read_text() == SOURCE.lower()
    assert (tmp_path / "b.Dockerfile").read_text() != SOURCE.lower()


def _run_in_process(args: list[str], tmp_path: Path, patch: str) -> subprocess.CompletedProcess[str]:
    """The real `main` in a fresh interpreter, with `patch` applied first (what a race or a signal does)."""
    code = f"import os, signal, sys\nfrom dockerlint import cli, files, fixes, formatter\n{patch}\nsys.exit(cli.main({args!r}))\n"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HADOLINT_", "DOCKERLINT_"))}
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("args, hook", [(["--fix", "--isolated", *RULES], "fixes.fix_loop"),
                                        (["format"], "formatter.format_file")], ids=["fix", "format"])
def test_a_file_changed_while_linting_is_not_overwritten(tmp_path: Path, args: list[str], hook: str) -> None:
    write(tmp_path, {"Dockerfile": SOURCE.lower()})
    patch = (f"original = {hook}\n"
             "def racing(*args, **kwargs):\n"
             "    open('Dockerfile', 'a').write('# typed meanwhile\\n')\n"
             "    return original(*args, **kwargs)\n"
             f"{hook} = racing\n")
    result = _run_in_process([*args, "Dockerfile"], tmp_path, patch)
    assert result.returncode == 2, result.stderr
    assert "Dockerfile: not rewritten: it changed after dockerlint read it (run again)" in result.stderr
    assert (tmp_path / "Dockerfile").read_text() == SOURCE.lower() + "# typed meanwhile\n"


def test_a_signal_during_the_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    """SIGTERM (or Ctrl-C) arriving mid-write waits for the write to end: a whole file, no `.dockerlint-*` left."""
    write(tmp_path, {"Dockerfile": SOURCE, "app.txt": "hello\n"})
    patch = ("original = files.write_all\n"
             "def killed(fd, data):\n"
             "    os.kill(os.getpid(), signal.SIGTERM)\n"
             "    original(fd, data)\n"
             "files.write_all = killed\n")
    result = _run_in_process(["--fix", "--isolated", *RULES, "Dockerfile"], tmp_path, patch)
    assert result.returncode == -signal.SIGTERM  # it did die of the signal: after the write
    assert (tmp_path / "Dockerfile").read_text() == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Dockerfile", "app.txt"]


def test_a_folder_the_user_cannot_write_is_written_in_place(tmp_path: Path) -> None:
    """No temporary file can be made there (simulated: root may write any folder); the file itself is writable."""
    write(tmp_path, {"a.Dockerfile": SOURCE.lower(), "b.Dockerfile": SOURCE.lower()})
    patch = ("import tempfile\n"
             "def refused(*args, **kwargs):\n"
             "    raise PermissionError(13, 'Permission denied')\n"
             "tempfile.mkstemp = refused\n")
    result = _run_in_process(["format", "."], tmp_path, patch)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "2 files reformatted, 0 files left unchanged\n"
    assert (tmp_path / "a.Dockerfile").read_text() == (tmp_path / "b.Dockerfile").read_text() != SOURCE.lower()
