"""Which files get linted: Dockerfile names in directories, .gitignore, standard input, --jobs."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from dockerlint.files import MAX_BYTES, read_bytes
from tests.cli.helpers import CLEAN, WARNS, codes, dockerlint, write

NAMES = ["Dockerfile", "Dockerfile.dev", "api.Dockerfile", "x.dockerfile", "Containerfile", "Containerfile.ci"]
NOT_NAMES = ["dockerfile", "Dockerfile.dockerignore", "README.md", "Dockerfilex", "notes.Dockerfile.txt",
             "Dockerfile.j2", "Dockerfile.jinja2", "Dockerfile.md", "Dockerfile.py", "Dockerfile.bak", "Dockerfile~",
             "Dockerfile.template", "api.Dockerfile.tmpl"]


def files_linted(*args: str, cwd: Path, **kwargs) -> list[str]:
    return sorted({f for f, _ in codes("--select", "DKL101", *args, cwd=cwd, **kwargs)})


def test_directory_names(tmp_path: Path) -> None:
    write(tmp_path, {f"d/{n}": WARNS for n in NAMES + NOT_NAMES})
    assert files_linted(cwd=tmp_path) == sorted(f"d/{n}" for n in NAMES)
    assert files_linted("d", cwd=tmp_path) == sorted(f"d/{n}" for n in NAMES)
    # A file named explicitly is linted whatever its name.
    assert files_linted("d/README.md", cwd=tmp_path) == ["d/README.md"]


def test_format_skips_what_is_no_dockerfile(tmp_path: Path) -> None:
    template = "from {{ base }}\nrun  echo\n"
    write(tmp_path, {"Dockerfile.j2": template, "Dockerfile": "from debian:12\n"})
    assert dockerlint("format", ".", cwd=tmp_path).returncode == 0
    assert (tmp_path / "Dockerfile.j2").read_text() == template
    assert (tmp_path / "Dockerfile").read_text() == "FROM debian:12\n"


GO_TEMPLATE = ("{{/* rendered into Dockerfile.linux by the image generator */}}\nFROM {{base}}\n"
               "{{if .Alpine}}\nRUN apk add curl\n{{end}}\n")
JINJA_TEMPLATE = "FROM python:3.12\n{% for p in packages %}\nRUN pip install {{ p }}\n{% endfor %}\n"


@pytest.mark.parametrize("template", [GO_TEMPLATE, JINJA_TEMPLATE])
def test_templates_found_in_folders_are_left_out(tmp_path: Path, template: str) -> None:
    write(tmp_path, {"eng/Dockerfile.linux": template, "Dockerfile": WARNS,
                     # `{{` inside an instruction is no template: Go templates in RUN are common
                     "app/Dockerfile": "FROM node\nRUN docker inspect --format '{{.Id}}' x\n"})
    result = dockerlint("--format", "json", ".", cwd=tmp_path)
    assert sorted({f["file"] for f in json.loads(result.stdout)}) == ["Dockerfile", "app/Dockerfile"]
    assert "templates" in result.stderr and "name one on the command line" in result.stderr
    for mode in (("--fix", "--unsafe-fixes"), ("format",)):
        dockerlint(*(("format", ".") if mode == ("format",) else (*mode, ".")), cwd=tmp_path)
        assert (tmp_path / "eng/Dockerfile.linux").read_text() == template  # never rewritten
    named = codes("eng/Dockerfile.linux", cwd=tmp_path)  # named outright: checked
    assert named and all(f == "eng/Dockerfile.linux" for f, _ in named)
    # named by pre-commit, which passes --force-exclude: left out as in a folder
    assert codes("--force-exclude", "eng/Dockerfile.linux", cwd=tmp_path) == []


TREE = {"Dockerfile": WARNS, "build/Dockerfile": WARNS, "app/Dockerfile": WARNS, "app/gen/Dockerfile": WARNS,
        "vendor/x/Dockerfile": WARNS}


@pytest.mark.parametrize("config, args, expected", [
    ("", (), ["Dockerfile", "app/Dockerfile", "app/gen/Dockerfile", "build/Dockerfile", "vendor/x/Dockerfile"]),
    ('exclude = ["build/", "vendor"]\n', (), ["Dockerfile", "app/Dockerfile", "app/gen/Dockerfile"]),
    ('exclude = ["**/gen"]\nextend-exclude = ["/Dockerfile"]\n', (),
     ["app/Dockerfile", "build/Dockerfile", "vendor/x/Dockerfile"]),
    ('exclude = ["build/", "vendor"]\n', ("--exclude", "vendor"),  # replaces the file's `exclude`
     ["Dockerfile", "app/Dockerfile", "app/gen/Dockerfile", "build/Dockerfile"]),
    ('exclude = ["build/"]\n', ("--extend-exclude", "app/gen,vendor"), ["Dockerfile", "app/Dockerfile"]),
    ('exclude = ["build/"]\n', ("build/Dockerfile",), ["build/Dockerfile"]),  # named outright: linted
    ('exclude = ["build/"]\n', ("--force-exclude", "build/Dockerfile", "app/Dockerfile"), ["app/Dockerfile"]),
])
def test_exclude(tmp_path: Path, config: str, args: tuple[str, ...], expected: list[str]) -> None:
    write(tmp_path, {".dockerlint.toml": config, **TREE})
    assert files_linted(*args, cwd=tmp_path) == expected


def test_exclude_patterns_are_relative_to_their_configuration(tmp_path: Path) -> None:
    write(tmp_path, {"app/.dockerlint.toml": 'exclude = ["gen/"]\n', **TREE, "gen/Dockerfile": WARNS})
    assert files_linted(cwd=tmp_path) == ["Dockerfile", "app/Dockerfile", "build/Dockerfile", "gen/Dockerfile",
                                          "vendor/x/Dockerfile"]
    write(tmp_path, {"Dockerfile.j2": "FROM {{ x }}\n", "app/gen/Dockerfile": "from debian:12\n"})
    assert dockerlint("format", "--check", ".", cwd=tmp_path).returncode == 0  # app/gen is excluded


@pytest.mark.parametrize("gitignore, nested, expected", [
    ("", {}, ["Dockerfile", "build/Dockerfile", "sub/Dockerfile", "sub/build/Dockerfile", "sub/gen.Dockerfile"]),
    ("build/\n", {}, ["Dockerfile", "sub/Dockerfile", "sub/gen.Dockerfile"]),
    ("/build\n", {}, ["Dockerfile", "sub/Dockerfile", "sub/build/Dockerfile", "sub/gen.Dockerfile"]),
    ("*.Dockerfile\n", {}, ["Dockerfile", "build/Dockerfile", "sub/Dockerfile", "sub/build/Dockerfile"]),
    ("**/build/Dockerfile\n", {}, ["Dockerfile", "sub/Dockerfile", "sub/gen.Dockerfile"]),
    ("sub/**\n", {}, ["Dockerfile", "build/Dockerfile"]),
    ("# comment\nDocker*\n!sub/Dockerfile\n", {}, ["sub/Dockerfile", "sub/gen.Dockerfile"]),
    ("build\n!sub/build/Dockerfile\n", {}, ["Dockerfile", "sub/Dockerfile", "sub/gen.Dockerfile"]),  # no re-include in an ignored dir
    ("", {"sub/.gitignore": "build/\ngen.*\n"}, ["Dockerfile", "build/Dockerfile", "sub/Dockerfile"]),
    ("*.Dockerfile\n", {"sub/.gitignore": "!gen.Dockerfile\n"},
     ["Dockerfile", "build/Dockerfile", "sub/Dockerfile", "sub/build/Dockerfile", "sub/gen.Dockerfile"]),
    ("sub/\n", {"sub/.gitignore": "!Dockerfile\n"}, ["Dockerfile", "build/Dockerfile"]),
])
def test_gitignore(tmp_path: Path, gitignore: str, nested: dict[str, str], expected: list[str]) -> None:
    write(tmp_path, {".gitignore": gitignore, "Dockerfile": WARNS, "build/Dockerfile": WARNS, "sub/Dockerfile": WARNS,
                     "sub/build/Dockerfile": WARNS, "sub/gen.Dockerfile": WARNS, ".git/Dockerfile": WARNS, **nested})
    assert files_linted(cwd=tmp_path) == expected


def test_gitignore_agrees_with_git(tmp_path: Path) -> None:
    rules = "build/\n/top.Dockerfile\n*.tmp.Dockerfile\n!keep.tmp.Dockerfile\ndocs/**/Dockerfile\n[abc].Dockerfile\n"
    files = ["top.Dockerfile", "x/top.Dockerfile", "a/build/Dockerfile", "one.tmp.Dockerfile", "keep.tmp.Dockerfile",
             "docs/Dockerfile", "docs/a/b/Dockerfile", "a.Dockerfile", "d.Dockerfile", "x/Containerfile"]
    write(tmp_path, {".gitignore": rules, "x/.gitignore": "Container*\n", **{f: WARNS for f in files}})
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=tmp_path, check=True,
                            capture_output=True, text=True).stdout.split()
    assert files_linted(cwd=tmp_path) == sorted(f for f in listed if not f.endswith(".gitignore"))


def test_broken_gitignore_patterns_match_nothing_as_in_git(tmp_path: Path) -> None:
    rules = "[z-a].Dockerfile\n[]\n[]x].Dockerfile\n[a-].Dockerfile\n[!ab].Dockerfile\nunclosed[.Dockerfile\n"
    files = ["z.Dockerfile", "a.Dockerfile", "x.Dockerfile", "].Dockerfile", "-.Dockerfile", "c.Dockerfile",
             "unclosed[.Dockerfile", "Dockerfile"]
    write(tmp_path, {".gitignore": rules, **{f: WARNS for f in files}})
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=tmp_path, check=True,
                            capture_output=True, text=True).stdout.split()
    assert files_linted(cwd=tmp_path) == sorted(f for f in listed if not f.endswith(".gitignore"))


@pytest.mark.parametrize("pattern, path", [
    ("*a" * 30 + "*c", "a" * 200 + "/Dockerfile"),
    ("**/" * 25 + "x", "/".join(["abc"] * 30) + "/Dockerfile"),
])
def test_hostile_gitignore_patterns_finish_quickly(tmp_path: Path, pattern: str, path: str) -> None:
    write(tmp_path, {".git/HEAD": "", ".gitignore": pattern + "\n", path: WARNS})
    result = dockerlint("--select", "DKL101", cwd=tmp_path, timeout=30, memory=2 << 30)  # minutes before
    assert result.returncode == 1 and path in result.stdout


def test_gitignore_above_the_linted_directory_applies_inside_a_repository(tmp_path: Path) -> None:
    write(tmp_path, {".git/HEAD": "", ".gitignore": "vendor/\n", "app/vendor/Dockerfile": WARNS, "app/Dockerfile": WARNS})
    assert files_linted("app", cwd=tmp_path) == ["app/Dockerfile"]
    assert files_linted(".", cwd=tmp_path / "app") == ["Dockerfile"]
    # What is named on the command line is linted, ignored or not.
    assert files_linted("app/vendor", "app/vendor/Dockerfile", cwd=tmp_path) == ["app/vendor/Dockerfile"]


def test_no_dockerfiles_found_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path, {"README.md": "hi"})
    result = dockerlint(cwd=tmp_path)
    assert result.returncode == 0 and "no Dockerfiles found" in result.stderr


@pytest.mark.parametrize("args, shown", [
    (["-"], "-"),
    (["-", "--stdin-filename", "svc/Dockerfile"], "svc/Dockerfile"),
    (["--stdin-filename", "svc/Dockerfile"], "svc/Dockerfile"),  # no path: standard input
])
def test_stdin(tmp_path: Path, args: list[str], shown: str) -> None:
    assert codes(*args, "--select", "DKL101", cwd=tmp_path, stdin=WARNS) == [(shown, "DKL101")]


def test_stdin_and_files_together(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": WARNS})
    assert codes("Dockerfile", "-", "--select", "DKL101", cwd=tmp_path, stdin=WARNS) == [
        ("Dockerfile", "DKL101"), ("-", "DKL101")]


def test_stdin_keeps_invalid_utf8_and_bom(tmp_path: Path) -> None:
    found = codes("-", "--select", "DKL101", cwd=tmp_path, stdin=b"\xef\xbb\xbfFROM nginx\n# \xff\xfe\n")
    assert found == [("-", "DKL101")]


def test_jobs_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    # Enough files for several processes; contents differ so that an order mix-up shows.
    sources = [WARNS, CLEAN, "FROM debian:12.8-slim\nUSER app\n", "FROM alpine:latest\nMAINTAINER me\n"]
    write(tmp_path, {f"d{i % 7}/s{i:03}.Dockerfile": sources[i % 4] for i in range(150)})
    one = dockerlint("-f", "json", "--jobs", "1", ".", cwd=tmp_path)
    many = dockerlint("-f", "json", "--jobs", "4", ".", cwd=tmp_path)
    default = dockerlint("-f", "json", ".", cwd=tmp_path)
    assert one.returncode == many.returncode == default.returncode == 1
    assert one.stdout == many.stdout == default.stdout
    files = [f["file"] for f in json.loads(one.stdout)]
    assert files == sorted(files) and len(set(files)) == 150 - 38  # every file but the clean ones


# --- what is read: regular files only, up to a limit; links inside the scanned folder only ---

def _fifo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


@pytest.mark.parametrize("args", [["Dockerfile"], ["."]], ids=["named", "found"])
def test_a_fifo_named_dockerfile_is_an_error_not_a_hang(tmp_path: Path, args: list[str]) -> None:
    _fifo(tmp_path / "Dockerfile")
    write(tmp_path, {"ok.Dockerfile": WARNS})
    result = dockerlint("--format", "json", *args, cwd=tmp_path)  # the helper's timeout fails a hang
    assert result.returncode == 2
    assert "dockerlint: error: Dockerfile: a FIFO, not a regular file" in result.stderr
    if args == ["."]:  # the other files are linted
        assert {f["file"] for f in json.loads(result.stdout)} == {"ok.Dockerfile"}


def test_a_dockerfile_linked_to_a_device_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").symlink_to("/dev/zero")
    result = dockerlint("Dockerfile", cwd=tmp_path)
    assert result.returncode == 2 and "Dockerfile: a character device, not a regular file" in result.stderr


def test_a_file_over_the_size_limit_is_an_error(tmp_path: Path) -> None:
    with open(tmp_path / "Dockerfile", "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    result = dockerlint("Dockerfile", cwd=tmp_path)
    assert result.returncode == 2 and "Dockerfile: larger than the 16 MiB limit" in result.stderr


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")
def test_the_limit_holds_for_files_that_report_size_0() -> None:
    assert os.stat("/proc/self/environ").st_size == 0
    with pytest.raises(OSError, match="limit"):
        read_bytes("/proc/self/environ", limit=4)


@pytest.mark.parametrize("name, status, message", [
    ("pyproject.toml", 2, "pyproject.toml: cannot read: a FIFO, not a regular file"),
    (".dockerlint.toml", 2, ".dockerlint.toml: cannot read: a FIFO, not a regular file"),
    (".hadolint.yaml", 1, ""),  # not a file: not a configuration file either
    (".dockerignore", 1, ""),
    (".gitignore", 1, ""),
])
def test_fifos_around_the_dockerfile_do_not_block(tmp_path: Path, name: str, status: int, message: str) -> None:
    write(tmp_path, {"Dockerfile": "FROM nginx\nCOPY . /app\n"})
    _fifo(tmp_path / name)
    result = dockerlint(".", cwd=tmp_path)
    assert result.returncode == status and message in result.stderr


def test_links_out_of_the_scanned_folder_are_not_followed(tmp_path: Path) -> None:
    """A pull request can add `Dockerfile -> /proc/self/environ`: the CI job's secrets must not reach the report."""
    project = write(tmp_path / "project", {"in.Dockerfile": WARNS})
    write(tmp_path, {"outside/Dockerfile": WARNS})
    (project / "Dockerfile").symlink_to("/proc/self/environ")
    (project / "api.Dockerfile").symlink_to(tmp_path / "outside" / "Dockerfile")
    (project / "same.Dockerfile").symlink_to("in.Dockerfile")  # inside: followed (and linted once)
    env = {"DOCKERLINT_TEST_SECRET": "hunter2-secret"}
    for fmt in ("text", "json", "sarif", "github", "gitlab", "checkstyle"):
        result = dockerlint("--format", fmt, ".", cwd=project, env=env)
        assert result.returncode == 1, result.stderr
        assert "hunter2" not in result.stdout + result.stderr
        assert "warning: Dockerfile: not linted: a link to /proc/self/environ, outside " in result.stderr
        assert "warning: api.Dockerfile: not linted: a link to " in result.stderr
    assert files_linted(".", cwd=project) == ["in.Dockerfile"]


def test_messages_do_not_quote_a_file_at_length(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": "X" * 100_000 + "\n"})  # one unknown 100 kB keyword
    result = dockerlint("--no-color", "Dockerfile", cwd=tmp_path)
    assert result.returncode == 1 and max(map(len, result.stdout.splitlines())) < 400


def test_an_unreadable_folder_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """In-process, so that it runs as root too (root reads any folder)."""
    write(tmp_path, {"sub/Dockerfile": WARNS, "Dockerfile": WARNS})
    scandir = os.scandir

    def failing(path):
        if os.path.basename(path) == "sub":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", failing)
    monkeypatch.chdir(tmp_path)
    from dockerlint.cli import main

    assert main(["--isolated", "--format", "json", "."]) == 1
    out, err = capsys.readouterr()
    assert "dockerlint: warning: sub: folder skipped: Permission denied" in err
    assert [f["file"] for f in json.loads(out)] == ["Dockerfile", "Dockerfile"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_is_a_warning_from_the_command(tmp_path: Path) -> None:
    write(tmp_path, {"sub/Dockerfile": WARNS})
    (tmp_path / "sub").chmod(0)
    try:
        result = dockerlint(".", cwd=tmp_path)
    finally:
        (tmp_path / "sub").chmod(0o755)
    assert "warning: sub: folder skipped: Permission denied" in result.stderr


def test_a_name_with_a_newline_is_found_and_shown_escaped(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile.a\nb": WARNS})
    assert files_linted(".", cwd=tmp_path) == ["Dockerfile.a\nb"]
    text = dockerlint("--no-color", ".", cwd=tmp_path).stdout
    assert "Dockerfile.a\\nb:1:6: DKL101" in text


def test_standard_input_has_the_size_limit_too(tmp_path: Path) -> None:
    result = dockerlint("-", cwd=tmp_path, stdin=b"#" * (MAX_BYTES + 1))
    assert result.returncode == 2
    assert result.stderr == "dockerlint: error: standard input: larger than the 16 MiB limit\n"
