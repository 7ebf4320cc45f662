"""Instruction and structure rules (DKL601-DKL624): bad and good cases, edge cases, fixes."""
from __future__ import annotations

import pytest

from dockerlint.engine import enabled_rules
from dockerlint.rules.api import Fix
from dockerlint.settings import Settings
from tests.rules.helpers import codes, finds, run

F = "FROM alpine:3.20\n"

CASES = [
    # instruction-before-from
    ("DKL601", "LABEL a=b\nFROM alpine:3.20\n", ["1:1-1:6"]),
    ("DKL601", "ARG V=3.20\nFROM alpine:$V\n", []),
    ("DKL601", "# escape=`\nRUN x\nFROM alpine:3.20\n", ["2:1-2:4"]),
    ("DKL601", F + "RUN x\n", []),
    # consistent-instruction-casing
    ("DKL602", F + "run x\nCMD [\"sh\"]\n", ["2:1-2:4"]),
    ("DKL602", "from alpine:3.20\nrun x\nCMD [\"sh\"]\n", ["3:1-3:4"]),
    ("DKL602", "from alpine:3.20\nCMD [\"sh\"]\n", ["1:1-1:5"]),  # tie: upper case wins
    ("DKL602", F + "Run x\n", ["2:1-2:4"]),  # mixed case is always reported
    ("DKL602", F + "ONBUILD run x\n", ["2:9-2:12"]),
    ("DKL602", F + "RUN x\r\nCMD [\"sh\"]\r\n", []),
    # legacy-key-value-format
    ("DKL603", F + "ENV A 1\n", ["2:5-2:8"]),
    ("DKL603", F + "LABEL maintainer jane\n", ["2:7-2:22"]),
    ("DKL603", F + "ENV A=1 B=2\n", []),
    ("DKL603", F + "ONBUILD ENV A 1\n", ["2:13-2:16"]),
    # maintainer-deprecated
    ("DKL604", F + "MAINTAINER Jane\n", ["2:1-2:11"]),
    ("DKL604", F + "maintainer Jane\n", ["2:1-2:11"]),
    ("DKL604", F + "LABEL org.opencontainers.image.authors=Jane\n", []),
    # forbidden-onbuild-trigger
    ("DKL605", F + "ONBUILD ONBUILD RUN x\n", ["2:9-2:16"]),
    ("DKL605", F + "ONBUILD FROM alpine\n", ["2:9-2:13"]),
    ("DKL605", F + "onbuild maintainer x\n", ["2:9-2:19"]),
    ("DKL605", F + "ONBUILD RUN x\n", []),
    # multiple-cmd / -entrypoint / -healthcheck: the earlier ones are reported
    ("DKL606", F + "CMD a\nCMD b\nCMD c\n", ["2:1-2:6", "3:1-3:6"]),
    ("DKL606", F + "CMD a\nFROM alpine:3.20\nCMD b\n", []),  # one per stage
    ("DKL606", F + "ONBUILD CMD a\nCMD b\n", []),  # a trigger is for the child build
    ("DKL607", F + "ENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n", ["2:1-2:17"]),
    ("DKL608", F + "HEALTHCHECK NONE\nHEALTHCHECK CMD true\n", ["2:1-2:17"]),
    # json-args-recommended
    ("DKL609", F + "CMD node server.js\n", ["2:5-2:19"]),
    ("DKL609", F + "entrypoint /app\n", ["2:12-2:16"]),
    ("DKL609", F + "CMD [\"node\"]\n", []),
    ("DKL609", F + "SHELL [\"/bin/bash\", \"-c\"]\nCMD node server.js\n", []),  # BuildKit: a SHELL was chosen
    ("DKL609", "FROM alpine:3.20 AS b\nSHELL [\"/bin/bash\", \"-c\"]\nFROM b\nCMD x\n", []),  # inherited
    ("DKL609", F + "HEALTHCHECK CMD curl -f localhost\n", []),
    ("DKL609", F + "ONBUILD CMD x\n", []),
    # json-args-single-quotes
    ("DKL610", F + "CMD ['node', 'server.js']\n", ["2:5-2:26"]),
    ("DKL610", F + "RUN ['a']\n", ["2:5-2:10"]),
    ("DKL610", F + "VOLUME ['/data']\n", ["2:8-2:17"]),
    ("DKL610", F + "CMD echo 'it works'\n", []),
    ("DKL610", F + "CMD [\"a\"]\n", []),
    # text-after-json-array
    ("DKL611", F + "ENTRYPOINT [\"x\"] # comment\n", ["2:18-2:27"]),
    ("DKL611", F + "CMD [\"x\"] --verbose\n", ["2:11-2:20"]),
    ("DKL611", F + "CMD [\"x\"]   \n", []),
    ("DKL611", F + "COPY [\"a\", \"/b/\"] extra\n", ["2:19-2:24"]),
    # relative-workdir
    ("DKL613", F + "WORKDIR app\n", ["2:9-2:12"]),
    ("DKL613", F + "WORKDIR /app\nWORKDIR src\n", []),
    ("DKL613", F + "WORKDIR \"/app\"\n", []),
    ("DKL613", F + "WORKDIR C:\\app\n", []),
    ("DKL613", F + "ENV D=/app\nWORKDIR $D\n", []),
    ("DKL613", F + "WORKDIR $UNKNOWN\n", []),
    ("DKL613", "FROM alpine:3.20 AS a\nWORKDIR /app\nFROM a\nWORKDIR src\n", []),
    ("DKL613", "FROM alpine:3.20 AS a\nWORKDIR /app\nFROM alpine:3.20\nWORKDIR src\n", ["4:9-4:12"]),
    # workdir-system-directory
    ("DKL614", F + "WORKDIR /proc/app\n", ["2:9-2:18"]),
    ("DKL614", F + "WORKDIR /dev\n", ["2:9-2:13"]),
    ("DKL614", F + "WORKDIR /device\n", []),
    ("DKL614", F + "WORKDIR /srv/../sys/x\n", ["2:9-2:22"]),
    # expose-invalid-port
    ("DKL615", F + "EXPOSE 80800\n", ["2:8-2:13"]),
    ("DKL615", F + "EXPOSE 8000-70000\n", ["2:8-2:18"]),
    ("DKL615", F + "EXPOSE 9000-8000\n", ["2:8-2:17"]),
    ("DKL615", F + "EXPOSE http\n", ["2:8-2:12"]),
    ("DKL615", F + "EXPOSE 80/xtp\n", ["2:8-2:14"]),
    ("DKL615", F + "EXPOSE 80 443/tcp 53/udp 8000-8010 9/sctp\n", []),
    ("DKL615", F + "EXPOSE $PORT\n", []),
    ("DKL615", F + "ARG PORT=99999\nEXPOSE $PORT\n", ["3:8-3:13"]),
    # expose-ssh-port
    ("DKL616", F + "EXPOSE 22\n", ["2:8-2:10"]),
    ("DKL616", F + "EXPOSE 22/udp 20-25\n", ["2:8-2:14", "2:15-2:20"]),
    ("DKL616", F + "EXPOSE 2222\n", []),
    # expose-proto-casing
    ("DKL617", F + "EXPOSE 80/TCP\n", ["2:11-2:14"]),
    ("DKL617", F + "EXPOSE 80/tcp\n", []),
    # expose-invalid-format
    ("DKL618", F + "EXPOSE 8080:80\n", ["2:8-2:15"]),
    ("DKL618", F + "EXPOSE 127.0.0.1:8080:80/tcp\n", ["2:8-2:29"]),
    ("DKL618", F + "EXPOSE 80\n", []),
    # unknown-instruction
    ("DKL619", F + "COPPY a /a\n", ["2:1-2:6"]),
    ("DKL619", F + "apt-get install x\n", ["2:1-2:8"]),
    ("DKL619", F + "ONBUILD RUNN x\n", ["2:9-2:13"]),
    # invalid-instruction-arguments
    ("DKL620", "FROM a b\n", ["1:8-1:9"]),
    ("DKL620", "FROM a AS\n", ["1:8-1:10"]),
    ("DKL620", "FROM a AS b c\n", ["1:8-1:14"]),
    ("DKL620", "FROM a as b\n", []),
    ("DKL620", F + "COPY onlyone\n", ["2:1-2:5"]),
    ("DKL620", F + "EXPOSE\nVOLUME\nUSER\nWORKDIR\nSTOPSIGNAL\nONBUILD\nENV\nLABEL\nARG\n",
     ["2:1-2:7", "3:1-3:7", "4:1-4:5", "5:1-5:8", "6:1-6:11", "7:1-7:8", "8:1-8:4", "9:1-9:6", "10:1-10:4"]),
    ("DKL620", F + "SHELL /bin/bash -c\n", ["2:7-2:19"]),
    ("DKL620", F + "SHELL []\n", ["2:7-2:9"]),
    ("DKL620", F + "HEALTHCHECK\n", ["2:1-2:12"]),
    ("DKL620", F + "HEALTHCHECK CDM true\n", ["2:13-2:16"]),
    ("DKL620", F + "HEALTHCHECK NONE true\n", ["2:18-2:22"]),
    ("DKL620", F + "HEALTHCHECK CMD\n", ["2:13-2:16"]),
    ("DKL620", F + "healthcheck cmd true\n", []),
    # invalid-flag
    ("DKL621", F + "COPY --chmown=a b /c/\n", ["2:6-2:16"]),
    ("DKL621", F + "COPY --link --link a /b/\n", ["2:13-2:19"]),
    ("DKL621", F + "COPY --link=maybe a /b/\n", ["2:6-2:18"]),
    ("DKL621", F + "COPY --link= a /b/\n", ["2:6-2:13"]),
    ("DKL621", F + "COPY --from a /b/\n", ["2:6-2:12"]),
    ("DKL621", F + "COPY --from= a /b/\n", []),  # an empty string is a value
    ("DKL621", F + "RUN --mount=type=cache,target=/a --mount=type=tmpfs,target=/b x\n", []),  # repeatable
    ("DKL621", F + "RUN --networkk=none x\n", ["2:5-2:20"]),
    ("DKL621", F + "ENV --x=1 A=1\n", ["2:5-2:10"]),
    ("DKL621", F + "HEALTHCHECK --interval=5s NONE\n", ["2:13-2:26"]),
    ("DKL621", F + "FROM --platform=linux/amd64 alpine\n", []),
    ("DKL621", F + "ONBUILD COPY --bogus=1 a /b/\n", ["2:14-2:23"]),
    # invalid-flag-value
    ("DKL622", F + "COPY --chmod=888 a /b/\n", ["2:14-2:17"]),
    ("DKL622", F + "COPY --chmod=0755 a /b/\nCOPY --chmod=u+x,go=rx a /b/\nCOPY --chmod=$M a /b/\n", []),
    ("DKL622", F + "RUN --network=bridge x\n", ["2:15-2:21"]),
    ("DKL622", F + "RUN --security=privileged x\n", ["2:16-2:26"]),
    ("DKL622", F + "RUN --mount=type=cahce,target=/a x\n", ["2:13-2:33"]),
    ("DKL622", F + "RUN --mount=type=cache,taget=/a x\n", ["2:13-2:32"]),
    ("DKL622", F + "RUN --mount=type=bind,target=/a,sharing=locked x\n", ["2:13-2:47"]),
    ("DKL622", F + "RUN --mount=type=secret,id=t,required x\nRUN --mount=type=cache,target=/a,sharing=locked,mode=0755,uid=1 x\n", []),
    ("DKL622", F + "RUN --mount=type=bind,target=/a,uid=1 x\n", ["2:13-2:38"]),
    ("DKL622", F + "ADD --checksum=md5:abc https://e.com/a /a\n", ["2:16-2:23"]),
    ("DKL622", F + "HEALTHCHECK --interval=30 CMD true\n", ["2:24-2:26"]),
    ("DKL622", F + "HEALTHCHECK --timeout=500us CMD true\n", ["2:23-2:28"]),
    ("DKL622", F + "HEALTHCHECK --interval=1m30s --timeout=0 --start-period=1.5s --retries=3 CMD true\n", []),
    ("DKL622", F + "HEALTHCHECK --retries=-1 CMD true\n", ["2:23-2:25"]),
    # invalid-stopsignal
    ("DKL623", F + "STOPSIGNAL SIGQUITE\n", ["2:12-2:20"]),
    ("DKL623", F + "STOPSIGNAL 0\n", ["2:12-2:13"]),
    ("DKL623", F + "STOPSIGNAL SIGTERM\nSTOPSIGNAL quit\nSTOPSIGNAL 9\nSTOPSIGNAL SIGRTMIN+3\nSTOPSIGNAL $S\n", []),
]


@pytest.mark.parametrize(("code", "source", "expected"), CASES)
def test_findings(code: str, source: str, expected: list[str]) -> None:
    assert [r for _, r in finds(source, code)] == expected


def _apply(source: str, fix: Fix) -> str:
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        source = source[:edit.start] + edit.text + source[edit.end:]
    return source


FIXES = [
    # (code, source, fixed, safe)
    ("DKL602", F + "run x\n", F + "RUN x\n", True),
    ("DKL603", F + "ENV A hello world\n", F + 'ENV A="hello world"\n', True),
    ("DKL603", F + "ENV A $HOME/bin\n", F + 'ENV A="$HOME/bin"\n', True),
    # quotes and escapes keep their spelling (BuildKit processes both forms alike); unquoted blanks are escaped
    ("DKL603", F + 'ENV A say "hi"\n', F + 'ENV A=say\\ "hi"\n', True),
    ("DKL603", "# escape=`\n" + F + 'ENV A "x" y\n', "# escape=`\n" + F + 'ENV A="x"` y\n', True),
    ("DKL603", F + "ENV JAVA_HOME C:\\\\openjdk-27\n", F + "ENV JAVA_HOME=C:\\\\openjdk-27\n", True),
    ("DKL603", F + "LABEL STOP 'docker kill ${NAME}'\n", F + "LABEL STOP='docker kill ${NAME}'\n", True),
    ("DKL603", F + 'ENV A "quoted value"\n', F + 'ENV A="quoted value"\n', True),
    ("DKL603", F + "ENV A one \\\n  two\n", F + 'ENV A="one \\\n  two"\n', True),  # continuation kept
    ("DKL604", F + "MAINTAINER Jane <j@x.org>\n", F + 'LABEL org.opencontainers.image.authors="Jane <j@x.org>"\n', False),
    ("DKL604", F + 'maintainer "J" $x\n', F + 'label org.opencontainers.image.authors="\\"J\\" \\$x"\n', False),
    ("DKL606", F + "CMD a\nCMD b\n", F + "CMD b\n", True),
    ("DKL606", F + "CMD a\r\nCMD b\r\n", F + "CMD b\r\n", True),
    ("DKL609", F + "CMD node server.js\n", F + 'CMD ["node", "server.js"]\n', False),
    ("DKL610", F + "CMD ['a', 'b']\n", F + 'CMD ["a", "b"]\n', False),
    ("DKL611", F + "  CMD [\"x\"]  # note\n", F + "  # note\n  CMD [\"x\"]\n", True),
    ("DKL617", F + "EXPOSE 80/TCP\n", F + "EXPOSE 80/tcp\n", True),
    ("DKL618", F + "EXPOSE 127.0.0.1:8080:80\n", F + "EXPOSE 80\n", True),
    ("DKL619", F + "COPPY a /a\n", F + "COPY a /a\n", False),
    ("DKL619", F + "workdr /a\n", F + "workdir /a\n", False),
]


@pytest.mark.parametrize(("code", "source", "fixed", "safe"), FIXES)
def test_fixes(code: str, source: str, fixed: str, safe: bool) -> None:
    fixes = [f.fix for f in run(source, code).findings if f.fix is not None]
    assert len(fixes) == 1
    assert fixes[0].safe is safe
    assert _apply(source, fixes[0]) == fixed


@pytest.mark.parametrize(("code", "source"), [
    ("DKL609", F + "CMD echo $HOME && run\n"),  # not a plain command: no JSON rewrite
    ("DKL611", F + "CMD [\"x\"] --verbose\n"),  # not a comment: no fix
    ("DKL619", F + "XYZZY a\n"),  # nothing close
    ("DKL619", F + "set -e\n"),  # a shell line whose continuation went missing: two edits from USER, no typo
    ("DKL619", F + "--add x y\n"),  # not a word
    ("DKL619", F + "Use the image\n"),  # prose
    ("DKL617", F + "ARG P=80/TCP\nEXPOSE $P\n"),  # written through a variable
])
def test_no_fix(code: str, source: str) -> None:
    [finding] = run(source, code).findings
    assert finding.fix is None


def test_unknown_instruction_suggests() -> None:
    [finding] = run(F + "COPPY a /a\n", "DKL619").findings
    assert "did you mean `COPY`" in finding.message


def test_invalid_flag_lists_the_valid_ones() -> None:
    [finding] = run(F + "COPY --chmown=a b /c/\n", "DKL621").findings
    assert "did you mean `--chown`" in finding.message and "`--parents`" in finding.message


def test_earlier_cmd_message_names_the_effective_one() -> None:
    [finding] = run(F + "CMD a\nCMD b\n", "DKL606").findings
    assert "line 3" in finding.message and finding.rule.tags == ("unnecessary",)


@pytest.mark.parametrize(("source", "expected"), [
    ("FROM nginx:1.27\n", ["1:6-1:16"]),
    ("FROM nginx:1.27\nHEALTHCHECK CMD true\n", []),
    ("FROM nginx:1.27\nHEALTHCHECK NONE\n", []),
    ("FROM nginx:1.27 AS base\nHEALTHCHECK CMD true\nFROM base\n", []),  # inherited
    ("FROM nginx:1.27 AS base\nHEALTHCHECK CMD true\nFROM nginx:1.27\n", ["3:6-3:16"]),  # final stage only
])
def test_missing_healthcheck(source: str, expected: list[str]) -> None:
    assert [r for _, r in finds(source, "missing-healthcheck")] == expected


def test_inline_ignore_pragma() -> None:
    source = F + "# hadolint ignore=DL3018\nRUN x\n# dockerlint global ignore=DKL101\n# dockerlint ignore=DKL609\nCMD x\n"
    assert [r for _, r in finds(source, "DL1001")] == ["2:1-2:25", "5:1-5:27"]


@pytest.mark.parametrize(("settings", "on"), [
    ({}, False),
    ({"select": ["ALL"]}, False),
    ({"select": ["DKL6"]}, False),
    ({"select": ["DKL612"]}, True),
    ({"select": ["DL3057"]}, True),
    ({"extend_select": ["missing-healthcheck"]}, True),
    ({"severity": {"DL3057": "info"}}, True),
    ({"select": ["DKL612"], "ignore": ["DKL612"]}, False),
])
def test_off_by_default_rules_need_an_explicit_selection(settings: dict, on: bool) -> None:
    codes = {r.code for r in enabled_rules(Settings(**settings))}
    assert ("DKL612" in codes) is on
    assert "DKL624" not in codes


@pytest.mark.parametrize("source, expected", [
    pytest.param("# the build image\nFROM golang:1.23 AS build\n", [("DKL625", "1:1-1:18")], id="stage"),
    pytest.param("# version to install\n# more\nARG VERSION=1\nFROM x:1\n", [("DKL625", "1:1-1:21")],
                 id="arg, comment block"),
    pytest.param("# build compiles\nFROM golang:1.23 AS build\n", [], id="starts with the name"),
    pytest.param("# the build image\n\nFROM golang:1.23 AS build\n", [], id="blank line between"),
    pytest.param("# hadolint ignore=DL3006\nFROM golang AS build\n", [], id="a pragma is no description"),
    pytest.param("# a base\nFROM golang:1.23\n", [], id="no stage name"),
])
def test_invalid_definition_description(source: str, expected: list[tuple[str, str]]) -> None:
    assert finds(source, "invalid-definition-description") == expected


def test_invalid_definition_description_is_off_by_default_and_fixable() -> None:
    from dockerlint.fixes import apply_fixes

    src = "# the build image\r\nFROM golang:1.23 AS build\r\n"
    assert "DKL625" not in codes(src)
    result = run(src, "DKL625")
    assert apply_fixes(src, result.findings).text == "# the build image\r\n\r\nFROM golang:1.23 AS build\r\n"
