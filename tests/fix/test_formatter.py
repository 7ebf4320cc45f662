"""The formatter: what it changes, what it must never touch, and that BuildKit sees the same file."""
from __future__ import annotations

import shlex

import pytest

from dockerlint import formatter
from dockerlint.files import decode
from dockerlint.formatter import FormatOptions, format_edits, format_on_type, format_range, format_text
from dockerlint.rules.api import Edit
from dockerlint.syntax.buildkit import document
from dockerlint.syntax.parser import parse

# (name, source, formatted) with the default options
CASES = [
    ("keyword case", "from a as b\nrun x\nonbuild  run y\n", "FROM a AS b\nRUN x\nONBUILD RUN y\n"),
    ("one space after the keyword and between flags and words",
     "FROM\t --platform=linux/amd64   a   AS   b\nCOPY  --from=b   --chown=1:1  x  y /z\nEXPOSE 80\t443\n"
     "HEALTHCHECK  --interval=5s   CMD   curl  -f x\nENV  a=1    b=\"x  y\"\nARG  c   d=2\n",
     "FROM --platform=linux/amd64 a AS b\nCOPY --from=b --chown=1:1 x y /z\nEXPOSE 80 443\n"
     "HEALTHCHECK --interval=5s CMD curl  -f x\nENV a=1 b=\"x  y\"\nARG c d=2\n"),
    ("legacy ENV keeps the spaces of its value", "FROM a\nENV  k   v  w\n", "FROM a\nENV k v  w\n"),
    ("JSON spacing", "FROM a\nCMD [ \"a\" ,\"b\",  \"c  d\"]\nVOLUME [ ]\nCOPY [\"x\",\"y\"]\n",
     "FROM a\nCMD [\"a\", \"b\", \"c  d\"]\nVOLUME []\nCOPY [\"x\", \"y\"]\n"),
    ("continuations indented, escape after one space",
     "FROM a\nRUN apt-get update &&\\\n  apt-get install -y    \\\n      curl \\   \n  git\n",
     "FROM a\nRUN apt-get update && \\\n    apt-get install -y \\\n        curl \\\n    git\n"),
    ("a file indented with tabs stays so, depth kept",
     "FROM a\nRUN set -eux; \\\n\tfoo \\\n\t\tbar; \\\n\t\\\n\tbaz\n",
     "FROM a\nRUN set -eux; \\\n\tfoo \\\n\t\tbar; \\\n\t\\\n\tbaz\n"),
    ("a comment in a continuation goes with the code below it",
     "FROM a\nRUN x \\\n# one\n      && y \\\n  # two\n  && z\n",
     "FROM a\nRUN x \\\n        # one\n        && y \\\n    # two\n    && z\n"),
    ("an unknown instruction keeps its text", "from a\nrun  b\ngit  clone x\n", "FROM a\nRUN b\ngit  clone x\n"),
    ("a file that is mostly not instructions is left alone", "# Title\n\n\nUse  the image\nrun  it\n",
     "# Title\n\n\nUse  the image\nrun  it\n"),
    ("a lone carriage return on the last line is a blank line", "FROM alpine\n\n\r", "FROM alpine\n"),
    ("a line break inside quotes is left alone", "FROM a\nRUN echo \"a \\\n   b\" \\\n  c\n",
     "FROM a\nRUN echo \"a \\\n   b\" \\\n    c\n"),
    ("a line break inside a word is left alone", "FROM a\nRUN foo\\\nbar \\\nbaz\n",
     "FROM a\nRUN foo\\\nbar \\\n    baz\n"),
    ("a line break in ${...} or a flag is left alone",
     "FROM a\nRUN echo ${X:-a \\\n b} \\\n c\nRUN --mount=type=cache,\\\ntarget=/x y\n",
     "FROM a\nRUN echo ${X:-a \\\n b} \\\n    c\nRUN --mount=type=cache,\\\ntarget=/x y\n"),
    ("comments inside a continuation follow the indentation", "FROM a\nRUN a \\\n# one   \n  && b\n",
     "FROM a\nRUN a \\\n    # one\n    && b\n"),
    ("trailing whitespace removed, heredoc bodies untouched",
     "FROM a  \nRUN <<EOF  \n  body \t \n\tx\n\nEOF\nCOPY <<-A <<B /x \nA  \n\tA\nB \nB\n",
     "FROM a\nRUN <<EOF\n  body \t \n\tx\n\nEOF\nCOPY <<-A <<B /x\nA  \n\tA\nB \nB\n"),
    ("comments kept; indented comments move to the margin below the first instruction",
     "# top  \nFROM a\n   # indented \t\nRUN b\n", "# top\nFROM a\n# indented\nRUN b\n"),
    ("an indented comment up top stays: it must not turn into a directive", "  # escape=`\nFROM a\n",
     "  # escape=`\nFROM a\n"),
    ("blank lines collapsed, trailing ones dropped", "FROM a\n\n\n \t\nRUN b\n\n\n", "FROM a\n\nRUN b\n"),
    ("a leading blank line before a comment stays (no directive appears)", "\n\n# escape=`\nFROM a\n",
     "\n# escape=`\nFROM a\n"),
    ("leading blank lines before an instruction go", "\n\nFROM a\n", "FROM a\n"),
    ("final newline added", "FROM a\nRUN b  ", "FROM a\nRUN b\n"),
    ("final newline after a heredoc terminator", "FROM a\nRUN <<EOF\nx\nEOF", "FROM a\nRUN <<EOF\nx\nEOF\n"),
    ("CRLF stays CRLF", "from a\r\nrun b  \\\r\n  c  \r\n\r\n\r\nCMD [ \"x\" ]",
     "FROM a\r\nRUN b \\\r\n    c\r\n\r\nCMD [\"x\"]\r\n"),
    ("mixed endings: each line keeps its own", "from a\nrun b \\\r\nc\r\n\n", "FROM a\nRUN b \\\r\n    c\r\n"),
    ("escape directive: backtick continues, backslash does not",
     "# escape=`\nfrom a\nrun echo a `\n  b\nRUN x\\\n",
     "# escape=`\nFROM a\nRUN echo a `\n  b\nRUN x\\\n"),
    ("a non-POSIX SHELL: its commands' whitespace is not ours",
     "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN a \\\n  b\n", "FROM a\nSHELL [\"pwsh\", \"-c\"]\nRUN a \\\n  b\n"),
    ("bash is POSIX enough", "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN a \\\n  b\n",
     "FROM a\nSHELL [\"/bin/bash\", \"-c\"]\nRUN a \\\n    b\n"),
    ("a file BuildKit rejects is not touched", "from a\nenv x\nrun  b\n", "from a\nenv x\nrun  b\n"),
    ("already formatted", "FROM a AS b\n\nRUN x \\\n    y\nCMD [\"a\", \"b\"]\n",
     "FROM a AS b\n\nRUN x \\\n    y\nCMD [\"a\", \"b\"]\n"),
]


def _same_buildkit_parse(before: str, after: str) -> None:
    """BuildKit's view is unchanged: shell-form commands may differ only in blanks the shell splits on."""
    a, b = document(parse(before)), document(parse(after))
    assert ("errors" in a) == ("errors" in b)
    if "errors" in a:
        assert before == after
        return
    assert len(a["instructions"]) == len(b["instructions"])
    for x, y in zip(a["instructions"], b["instructions"]):
        for key in ("json", "flags", "heredocs"):
            assert x[key] == y[key], (key, x, y)
        assert (x["cmd"].lower(), str(x["sub_cmd"]).lower()) == (y["cmd"].lower(), str(y["sub_cmd"]).lower())
        if x["cmd"].lower() == "from":
            assert [v.lower() for v in x["value"]] == [v.lower() for v in y["value"]]
        elif x["value"] != y["value"]:
            assert not x["json"] and len(x["value"]) == len(y["value"])
            for v, w in zip(x["value"], y["value"]):
                assert shlex.split(v) == shlex.split(w), (v, w)


@pytest.mark.parametrize("name, source, formatted", CASES, ids=[c[0] for c in CASES])
def test_format(name: str, source: str, formatted: str) -> None:
    out = format_text(source)
    assert out == formatted
    assert format_text(out) == out
    _same_buildkit_parse(source, out)


OPTION_CASES = [
    ("spaces asked for", FormatOptions(tabs=False), "FROM a\nRUN b \\\n\tc \\\n\t\td\n", "FROM a\nRUN b \\\n    c \\\n        d\n"),
    ("tabs asked for", FormatOptions(tabs=True), "FROM a\nRUN b \\\n  c \\\n      d\n", "FROM a\nRUN b \\\n\tc \\\n\t\td\n"),
    ("indent 2", FormatOptions(indent=2), "FROM a\nRUN b \\\n c \\\n     d\n", "FROM a\nRUN b \\\n  c \\\n      d\n"),
    ("lower case", FormatOptions(uppercase=False), "FROM a AS b\nRUN c\n", "from a as b\nrun c\n"),
    ("no blank lines", FormatOptions(max_blank_lines=0), "FROM a\n\nRUN b\n", "FROM a\nRUN b\n"),
    ("two blank lines", FormatOptions(max_blank_lines=2), "FROM a\n\n\n\n\nRUN b\n", "FROM a\n\n\nRUN b\n"),
]


@pytest.mark.parametrize("name, options, source, formatted", OPTION_CASES, ids=[c[0] for c in OPTION_CASES])
def test_options(name: str, options: FormatOptions, source: str, formatted: str) -> None:
    out = format_text(source, options=options)
    assert out == formatted
    assert format_text(out, options=options) == out


def test_edits_are_minimal() -> None:
    assert format_edits("from a\nRUN  b\n") == [Edit(0, 4, "FROM"), Edit(10, 12, " ")]
    assert format_edits("FROM a\n") == []


def test_touching_edits_are_joined() -> None:
    assert format_edits("FROM a\nRUN b  ") == [Edit(12, 14, "\n")]


def test_bom_round_trip() -> None:
    data = b"\xef\xbb\xbffrom a\r\nRUN b \t\r\n"
    source = decode(data)
    assert source.encode(format_text(source.text)) == b"\xef\xbb\xbfFROM a\r\nRUN b\r\n"


def test_an_instruction_whose_parse_would_change_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    real = formatter._Formatter._case

    def wrong(self: formatter._Formatter, word, edits: list[Edit]) -> None:  # a bug: misspells RUN
        real(self, word, edits)
        if word.text.lower() == "run":
            edits.append(Edit(word.span.end - 1, word.span.end, "M"))

    monkeypatch.setattr(formatter._Formatter, "_case", wrong)
    assert format_text("from a\nrun  b\ncmd  c\n") == "FROM a\nrun  b\nCMD c\n"


def test_nothing_is_formatted_when_instructions_appear(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formatter._Formatter, "_outside", lambda self: [Edit(0, 0, "RUN x\n")])
    assert format_text("from a\n") == "from a\n"


def test_format_range_takes_whole_instructions() -> None:
    source = "from a\nrun b \\\n  c\ncmd  d\n"
    assert format_range(source, 9, 10) == [Edit(7, 10, "RUN"), Edit(15, 17, "    ")]
    assert format_range(source, 0, len(source)) == format_edits(source)


@pytest.mark.parametrize("source, offset, edits", [
    ("FROM a\nrun b  \n", 15, [Edit(7, 10, "RUN"), Edit(12, 14, "")]),  # the finished line is formatted
    ("FROM a\nRUN b \\\n", 15, [Edit(15, 15, "    ")]),  # a continuation is indented
    ("FROM a\nRUN b \\\n  c \\\n", 21, [Edit(15, 17, "    "), Edit(21, 21, "    ")]),  # as deep as the line before
    ("FROM a\nRUN b \\\n    c \\\n        d \\\n", 35, [Edit(35, 35, "        ")]),
    ("FROM a\nRUN b \\\n    c", 15, []),  # already right
    ("FROM a\n", 0, []),
])
def test_format_on_type_newline(source: str, offset: int, edits: list[Edit]) -> None:
    assert format_on_type(source, offset, "\n") == edits


def test_format_on_type_ignores_other_characters() -> None:
    assert format_on_type("from a\n", 3, "m") == []


# The corpus: tests/fix/test_oracle.py formats every file and checks BuildKit's view, the
# shell's words, the indentation character and the fixed point.


def test_what_is_left_alone_is_said() -> None:
    from dockerlint.formatter import format_file

    assert format_file("FROM a\ngit clone x\n").notes == ["line 2: `git` is not an instruction: left as it is"]
    [note] = format_file("from a\nenv x\n").notes
    assert note.startswith("line 2: ") and note.endswith(": the file is left as it is")


def test_binary_files_are_left_alone() -> None:
    from dockerlint.files import decode
    from dockerlint.formatter import format_text

    for data in (b"from a\x00\nrun  x\n", b"from a\nrun  \xff\xfe x\n"):
        source = decode(data)
        assert format_text(source.text) == source.text
