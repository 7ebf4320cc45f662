"""COPY and ADD rules (DKL402-DKL408): bad and good cases, edge cases, fixes, the build context."""
from __future__ import annotations

import pytest

from dockerlint.rules.api import Fix
from tests.rules.helpers import finds, run

F = "FROM alpine:3.20\n"

CASES = [
    # (code, Dockerfile, expected "line:col-line:col" ranges)
    # copy-multiple-sources-without-slash
    ("DKL402", F + "COPY a b /app\n", ["2:10-2:14"]),
    ("DKL402", F + "ADD a b /app\n", ["2:9-2:13"]),
    ("DKL402", F + "COPY *.json /app\n", ["2:13-2:17"]),  # a wildcard counts as several files
    ("DKL402", F + "COPY a b /app/\n", []),
    ("DKL402", F + "COPY a b .\n", []),
    ("DKL402", F + "COPY a /app\n", []),
    ("DKL402", F + 'COPY ["a", "b", "/app"]\n', ["2:18-2:22"]),  # inside the quotes
    ("DKL402", F + "ARG D=/app/\nCOPY a b $D\n", []),  # expanded
    ("DKL402", F + "ADD https://example.com/x?y=1 /x\n", []),  # `?` in a URL is no wildcard
    ("DKL402", F + "COPY <<EOF <<EOT /app\na\nEOF\nb\nEOT\n", ["2:18-2:22"]),
    ("DKL402", F + "onbuild copy a b /app\n", ["2:18-2:22"]),
    # relative-copy-destination-without-workdir
    ("DKL403", F + "COPY a .\n", ["2:8-2:9"]),
    ("DKL403", F + "WORKDIR /app\nCOPY a .\n", []),
    ("DKL403", F + "COPY a /app/\n", []),
    ("DKL403", F + "COPY a C:\\app\n", []),
    ("DKL403", F + "ENV D=/app\nCOPY a $D\n", []),
    ("DKL403", "FROM alpine:3.20 AS base\nWORKDIR /app\nFROM base\nCOPY a .\n", []),  # inherited WORKDIR
    ("DKL403", "FROM alpine:3.20 AS base\nWORKDIR /app\nFROM alpine:3.20\nCOPY a .\n", ["4:8-4:9"]),
    ("DKL403", F + "ONBUILD COPY a .\n", []),
    # add-instead-of-copy
    ("DKL404", F + "ADD app.py /app/\n", ["2:1-2:4"]),
    ("DKL404", F + "add app.py /app/\n", ["2:1-2:4"]),
    ("DKL404", F + "ADD app.tar.gz /app/\n", []),
    ("DKL404", F + "ADD https://example.com/a /app/\n", []),
    ("DKL404", F + "ADD git@github.com:a/b.git /src\n", []),
    ("DKL404", F + "ADD https://example.com/a conf /app/\n", ["2:1-2:4"]),  # one plain source is enough
    ("DKL404", F + "ADD $URL /app/\n", []),  # unknown: not judged
    ("DKL404", F + "ARG F=x.tgz\nADD $F /app/\n", []),
    ("DKL404", F + "ONBUILD ADD app.py /app/\n", ["2:9-2:12"]),
    # copy-then-extract-archive
    ("DKL405", F + "COPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n", ["2:6-2:16"]),
    ("DKL405", F + "COPY app.tar.gz /tmp/\nRUN tar xzf /tmp/app.tar.gz\n", ["2:6-2:16"]),
    ("DKL405", F + "COPY app.tgz /tmp/\nRUN cd /tmp && gunzip app.tgz\n", ["2:6-2:13"]),
    ("DKL405", F + "COPY app.tar.gz /tmp/\nRUN tar -czf out.tar.gz /tmp\n", []),  # creates, not extracts
    ("DKL405", F + "COPY --from=build /app.tar.gz /tmp/\nRUN tar -xf /tmp/app.tar.gz\n", []),
    ("DKL405", F + "COPY app.tar.gz /tmp/\nFROM alpine:3.20\nRUN tar -xf /tmp/app.tar.gz\n", []),  # other stage
    ("DKL405", F + "COPY app.tar.gz /tmp/\nRUN <<EOF\ntar -xf /tmp/app.tar.gz\nEOF\n", ["2:6-2:16"]),
    # add-remote-without-checksum
    ("DKL406", F + "ADD https://example.com/t.tgz /opt/\n", ["2:5-2:30"]),
    ("DKL406", F + "ADD --checksum=sha256:" + "a" * 64 + " https://example.com/t.tgz /opt/\n", []),
    ("DKL406", F + "ADD https://github.com/a/b.git#v1.0 /src\n", ["2:5-2:36"]),
    ("DKL406", F + "ADD https://github.com/a/b.git#" + "0" * 40 + " /src\n", []),
    ("DKL406", F + "ADD git@github.com:a/b.git /src\n", ["2:5-2:27"]),
    ("DKL406", F + "ADD app.py /app/\n", []),
    ("DKL406", F + "ARG V=1\nADD https://example.com/t-${V}.tgz /opt/\n", ["3:5-3:35"]),
]


@pytest.mark.parametrize(("code", "source", "expected"), CASES)
def test_findings(code: str, source: str, expected: list[str]) -> None:
    assert [r for _, r in finds(source, code)] == expected


def _apply(source: str, fix: Fix) -> str:
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        source = source[:edit.start] + edit.text + source[edit.end:]
    return source


@pytest.mark.parametrize(("code", "source", "fixed", "safe"), [
    ("DKL402", F + "COPY a b /app\n", F + "COPY a b /app/\n", True),
    # one wildcard matching one file is copied *as* /foo: the `/` would change that
    ("DKL402", F + "COPY ignore/* /foo\n", F + "COPY ignore/* /foo/\n", False),
    # without the build context, `app.py` may be a tar archive that ADD unpacks
    ("DKL404", F + "add app.py /app/\n", F + "copy app.py /app/\n", False),
])
def test_fixes(code: str, source: str, fixed: str, safe: bool) -> None:
    [finding] = run(source, code).findings
    assert finding.fix is not None and finding.fix.safe is safe
    assert _apply(source, finding.fix) == fixed


def test_no_slash_fix_where_no_slash_can_help() -> None:
    [finding] = run(F + "COPY a b ${.\n", "DKL402").findings
    assert finding.fix is None


@pytest.mark.parametrize(("files", "safe"), [
    ({"app.py": "print(1)\n", "rootfs/": ""}, True),  # a plain file, a folder
    ({"app.py": "print(1)\n", "rootfs": "tar"}, False),  # a tar archive without an archive name
    ({"app.py": "gzip", "rootfs/": ""}, False),  # compressed: BuildKit looks inside
    ({"rootfs/": ""}, False),  # app.py is not there: what the build sees is unknown
])
def test_add_to_copy_is_safe_when_the_context_shows_no_archive(tmp_path, files: dict[str, str], safe: bool) -> None:
    import gzip
    import tarfile

    if files.get("rootfs") == "tar":
        (tmp_path / "inside").write_text("x")
        with tarfile.open(tmp_path / "rootfs", "w") as tar:
            tar.add(tmp_path / "inside", arcname="inside")
    if files.get("app.py") == "gzip":
        (tmp_path / "app.py").write_bytes(gzip.compress(b"x"))
    files = {k: v for k, v in files.items() if v not in ("tar", "gzip")}
    path = _context(tmp_path, files)
    findings = run(F + "ADD app.py rootfs /app/\n", "DKL404", path=path).findings
    assert [f.fix.safe for f in findings if f.fix] == [safe]


def test_add_with_add_only_flag_has_no_fix() -> None:
    [finding] = run(F + "ADD --unpack=false app.py /app/\n", "DKL404").findings
    assert finding.fix is None


# -- rules that read the build context ------------------------------------------------


def _context(tmp_path, files: dict[str, str], name: str = "Dockerfile") -> str:
    for path, content in files.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.endswith("/"):
            target.mkdir(exist_ok=True)
        else:
            target.write_text(content)
    return str(tmp_path / name)


@pytest.mark.parametrize(("files", "source", "expected"), [
    ({".dockerignore": "*.md\n"}, F + "COPY README.md /docs/\n", ["2:6-2:15"]),
    ({".dockerignore": "docs\n"}, F + "COPY docs/a.md /docs/\n", ["2:6-2:15"]),  # parent ignored
    ({".dockerignore": "*.md\n!README.md\n"}, F + "COPY CHANGES.md /docs/\n", []),  # exceptions: BuildKit skips
    ({".dockerignore": "*.md\n"}, F + "COPY app.py /app/\n", []),
    ({".dockerignore": "*.md\n"}, F + "COPY --from=build /README.md /docs/\n", []),
    ({".dockerignore": "*.md\n"}, F + "ADD https://example.com/README.md /docs/\n", []),
    ({".dockerignore": "*.md\n"}, F + "COPY /README.md /docs/\n", ["2:6-2:16"]),
    ({".dockerignore": "secret\n"}, F + "ARG F=secret\nCOPY $F /x\n", ["3:6-3:8"]),
    ({}, F + "COPY README.md /docs/\n", []),  # no ignore file
    ({".dockerignore": "[broken\n"}, F + "COPY README.md /docs/\n", []),  # Docker refuses it; not ours to judge
])
def test_copy_ignored_file(tmp_path, files, source, expected) -> None:
    assert [r for _, r in finds(source, "DKL407", path=_context(tmp_path, files))] == expected


def test_dockerfile_specific_ignore_file_takes_precedence(tmp_path) -> None:
    path = _context(tmp_path, {".dockerignore": "*.md\n", "api.Dockerfile.dockerignore": "*.txt\n"}, "api.Dockerfile")
    assert finds(F + "COPY README.md notes.txt /docs/\n", "DKL407", path=path) == [("DKL407", "2:16-2:25")]


def test_context_rules_stay_quiet_without_a_context() -> None:
    source = F + "COPY . .\nCOPY README.md /docs/\n"
    assert finds(source, "DKL407", "DKL408", path=None) == []
    assert finds(source, "DKL407", "DKL408", path="-") == []


@pytest.mark.parametrize(("files", "expected"), [
    ({".git/": "", "app.py": ""}, "`.git`"),
    ({".env": "", "node_modules/": "", "id_rsa": "", "certs/server.key": ""},
     "`.env`, `certs/server.key`, `id_rsa`, `node_modules`"),
    ({".env": "", ".dockerignore": ".env\n"}, None),
    ({".env.example": ""}, None),  # templates are meant to be shared
    ({"keys/": "", "keys/a.pem": "", ".dockerignore": "keys\n"}, None),  # the folder is ignored
    ({".git/": "", ".dockerignore": "*\n!src\n"}, None),
    ({".git/": "", ".dockerignore": "**/.git\n"}, None),
    ({"app.py": ""}, None),
])
def test_context_leak(tmp_path, files, expected) -> None:
    result = run(F + "WORKDIR /app\nCOPY . .\n", "DKL408", path=_context(tmp_path, files))
    messages = [f.message for f in result.findings]
    if expected is None:
        assert messages == []
    else:
        assert len(messages) == 1 and expected in messages[0]


@pytest.mark.parametrize("copy", ["COPY ./ /app/", "ADD . /app/", "copy * /app/"])
def test_context_leak_on_every_whole_context_copy(tmp_path, copy) -> None:
    path = _context(tmp_path, {".env": ""})
    assert [c for c, _ in finds(F + copy + "\n", "DKL408", path=path)] == ["DKL408"]


def test_context_leak_ignores_narrow_copies(tmp_path) -> None:
    path = _context(tmp_path, {".env": ""})
    assert finds(F + "COPY src/ /app/\nCOPY --from=build . /app/\n", "DKL408", path=path) == []
