"""Completion in context (pure: no server)."""
from __future__ import annotations

import time

import pytest

from dockerlint.server._completion import complete
from tests.server.helpers import at_cursor


def labels(marked: str, snippets: bool = True) -> list[str]:
    model, offset = at_cursor(marked)
    return [i.label for i in complete(model, offset, snippets).items]


ALL = ["FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER",
       "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "HEALTHCHECK NONE", "SHELL"]


@pytest.mark.parametrize(("marked", "expected"), [
    ("¦", ["FROM", "ARG"]),  # an empty file: FROM first, and ARG, the only thing allowed before it
    ("# syntax=docker/dockerfile:1\nFR¦", ["FROM", "ARG"]),
    ("FROM a\n¦", ALL),
    ("FROM a\nru¦", [x.lower() for x in ALL]),  # follows the case being typed
    ("FROM a\nONBUILD ¦", [x for x in ALL if x not in ("FROM", "MAINTAINER", "ONBUILD")]),
    ("FROM a\nRUN echo \\\n  ¦", []),  # a continuation line is not a new instruction
    # directives at the top, values after `=`; not below an instruction
    ("# ¦", ["syntax=", "escape=", "check="]),
    ("# syntax=docker/dockerfile:1\n# e¦", ["escape=", "check="]),
    ("# escape=¦", ["\\", "`"]),
    ("# check=¦", ["skip=", "error=true", "skip=all"]),
    ("FROM a\n# esc¦", []),
    # flags of each instruction, and their values
    ("FROM a\nRUN --¦", ["--mount", "--network", "--security"]),
    ("FROM a\nRUN --mount=type=cache --¦", ["--mount", "--network", "--security"]),  # --mount repeats
    ("FROM a\nRUN --network=none --¦", ["--mount", "--security"]),
    ("FROM a\nRUN --network=¦", ["default", "none", "host"]),
    ("FROM a\nRUN --security=¦", ["sandbox", "insecure"]),
    ("FROM a\nRUN --mount=¦", ["type", "target", "source", "from", "rw", "readwrite"]),
    ("FROM a\nRUN --mount=type=¦", ["bind", "cache", "tmpfs", "secret", "ssh"]),
    ("FROM a\nRUN --mount=type=cache,¦", ["target", "id", "sharing", "from", "source", "mode", "uid", "gid", "ro",
                                         "readonly"]),
    ("FROM a\nRUN --mount=type=cache,sharing=¦", ["shared", "private", "locked"]),
    ("FROM a\nRUN --mount=type=secret,id=x,¦", ["target", "env", "required", "mode", "uid", "gid"]),
    ("FROM a\nRUN echo --¦", []),  # after the command, `--` is the command's
    ("FROM a\nCOPY --¦", ["--from", "--chown", "--chmod", "--link", "--parents", "--exclude"]),
    ("FROM a\nADD --¦", ["--chown", "--chmod", "--link", "--exclude", "--checksum", "--keep-git-dir", "--unpack"]),
    ("FROM a\nCOPY --chmod=¦", ["0644", "0755", "0600", "0700", "u=rwX,go=rX"]),
    ("FROM a\nADD --keep-git-dir=¦", ["true", "false"]),
    ("FROM --¦", ["--platform"]),
    ("FROM --platform=¦", ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6", "linux/386", "linux/ppc64le",
                          "linux/s390x", "linux/riscv64", "windows/amd64", "$BUILDPLATFORM", "$TARGETPLATFORM"]),
    ("FROM a\nHEALTHCHECK --interval=5s ¦", ["CMD", "NONE", "--timeout", "--start-period", "--start-interval",
                                             "--retries"]),
    ("FROM a\nHEALTHCHECK --¦", ["--interval", "--timeout", "--start-period", "--start-interval", "--retries"]),
    ("FROM a\nONBUILD COPY --¦", ["--from", "--chown", "--chmod", "--link", "--parents", "--exclude"]),
    # stage names: earlier stages only, by index when unnamed (COPY), never the current one
    ("FROM a AS one\nFROM b\nFROM c AS three\nCOPY --from=¦", ["one", "1"]),
    ("FROM a AS one\nFROM b\nRUN --mount=type=bind,from=¦", ["one"]),
    ("FROM a AS one\nFROM ¦", ["one"]),
    ("FROM a ¦", ["AS"]),
    ("FROM a AS b ¦", []),
    # variables in scope
    ("ARG V=1\nFROM $¦", ["V", "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM",
                          "BUILDOS", "BUILDARCH", "BUILDVARIANT"]),
    ("FROM a\nRUN echo $¦", ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
                             "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "TARGETPLATFORM", "TARGETOS",
                             "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT"]),
    ("FROM a\nRUN <<EOF\necho '${¦\nEOF\n", None),  # heredoc script: variables (checked below)
    ("FROM a\nCOPY <<'EOF' /f\n$¦\nEOF\n", []),  # quoted COPY heredoc: literal text
    # suppression pragmas: rule codes, names and aliases
    ("FROM a\n# hadolint ignore=DL3006,DL300¦", ["DL3006", "DL3007", "DL3002"]),
])
def test_labels(marked, expected):
    got = labels(marked)
    if expected is None:
        assert "HTTP_PROXY" in got
    elif marked.startswith("FROM a\n# hadolint"):
        assert set(expected) <= set(got) and all(g.startswith("DL300") for g in got)
    else:
        assert got == expected


def test_variables_of_the_file_come_first_with_their_value():
    model, offset = at_cursor("ARG G=9\nFROM a\nARG V\nENV APP=/app\nRUN echo ${A¦")
    found = complete(model, offset)
    first = found.items[:2]
    assert [(i.label, i.insert) for i in first] == [("V", "V}"), ("APP", "APP}")]
    assert "unknown" in first[0].documentation and "`/app`" in first[1].documentation
    assert "G" not in [i.label for i in found.items]  # a global ARG is not visible in a stage undeclared
    assert found.start == offset - 1  # replaces the typed `A`, keeps `${`


@pytest.mark.parametrize(("marked", "replaced"), [
    ("FROM a\nRUN --mount=type=cache,tar¦", "tar"),
    ("FROM a\nRUN --netw¦", "--netw"),
    ("FROM a\nCOPY --from=bu¦", "bu"),
    ("FROM a\nRUN echo \\\n  $HT¦", "HT"),
    ("# escape=`\nFROM a\nRUN echo `\n  $HT¦", "HT"),
    ("FROM a\r\nRUN echo 😀 $HT¦", "HT"),
])
def test_replaced_text(marked, replaced):
    model, offset = at_cursor(marked)
    assert model.dockerfile.source[complete(model, offset).start:offset] == replaced


def test_snippets_follow_the_client():
    model, offset = at_cursor("FROM a\nCOPY¦")
    by_label = {i.label: i for i in complete(model, offset, snippets=False).items}
    assert by_label["COPY"].insert == "COPY " and not by_label["COPY"].snippet
    by_label = {i.label: i for i in complete(model, offset, snippets=True).items}
    assert by_label["COPY"].insert == "COPY ${1:source} ${2:dest}" and by_label["COPY"].snippet
    assert by_label["MAINTAINER"].deprecated


def test_fast_on_a_long_file():
    lines = ["# syntax=docker/dockerfile:1", "ARG BASE=alpine:3.19"]
    for i in range(100):
        lines += [f"FROM $BASE AS s{i}", f"ARG V{i}=x", f"ENV E{i}=/opt/{i} \\", "    F=1",
                  "RUN --mount=type=cache,target=/c apt-get update && \\", "    apt-get install -y curl",
                  f"COPY --from=s{max(i - 1, 0)} /a /b", "WORKDIR /app", "USER app", "CMD [\"run\"]"]
    text = "\n".join(lines) + "\n"
    timings = []
    for probe in ("COPY --from=", "RUN --mount=type=cache,", "RUN echo $", ""):
        model, offset = at_cursor(text + probe + "¦")
        complete(model, offset)  # warm the lazy imports
        runs = []
        for _ in range(5):  # the best of a few: the code's cost, not the scheduler's
            start = time.perf_counter()
            complete(model, offset)
            runs.append(time.perf_counter() - start)
        timings.append(min(runs))
    assert max(timings) < 0.010, timings
