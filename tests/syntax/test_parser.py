"""The AST: one class per instruction, exact ranges for every token, error recovery."""
from __future__ import annotations

import pytest

from dockerlint.syntax import nodes
from dockerlint.syntax.parser import parse
from tests.syntax.helpers import at


def one(source: str) -> nodes.Instruction:
    df = parse(source)
    assert len(df.instructions) == 1, df.instructions
    return df.instructions[0]


def test_from_with_platform_and_stage_name() -> None:
    src = "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"
    ins = one(src)
    assert isinstance(ins, nodes.From)
    assert ins.image.text == "golang:1.22" and at(src, ins.image.span) == "1:32-1:43"
    assert ins.stage_name.text == "build" and at(src, ins.stage_name.span) == "1:47-1:52"
    assert ins.as_keyword.text == "AS"
    flag = ins.flags[0]
    assert (flag.key, flag.value.text) == ("platform", "$BUILDPLATFORM")
    assert at(src, flag.span) == "1:6-1:31"
    assert at(src, flag.name.span) == "1:8-1:16"
    assert at(src, flag.value.span) == "1:17-1:31"


@pytest.mark.parametrize("src, kind, values", [
    ("RUN echo hi", nodes.Run, ["echo hi"]),
    ('CMD ["a", "b c"]', nodes.Cmd, ["a", "b c"]),
    ("ENTRYPOINT exec x", nodes.Entrypoint, ["exec x"]),
    ('SHELL ["/bin/bash", "-c"]', nodes.Shell, ["/bin/bash", "-c"]),
    ("USER app:app", nodes.User, ["app:app"]),
    ("WORKDIR /srv", nodes.Workdir, ["/srv"]),
    ("STOPSIGNAL SIGTERM", nodes.Stopsignal, ["SIGTERM"]),
    ("MAINTAINER Jane <j@x>", nodes.Maintainer, ["Jane <j@x>"]),
    ("EXPOSE 80/tcp 443", nodes.Expose, ["80/tcp", "443"]),
    ('VOLUME ["/data"]', nodes.Volume, ["/data"]),
    ("COPY --chown=1:1 a b /dst/", nodes.Copy, ["a", "b", "/dst/"]),
    ("ADD --checksum=sha256:x https://e/x /x", nodes.Add, ["https://e/x", "/x"]),
    ("frobnicate the thing", nodes.Unknown, [""]),
])
def test_instruction_kinds(src: str, kind: type, values: list[str]) -> None:
    from dockerlint.syntax.buildkit import value

    ins = one(src)
    assert type(ins) is kind
    assert value(ins) == values


def test_keywords_in_any_case() -> None:
    df = parse("from alpine\nRuN echo\nCopY a b\n")
    assert [type(i).__name__ for i in df.instructions] == ["From", "Run", "Copy"]
    assert [i.keyword.text for i in df.instructions] == ["from", "RuN", "CopY"]


def test_exec_form_ranges_exclude_quotes() -> None:
    src = 'CMD ["nginx", "-g", "daemon off;"]'
    ins = one(src)
    assert isinstance(ins.command, nodes.ExecForm)
    assert [at(src, a.span) for a in ins.command.args] == ["1:7-1:12", "1:16-1:18", "1:22-1:33"]
    assert at(src, ins.command.span) == "1:5-1:35"


def test_invalid_json_falls_back_to_shell_form() -> None:
    ins = one("CMD [\"a\", 'b']")
    assert isinstance(ins.command, nodes.ShellForm)
    assert ins.command.text.text == "[\"a\", 'b']"


def test_json_with_non_strings_is_an_error_node_and_others_still_parse() -> None:
    src = "FROM a\nCMD [1, 2]\nUSER x\n"
    df = parse(src)
    assert [type(i).__name__ for i in df.instructions] == ["From", "Broken", "User"]
    broken = df.instructions[1]
    assert "strings only" in broken.message
    assert at(src, broken.span) == "2:1-2:11"
    assert [at(src, i.span) for i in df.issues] == ["2:1-2:11"]


@pytest.mark.parametrize("src, message", [
    ("ENV a", "ENV must have two arguments"),
    ("LABEL a=1 b c", "Syntax error - can't find = in \"b\""),
    ("ENV a=1 b", "Syntax error - can't find = in \"b\". Must be of the form: name=value"),
])
def test_key_value_errors(src: str, message: str) -> None:
    df = parse("FROM x\n" + src + "\nRUN ok\n")
    assert [type(i).__name__ for i in df.instructions] == ["From", "Broken", "Run"]
    assert df.issues[0].message.startswith(message.split(" Must")[0])


def test_env_pairs_and_legacy_form_ranges() -> None:
    src = 'ENV A=1 B="x y" C=\nENV legacy some value\n'
    df = parse(src)
    pairs = df.instructions[0].pairs
    assert [(p.key.text, p.value.text) for p in pairs] == [("A", "1"), ("B", '"x y"'), ("C", "")]
    assert [at(src, p.key.span) for p in pairs] == ["1:5-1:6", "1:9-1:10", "1:17-1:18"]
    assert at(src, pairs[1].value.span) == "1:11-1:16"
    legacy = df.instructions[1].pairs[0]
    assert not legacy.equals and legacy.key.text == "legacy" and legacy.value.text == "some value"


def test_arg_with_and_without_default() -> None:
    ins = one("ARG A B=2")
    assert [(p.key.text, p.value.text if p.value else None) for p in ins.pairs] == [("A", None), ("B", "2")]


def test_continuation_with_comments_and_empty_lines_maps_ranges() -> None:
    src = "RUN apt-get update \\\n    # a comment\n\n    && apt-get install -y curl\n"
    df = parse(src)
    run = df.instructions[0]
    assert run.command.text.text == "apt-get update     && apt-get install -y curl"
    text = run.command.text
    i = text.text.index("curl")
    assert at(src, text.sub_span(i, i + 4)) == "4:27-4:31"
    assert [c.text for c in df.comments] == ["a comment"]
    assert [i.message for i in df.issues if not i.fatal][0].startswith("empty continuation line")
    assert at(src, run.span) == "1:1-4:31"


def test_escape_directive_backtick() -> None:
    src = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n    C:\\\n"
    df = parse(src)
    assert df.escape == "`"
    assert df.instructions[1].command.text.text == "dir     C:\\"
    assert [d.name.text for d in df.directives] == ["escape"]


def test_directives_only_at_the_top() -> None:
    df = parse("# syntax=docker/dockerfile:1\n# check=skip=all\nFROM a\n# escape=`\nRUN a `\n")
    assert [d.name.text for d in df.directives] == ["syntax", "check"]
    assert df.escape == "\\"
    assert df.instructions[1].command.text.text == "a `"  # a backtick does not continue here


def test_heredocs() -> None:
    src = "RUN <<EOF <<-'END' bash\necho one\nEOF\n\techo two\n\tEND\nUSER x\n"
    df = parse(src)
    run, user = df.instructions
    assert [h.name for h in run.heredocs] == ["EOF", "END"]
    first, second = run.heredocs
    assert first.expand and not second.expand and second.chomp
    assert first.content == "echo one\n" and second.content == "\techo two\n"
    assert at(src, first.marker.span) == "1:5-1:10"
    assert at(src, first.body) == "2:1-3:1"
    assert at(src, first.terminator) == "3:1-3:4"
    assert at(src, run.span) == "1:1-5:5"
    assert isinstance(user, nodes.User)


def test_heredoc_with_space_follows_todays_buildkit() -> None:
    # BuildKit v0.12.5 read `<< EOF` as a plain word; today's BuildKit (and we) read a heredoc.
    df = parse("RUN << EOF\necho hi\nEOF\n")
    assert [h.name for h in df.instructions[0].heredocs] == ["EOF"]
    assert len(df.instructions) == 1


def test_copy_heredoc_and_unterminated_heredoc() -> None:
    df = parse("COPY <<EOF /etc/x\nhello\nEOF\n")
    assert df.instructions[0].heredocs[0].content == "hello\n"
    df = parse("RUN <<EOF\necho never closed\n")
    assert [i.message for i in df.issues] == ["unterminated heredoc"]


def test_no_heredoc_in_exec_form() -> None:
    df = parse('RUN ["cat", "<<EOF"]\nEOF\n')
    assert df.instructions[0].heredocs == [] and len(df.instructions) == 2


def test_onbuild_wraps_an_instruction() -> None:
    src = "ONBUILD COPY --from=build . /app\n"
    ins = one(src)
    assert isinstance(ins, nodes.Onbuild) and isinstance(ins.trigger, nodes.Copy)
    assert ins.trigger.flag("from").value.text == "build"
    assert at(src, ins.trigger.span) == "1:9-1:33"
    assert list(parse(src).walk()) == [ins, ins.trigger]


def test_healthcheck_forms() -> None:
    ins = one("HEALTHCHECK --interval=5s CMD curl -f http://x/ || exit 1")
    assert ins.mode.text == "CMD" and ins.command.text.text == "curl -f http://x/ || exit 1"
    assert ins.flags[0].text == "--interval=5s"
    assert one("HEALTHCHECK NONE").mode.text == "NONE"


def test_crlf_bom_tabs_and_no_final_newline() -> None:
    src = "\ufeffFROM\talpine:3.20\r\nRUN echo \\\r\n  hi"
    df = parse(src)
    assert df.instructions[0].image.text == "alpine:3.20"
    assert df.instructions[1].command.text.text == "echo   hi"
    assert at(src, df.instructions[1].span) == "2:1-3:5"


def test_quoted_flag_values_and_double_dash() -> None:
    ins = one('RUN --mount="type=secret,id=a b" -- echo')
    assert ins.flags[0].text == "--mount=type=secret,id=a b"
    assert ins.command.text.text == "echo"


def test_empty_file_and_comment_only_file_report_no_instructions() -> None:
    for src in ("", "# just a comment\n\n"):
        df = parse(src)
        assert df.instructions == []
        assert [i.message for i in df.issues] == ["file with no instructions"]


def test_invalid_escape_directive() -> None:
    df = parse("# escape=x\nFROM a\n")
    assert "invalid escape token" in df.issues[0].message


def test_word_segments_map_every_character() -> None:
    src = "LABEL a=b\\\n  c=d\n"
    pairs = parse(src).instructions[0].pairs
    assert [at(src, p.key.span) for p in pairs] == ["1:7-1:8", "2:3-2:4"]


def test_quoted_flag_values_map_each_character() -> None:
    src = 'COPY --from="builder" --chown="${A}:${B}" a /b\n'
    ins = one(src)
    value = ins.flag("from").value
    assert value.text == "builder"
    assert at(src, value.span) == "1:13-1:22"  # the raw value, quotes included
    assert at(src, value.sub_span(0, len(value.text))) == "1:14-1:21"
    chown = ins.flag("chown").value
    i = chown.text.index("B")
    assert src[chown.sub_span(i, i + 1).start] == "B"


def test_long_repetitions_parse_in_linear_time() -> None:
    # The driver copied a repetition's children at each element: a 50,000-string JSON array took 30 s.
    from tests.bounded import run_python

    out = run_python("""
        from dockerlint.syntax.parser import parse
        df = parse("FROM alpine:3.20\\nCMD [" + ", ".join(['"a"'] * 50_000) + "]\\nEXPOSE " + "80 " * 50_000 + "\\n")
        print(len(df.instructions[1].command.args), len(list(df.instructions[2].words())))
    """, timeout=30)
    assert out.split() == ["50000", "50000"]
