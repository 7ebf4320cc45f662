"""COPY and ADD rules (DKL401-DKL410): bad and good cases, edge cases, fixes, the build context."""
from __future__ import annotations

import pytest

from dockerlint.rules.api import Fix
from tests.rules.helpers import finds, run, tree

F = "FROM alpine:3.20\n"

CASES = [
    # (code, Dockerfile, expected "line:col-line:col" ranges)
    # cache-busting-copy: the whole context copied before an install
    ("DKL401", F + "WORKDIR /app\nCOPY . .\nRUN npm ci\n", ["3:6-3:7"]),
    ("DKL401", F + "COPY . /app\nWORKDIR /app\nRUN pip install -r requirements.txt\n", ["2:6-2:7"]),
    ("DKL401", F + "COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n", []),
    ("DKL401", F + "COPY . .\nRUN npm run build\n", []),  # a build, not an install
    ("DKL401", F + "COPY --from=build /app .\nRUN npm ci --omit=dev\n", []),  # not the context
    ("DKL401", F + "COPY . .\nFROM alpine:3.20\nRUN npm ci\n", []),  # another stage
    ("DKL401", F + "COPY . .\nRUN go mod download\nRUN npm ci\n", ["2:6-2:7"]),  # once per copy
    # copy-multiple-sources-without-slash
    ("DKL402", F + "COPY a b /app\n", ["2:10-2:14"]),
    ("DKL402", F + "ADD a b /app\n", ["2:9-2:13"]),
    ("DKL402", F + "COPY *.json /app\n", []),  # without a build context, nothing says it matches several
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
    # without the build context, `app.py` may be a tar archive that ADD unpacks
    ("DKL404", F + "add app.py /app/\n", F + "copy app.py /app/\n", False),
])
def test_fixes(code: str, source: str, fixed: str, safe: bool) -> None:
    [finding] = run(source, code).findings
    assert finding.fix is not None and finding.fix.safe is safe
    assert _apply(source, finding.fix) == fixed


def test_cache_busting_copy_message_names_the_install_not_a_line() -> None:
    """A line number in a message goes stale in the editor as lines are added above."""
    (finding,) = run(F + "COPY . .\nRUN npm ci\n", "DKL401").findings
    assert finding.message == ("Every source change re-runs the later `npm ci`: copy `package.json`, "
                               "`package-lock.json` first, install, then copy the rest")


def test_wildcard_slash_fix_is_unsafe(tmp_path) -> None:
    # Found only while the context shows several matches; a later context with one match would
    # have copied that file *as* /foo, so the `/` is not safe.
    path = _context(tmp_path, {".dockerignore": "", "ignore/a": "", "ignore/b": ""})
    [finding] = run(F + "COPY ignore/* /foo\n", "DKL402", path=path).findings
    assert finding.fix is not None and finding.fix.safe is False
    assert _apply(F + "COPY ignore/* /foo\n", finding.fix) == F + "COPY ignore/* /foo/\n"


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
    return str(tree(tmp_path, files) / name)


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


@pytest.mark.parametrize(("files", "source", "expected"), [
    ({".dockerignore": "", "a.json": "", "b.json": ""}, F + "COPY *.json /app\n", ["2:13-2:17"]),
    ({"a.json": "", "b.json": ""}, F + "COPY *.json /app\n", []),  # the folder is only a guess at the context
    ({"Makefile": "", "a.json": "", "b.json": ""}, F + "COPY Makefile /m\nCOPY *.json /app\n", ["3:13-3:17"]),
    ({"a.json": "", "b.txt": ""}, F + "COPY *.json /app.json\n", []),  # one match: a file destination
    ({}, F + "COPY *.json /app\n", []),
    ({"a.json": "", "b.json": "", ".dockerignore": "b.json\n"}, F + "COPY *.json /app\n", []),  # not in the context
    ({".dockerignore": "", "conf/a.yaml": "", "conf/b.yaml": "", "c.yaml": ""}, F + "COPY conf/*.yaml /etc/app\n",
     ["2:18-2:26"]),
    ({".dockerignore": "", "x/a/app.jar": "", "x/b/app.jar": ""}, F + "COPY x/*/app.jar /app.jar\n", ["2:18-2:26"]),
    ({"x/a/app.jar": "", "y/b/app.jar": ""}, F + "COPY x/*/app.jar /app.jar\n", []),
    ({"a.json": "", "b.json": ""}, F + "COPY --from=build *.json /app\n", []),  # not the context
    ({"a.json": "", "b.json": ""}, F + "COPY *.json /app/\n", []),
    ({".dockerignore": "", "a.json": "", "b.json": ""}, F + "COPY --parents *.json /app\n", []),  # a folder copy
])
def test_a_wildcard_is_expanded_in_the_build_context(tmp_path, files, source, expected) -> None:
    assert [r for _, r in finds(source, "DKL402", path=_context(tmp_path, files))] == expected


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


@pytest.mark.parametrize(("copy", "expected"), [
    ("COPY --exclude=.env --exclude=**/*.key . /app/", []),
    ("COPY --exclude=*.key . /app/", ["`.env`, `certs/server.key`"]),  # `*` stays in the top folder
    # below each entry `*` names (BuildKit copies the entry itself: moby/buildkit#5489)
    ("COPY --exclude=.env --exclude=*.key * /app/", ["`.env`"]),
])
def test_context_leak_leaves_out_what_exclude_does(tmp_path, copy, expected) -> None:
    path = _context(tmp_path, {".env": "", "certs/server.key": ""})
    result = run(F + copy + "\n", "DKL408", path=path)
    assert [f.message.split("This copies ")[1].split(" into")[0] for f in result.findings] == expected


def test_context_leak_ignores_narrow_copies(tmp_path) -> None:
    path = _context(tmp_path, {".env": ""})
    assert finds(F + "COPY src/ /app/\nCOPY --from=build . /app/\n", "DKL408", path=path) == []


# copy-source-missing

@pytest.mark.parametrize(("files", "source", "expected"), [
    ({"app.py": ""}, F + "COPY app.py /app/\n", []),
    ({".dockerignore": ""}, F + "COPY app.py /app/\n", ["2:6-2:12 `app.py` is not in the build context: the build fails"]),
    ({}, F + "COPY app.py /app/\n", []),  # the folder is only a guess: nothing says it is the context
    ({}, F + "COPY . /app/\nCOPY app.py /app/\n", []),  # neither does `.`
    ({"go.mod": ""}, F + "COPY go.mod /app/\nCOPY app.py /app/\n",
     ["3:6-3:12 `app.py` is not in the build context: the build fails"]),
    ({"src/a.py": ""}, F + "COPY src/*.py /app/\nCOPY src/*.js /app/\n", []),  # a wildcard's match is no proof
    # a wildcard that matches nothing copies nothing (BuildKit's testEmptyWildcard); the folder
    # it is matched in must be there (fsutil walks it)
    ({"src/a.py": "", ".dockerignore": ""}, F + "COPY src/*.py /app/\nCOPY src/*.js /app/\nCOPY s?c /app/\n", []),
    ({"src/sub/a.py": "", ".dockerignore": ""}, F + "COPY src/*.py *.txt /app/\n", []),  # `*` stays in its segment
    ({".dockerignore": ""}, F + "COPY lib/*.py /app/\n",
     ["2:6-2:14 `lib/*.py` is read from `lib`, which is not in the build context: the build fails"]),
    ({"docs/a.md": "", ".dockerignore": "docs\n!src\n"}, F + "ARG D=docs\nCOPY $D/*.md /d/\n",
     ["3:6-3:13 `$D/*.md` (`docs/*.md`) is read from `docs`, which is in the build context but excluded by "
      "`docs` (.dockerignore line 1): the build fails"]),
    ({"src/sub/a.py": ""}, F + "COPY src/*/a.py /src/sub /src/sub/ /app/\n", []),
    ({"a.txt": ""}, F + "COPY /a.txt ../a.txt ./a.txt . /app/\n", []),  # rooted, cleaned
    # ARG defaults and build args, ENV, stage inheritance of ARGs
    ({"v2/a": "", ".dockerignore": ""}, F + "ARG V=v1\nCOPY $V/a /x\n", ["3:6-3:10 `$V/a` (`v1/a`) is not in the build context: the build fails"]),
    ({"v1/a": ""}, "ARG V=v1\nFROM alpine:3.20 AS base\nARG V\nFROM base\nCOPY ${V}/a /x\n", []),
    ({".dockerignore": ""}, "ARG V=v1\nFROM alpine:3.20 AS base\nARG V\nFROM base\nCOPY ${V}/a /x\n",
     ["5:6-5:12 `${V}/a` (`v1/a`) is not in the build context: the build fails"]),
    ({".dockerignore": ""}, F + "ENV D=conf\nCOPY $D/ /etc/\n", ["3:6-3:9 `$D/` (`conf/`) is not in the build context: the build fails"]),
    # what the rule leaves alone
    ({}, F + "ARG V\nCOPY $V/a /x\nCOPY $TARGETARCH/bin /x\n", []),  # unknown values
    ({}, F + "COPY --from=build /app /app\nADD https://example.com/a.tgz /x\n"
         "ADD git@github.com:moby/buildkit.git /src\nCOPY <<EOF /x\nhi\nEOF\n", []),
    ({}, F + "ONBUILD COPY app.py /app/\n", []),
    # COPY --parents: `/./` marks the folder copied from, `**` spans folders; a source without
    # wildcards must be there (BuildKit's RequiredPaths), the folder before `/./` too
    ({"x/a.txt": "", "x/y/a.txt": "", ".dockerignore": ""},
     F + "COPY --parents ./x/a.txt ./z/a.txt x/./y/a.txt x/./y/b.txt /p/\n",
     ["2:26-2:35 `./z/a.txt` is not in the build context: the build fails",
      "2:48-2:59 `x/./y/b.txt` is not in the build context: the build fails"]),
    ({"src/a.py": "", ".dockerignore": ""}, F + "COPY --parents src/**/*.txt **/*.md src/./**/*.py /p/\n", []),
    ({".dockerignore": ""}, F + "COPY --parents=true lib/./**/*.py /p/\nCOPY --parents=false lib/**/*.py /q/\n",
     ["2:21-2:34 `lib/./**/*.py` is read from `lib`, which is not in the build context: the build fails",
      "3:22-3:33 `lib/**/*.py` is read from `lib`, which is not in the build context: the build fails"]),
    # COPY --exclude filters what a source copies, never whether it is there: a folder all of whose
    # files it leaves out copies an empty folder (BuildKit's testExcludedFilesOnCopy, `--exclude=*`)
    ({"docs/a.md": "", ".dockerignore": ""}, F + "COPY --exclude=*.md --exclude=docs docs /d/\n", []),
    ({".dockerignore": ""}, F + "COPY --exclude=*.txt gone.txt /x/\n",
     ["2:22-2:30 `gone.txt` is not in the build context: the build fails"]),
    ({}, F + "COPY src/[ /app/\n", []),  # a bad wildcard: not ours to judge here
    # .dockerignore: excluded, exceptions, and what copy-ignored-file reports already
    ({"a.log": "", ".dockerignore": "# logs\n\n*.log\n"}, F + "COPY a.log /x\n", []),  # DKL407's
    ({"a.log": "", "b.log": "", ".dockerignore": "a.log\nb.log\n"}, F + "COPY *.log /x\n", []),  # copies nothing
    ({"docs/a.md": "", "docs/api/b.md": "", ".dockerignore": "docs\n!docs/api\n"},
     F + "COPY docs /docs\nCOPY docs/api /api\nCOPY docs/a.md /a\n",
     ["4:6-4:15 `docs/a.md` is in the build context but excluded by `docs` (.dockerignore line 1): the build fails"]),
    ({"docs/a.md": "", ".dockerignore": "\n*\n!src\n"}, F + "COPY docs /docs\n",
     ["2:6-2:10 `docs` is in the build context but excluded by `*` (.dockerignore line 2): the build fails"]),
])
def test_copy_source_missing(tmp_path, files, source, expected) -> None:
    result = run(source, "DKL409", path=_context(tmp_path, files))
    assert [f"{_range(result, f)} {f.message}" for f in result.findings] == expected


def _range(result, f) -> str:
    a, b = result.lines.position(f.span.start), result.lines.position(f.span.end)
    return f"{a.line}:{a.column}-{b.line}:{b.column}"


def test_copy_source_missing_reads_the_dockerfiles_own_ignore_file(tmp_path) -> None:
    path = _context(tmp_path, {"a.txt": "", ".dockerignore": "", "app.Dockerfile.dockerignore": "\n!x\na.txt\n"},
                    "app.Dockerfile")
    [finding] = run(F + "COPY a.txt /x\n", "DKL409", path=path).findings
    assert "excluded by `a.txt` (app.Dockerfile.dockerignore line 3)" in finding.message


def test_copy_source_missing_is_quiet_without_a_context() -> None:
    assert finds(F + "COPY nowhere /x\n", "DKL409", path=None) == []
    assert finds(F + "COPY nowhere /x\n", "DKL409", path="-") == []


def test_copy_source_missing_uses_the_configured_context(tmp_path) -> None:
    path = _context(tmp_path, {"docker/Dockerfile": "", "app.py": ""}, "docker/Dockerfile")
    source = F + "COPY app.py /x\nCOPY gone.txt /y\n"
    assert finds(source, "DKL409", path=path) == []  # `docker/` holds none of the sources: not the context
    assert finds(source, "DKL409", path=path, context=str(tmp_path)) == [("DKL409", "3:6-3:14")]


COMPOSE = """\
services:
  api:
    build:
      context: .
      dockerfile: docker/Dockerfile
      args:
        APP: api
  worker:
    build:
      context: ./worker
      dockerfile: ../docker/Dockerfile
      args: ["APP=worker"]
  web:
    build: docker
"""


def test_copy_source_missing_checks_each_compose_service(tmp_path) -> None:
    path = _context(tmp_path, {"compose.yaml": COMPOSE, "docker/Dockerfile": "", "api/main.py": "",
                               "worker/main.py": "", "shared.txt": "", "worker/shared.txt": ""}, "docker/Dockerfile")
    source = F + "ARG APP=none\nCOPY $APP/main.py /app/\nCOPY shared.txt /app/\nCOPY worker/ /w/\n"
    result = run(source, "DKL409", path=path)
    assert [(_range(result, f), f.message) for f in result.findings] == [
        # `api` finds everything; `web` (short form: context `docker`, ARG default) and `worker` do not
        ("3:6-3:18", "`$APP/main.py` (`none/main.py`) is not in the build context: the build fails (service `web`)"),
        ("3:6-3:18", "`$APP/main.py` (`worker/main.py`) is not in the build context `../worker`: the build fails "
                     "(service `worker`)"),
        ("4:6-4:16", "`shared.txt` is not in the build context: the build fails (service `web`)"),
        ("5:6-5:13", "`worker/` is not in the build context `../worker`: the build fails (service `worker`)"),
        ("5:6-5:13", "`worker/` is not in the build context: the build fails (service `web`)"),
    ]


def test_findings_all_services_share_are_reported_once(tmp_path) -> None:
    path = _context(tmp_path, {"compose.yaml": COMPOSE, "docker/Dockerfile": "", "worker/": ""}, "docker/Dockerfile")
    result = run(F + "ARG APP\nCOPY gone.txt /x\nRUN echo $APP\n", "DKL409", "DKL301", path=path)
    # missing-user is the same for all three builds; each context lacks the file in its own place
    assert sorted((f.rule.code, f.message.rsplit("(", 1)[-1]) for f in result.findings if ")" in f.message[-1:]) == [
        ("DKL409", "service `api`)"), ("DKL409", "service `web`)"), ("DKL409", "service `worker`)")]
    assert [f.rule.code for f in result.findings if "service" not in f.message] == ["DKL301"]
