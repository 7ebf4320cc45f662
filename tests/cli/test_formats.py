"""Every report format, produced by the real command on the same two files."""
from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from tests.cli.helpers import CLEAN, FIXABLE, SCHEMAS, WARNS, dockerlint, write
from tests.shared import require

# Findings in both files, in output order: (file, code, line, column, end_line, end_column, severity).
EXPECTED = [
    ("a/Dockerfile", "DKL404", 2, 1, 2, 4, "error"),
    ("b.Dockerfile", "DKL101", 1, 6, 1, 10, "warning"),
    ("b.Dockerfile", "DKL301", 1, 6, 1, 10, "warning"),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    # a/app.txt: the ADD source is in the build context and no archive, so ADD -> COPY is a safe fix
    return write(tmp_path, {"a/Dockerfile": FIXABLE, "a/app.txt": "hello\n", "b.Dockerfile": WARNS,
                            "c/Containerfile": CLEAN})


def run(project: Path, fmt: str, *extra: str) -> str:
    result = dockerlint("--format", fmt, *extra, ".", cwd=project)
    assert result.returncode == 1, result.stderr
    return result.stdout


def test_json_is_the_findings_contract(project: Path) -> None:
    found = json.loads(run(project, "json"))
    got = [(f["file"], f["code"], f["line"], f["column"], f["end_line"], f["end_column"], f["severity"]) for f in found]
    assert got == EXPECTED
    add = found[0]
    assert set(add) == {"file", "line", "column", "end_line", "end_column", "code", "name", "aliases", "severity",
                        "message", "fix", "related"}
    assert add["name"] == "add-instead-of-copy" and add["fix"]["safe"] is True
    assert add["fix"]["edits"] == [{"line": 2, "column": 1, "end_line": 2, "end_column": 4, "text": "COPY"}]
    assert found[1]["aliases"] == ["DL3006", "CKV_DOCKER_7"] and found[1]["fix"] is None


def test_an_install_is_one_finding_with_each_unpinned_package_as_a_related_place(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": "FROM debian:12.8\nRUN apt-get install -y curl git=1 \\\n    vim\n"})
    found = json.loads(dockerlint("--format", "json", "--select", "DKL820", "Dockerfile", cwd=tmp_path).stdout)
    assert [(f["line"], f["column"], f["message"]) for f in found] == [
        (2, 5, "Pin the versions of `curl` and `vim`, e.g. `curl=<version>`")]
    assert [(r["line"], r["column"], r["end_line"], r["end_column"], r["message"]) for r in found[0]["related"]] == [
        (2, 24, 2, 28, "Pin the version of `curl`: `curl=<version>`"), (3, 5, 3, 8, "Pin the version of `vim`: `vim=<version>`")]
    doc = json.loads(dockerlint("--format", "sarif", "--select", "DKL820", "Dockerfile", cwd=tmp_path).stdout)
    related = doc["runs"][0]["results"][0]["relatedLocations"]
    assert [(r["physicalLocation"]["region"]["startLine"], r["message"]["text"]) for r in related] == [
        (2, "Pin the version of `curl`: `curl=<version>`"), (3, "Pin the version of `vim`: `vim=<version>`")]
    require(SCHEMAS / "sarif-schema-2.1.0.json", "DOCKERLINT_SCHEMAS")
    jsonschema.validate(doc, json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text()))


def test_text_shows_each_finding_with_its_source_and_a_summary(project: Path) -> None:
    add, _, _ = messages = [f["message"] for f in json.loads(run(project, "json"))]
    out = run(project, "text")
    assert "\x1b[" not in out  # piped: no colour
    assert out.splitlines()[:4] == [
        f"a/Dockerfile:2:1: DKL404 add-instead-of-copy [error] {add}",
        " 2 | ADD app.txt /app.txt",
        "   | ^~~",
        " = fix: Replace `ADD` with `COPY`",
    ]
    assert all(m in out for m in messages)
    assert "b.Dockerfile:1:6: DKL101 untagged-from [warning]" in out
    assert out.rstrip().splitlines()[-1] == (
        "Found 3 findings in 3 files (1 error, 2 warnings). 1 fixable with --fix (1 more with --unsafe-fixes).")


@pytest.mark.parametrize("env, coloured", [
    ({"FORCE_COLOR": "1"}, True),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ({}, False),
])
def test_text_colour(project: Path, env: dict[str, str], coloured: bool) -> None:
    out = dockerlint(".", cwd=project, env=env).stdout
    assert ("\x1b[" in out) is coloured


def test_text_underlines_tabs_and_multiline_ranges(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": "FROM\tnginx\n"})
    lines = dockerlint("--select", "DL3006", "Dockerfile", cwd=tmp_path).stdout.splitlines()
    assert lines[1:3] == [" 1 | FROM    nginx", "   |         ^~~~~"]


def test_sarif_validates_and_describes_rules(project: Path) -> None:
    require(SCHEMAS / "sarif-schema-2.1.0.json", "DOCKERLINT_SCHEMAS")
    doc = json.loads(run(project, "sarif"))
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(doc, schema)
    run_ = doc["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "dockerlint" and driver["version"] and driver["informationUri"].startswith("https://")
    rules = {r["id"]: r for r in driver["rules"]}
    assert list(rules) == ["DKL404", "DKL101", "DKL301"]
    untagged = rules["DKL101"]
    assert untagged["name"] == "untagged-from"
    assert untagged["helpUri"].endswith("#dkl101-untagged-from")
    assert untagged["help"]["markdown"].startswith("### DKL101 untagged-from")
    assert untagged["defaultConfiguration"]["level"] == "warning"
    assert "DL3006" in untagged["properties"]["tags"]
    results = run_["results"]
    assert [(r["ruleId"], driver["rules"][r["ruleIndex"]]["id"], r["level"]) for r in results] == [
        ("DKL404", "DKL404", "error"), ("DKL101", "DKL101", "warning"), ("DKL301", "DKL301", "warning")]
    location = results[1]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "b.Dockerfile"
    assert location["region"] == {"startLine": 1, "startColumn": 6, "endLine": 1, "endColumn": 10}
    prints = [r["partialFingerprints"] for r in results]
    assert len({json.dumps(p) for p in prints}) == 3


def test_sarif_fingerprints_survive_moved_lines(tmp_path: Path) -> None:
    def fingerprint(text: str) -> str:
        write(tmp_path, {"Dockerfile": text})
        doc = json.loads(dockerlint("-f", "sarif", "--select", "DL3006", "Dockerfile", cwd=tmp_path).stdout)
        return doc["runs"][0]["results"][0]["partialFingerprints"]["dockerlint/v1"]

    assert fingerprint("FROM nginx\n") == fingerprint("# a comment\n\nFROM nginx\n")


def test_github_annotations(project: Path) -> None:
    add, untagged, _ = [f["message"] for f in json.loads(run(project, "json"))]
    assert run(project, "github").splitlines()[:2] == [
        f"::error file=a/Dockerfile,line=2,col=1,endLine=2,endColumn=4,title=DKL404 add-instead-of-copy::{add}",
        f"::warning file=b.Dockerfile,line=1,col=6,endLine=1,endColumn=10,title=DKL101 untagged-from::{untagged}",
    ]


def test_github_escapes_properties_and_messages(tmp_path: Path) -> None:
    write(tmp_path, {"we,ird:100%.Dockerfile": WARNS})
    line = dockerlint("-f", "github", "--select", "DL3006", ".", cwd=tmp_path).stdout.strip()
    assert line.startswith("::warning file=we%2Cird%3A100%25.Dockerfile,line=1,")


def test_gitlab_code_quality(project: Path) -> None:
    issues = json.loads(run(project, "gitlab"))
    assert [(i["check_name"], i["severity"], i["location"]["path"], i["location"]["positions"]["begin"]["line"])
            for i in issues] == [
        ("DKL404 add-instead-of-copy", "critical", "a/Dockerfile", 2),
        ("DKL101 untagged-from", "major", "b.Dockerfile", 1),
        ("DKL301 missing-user", "major", "b.Dockerfile", 1),
    ]
    assert all(i["description"] and len(i["fingerprint"]) == 64 for i in issues)
    assert len({i["fingerprint"] for i in issues}) == 3


def test_gitlab_severity_of_style_and_info(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": "FROM debian:12.8-slim\nUSER app\n"})
    issues = json.loads(dockerlint("-f", "gitlab", "--severity", "DKL302=style", ".", cwd=tmp_path).stdout)
    assert [(i["check_name"], i["severity"]) for i in issues] == [("DKL302 numeric-user", "info")]
    issues = json.loads(dockerlint("-f", "gitlab", ".", cwd=tmp_path).stdout)
    assert [(i["check_name"], i["severity"]) for i in issues] == [("DKL302 numeric-user", "minor")]


def test_checkstyle_xml(project: Path) -> None:
    root = ET.fromstring(run(project, "checkstyle"))
    assert root.tag == "checkstyle"
    got = [(f.get("name"), e.get("line"), e.get("column"), e.get("severity"), e.get("source"))
           for f in root.iter("file") for e in f.iter("error")]
    assert got == [
        ("a/Dockerfile", "2", "1", "error", "dockerlint.DKL404.add-instead-of-copy"),
        ("b.Dockerfile", "1", "6", "warning", "dockerlint.DKL101.untagged-from"),
        ("b.Dockerfile", "1", "6", "warning", "dockerlint.DKL301.missing-user"),
    ]
    messages = [e.get("message") for e in root.iter("error")]
    assert messages == [f["message"] for f in json.loads(run(project, "json"))]
    assert any("<" in m for m in messages)  # XML-escaped, and read back intact


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab", "checkstyle"])
def test_output_writes_the_report_to_a_file(project: Path, fmt: str) -> None:
    result = dockerlint("--format", fmt, "--output", "report.out", ".", cwd=project)
    assert result.returncode == 1 and result.stdout == ""
    report = (project / "report.out").read_text()
    assert "b.Dockerfile" in report and "\x1b[" not in report


def test_output_to_an_unwritable_place_is_a_usage_error(project: Path) -> None:
    result = dockerlint("--output", "no/such/dir/report", ".", cwd=project)
    assert result.returncode == 2 and "--output no/such/dir/report" in result.stderr


# --- output that is safe on a terminal and always written whole ---

HOSTILE = "FROM nginx\nCOPPY\x1b]0;PWNED\x07\x1b[2J\x9b31m\u202e x /\n"  # retitle, clear, C1 CSI, bidi override


@pytest.mark.parametrize("args", [["--no-color"], ["--format", "github"]])
def test_control_characters_from_files_and_names_are_escaped(tmp_path: Path, args: list[str]) -> None:
    write(tmp_path, {"Dockerfile": HOSTILE, "x\x1b[31m.Dockerfile": WARNS, "y.Dockerfile": "\x1b[2J\n"})
    result = dockerlint(*args, ".", "y.Dockerfile", "-", cwd=tmp_path, stdin="\x9b")
    assert result.returncode == 1, result.stderr
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in result.stdout + result.stderr
    assert "x\\e[31m.Dockerfile" in result.stdout and "`COPPY\\e]0;PWNED\\x07\\e[2J\\x9b31m\\u202e`" in result.stdout


def test_a_diff_is_escaped_on_a_terminal_and_kept_as_is_in_a_pipe(tmp_path: Path) -> None:
    import pty
    import subprocess
    import sys

    write(tmp_path, {"Dockerfile": "FROM debian:12\nADD a\x1b[2J /a\n"})
    piped = dockerlint("--diff", "--unsafe-fixes", "--select", "add-instead-of-copy", "Dockerfile", cwd=tmp_path)
    assert "+COPY a\x1b[2J /a" in piped.stdout
    leader, follower = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "dockerlint", "--diff", "--unsafe-fixes", "--isolated", "--select",
                           "add-instead-of-copy", "Dockerfile"], cwd=tmp_path, stdout=follower,
                          stderr=subprocess.DEVNULL) as proc:
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal's other side closed
                break
            if not chunk:
                break
            shown += chunk
    os.close(leader)
    assert b"+COPY a\\e[2J /a" in shown and b"\x1b" not in shown


def test_parse_escapes_what_json_dumps_leaves_raw(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": 'FROM a\nCMD ["\\ud800", "\x9b2J"]\n'})
    result = dockerlint("parse", "Dockerfile", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\x9b" not in result.stdout and "\\u009b2J" in result.stdout
    json.loads(result.stdout)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab", "checkstyle"])
def test_every_format_takes_a_name_that_is_not_utf8(tmp_path: Path, fmt: str) -> None:
    (tmp_path / os.fsdecode(b"x\xff.Dockerfile")).write_text(WARNS)
    result = dockerlint("--format", fmt, ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    if fmt == "sarif":
        uri = json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        assert uri["uri"] == "x%FF.Dockerfile"
    elif fmt == "text":
        assert "x\\xff.Dockerfile:1:6:" in result.stdout


def test_a_long_line_with_many_findings_costs_linear_time(tmp_path: Path) -> None:
    """The code frame shows a window of the line: 3,000 findings on one 60 kB line, each frame short."""
    import time

    write(tmp_path, {"Dockerfile": "FROM debian:12\nRUN " + " && ".join(["apt-get install curl"] * 3000) + "\n"})
    start = time.perf_counter()
    result = dockerlint("--no-color", "--no-shellcheck", "--select", "unpinned-apt-package", "Dockerfile", cwd=tmp_path)
    elapsed = time.perf_counter() - start
    assert result.returncode == 1 and result.stdout.count("DKL") == 3000
    assert max(map(len, result.stdout.splitlines())) < 250
    assert elapsed < 60  # before the window: quadratic, over 30 s for 3,000 findings


def test_writing_to_a_full_disk_is_exit_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    write(tmp_path, {"Dockerfile": WARNS})
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "dockerlint", "--isolated", "Dockerfile"], cwd=tmp_path,
                              stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.decode() == "dockerlint: error: cannot write standard output: No space left on device\n"


def test_short_writes_are_retried() -> None:
    """Linux moves at most ~2 GiB per write(): everything must still be written."""
    from dockerlint.files import write_all

    class Short:
        def __init__(self) -> None:
            self.data = bytearray()

        def write(self, chunk) -> int:
            self.data += bytes(chunk[:7])
            return min(len(chunk), 7)

    stream = Short()
    write_all(stream, b"0123456789" * 10)
    assert bytes(stream.data) == b"0123456789" * 10
