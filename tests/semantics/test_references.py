"""Definitions and uses of stage names and ARG/ENV variables."""
from __future__ import annotations

import pytest

from dockerlint.semantics.model import Model
from dockerlint.semantics.references import References
from dockerlint.syntax.parser import parse
from dockerlint.syntax.span import LineIndex


def _index(src: str) -> References:
    return References(Model(parse(src)))


def occurrences(src: str, line: int, col: int) -> list[str]:
    """Every occurrence of the symbol at 1-based (line, col), as 'line:col-endcol' plus 'd' (definition) or 'u' (use)."""
    refs = _index(src)
    lines = LineIndex(src)
    occ = refs.at(lines.offset(line, col))
    if occ is None:
        return []
    out = []
    for o in refs.of(occ.symbol):
        a, b = lines.position(o.span.start), lines.position(o.span.end)
        assert src[o.span.start:o.span.end].replace("\\\n", "").lower() == refs.symbols[o.symbol].name.lower() or o.by_index
        out.append(f"{a.line}:{a.column}-{b.column}{'d' if o.definition else 'u'}")
    return out


STAGES = "FROM node:20 AS Build\nRUN make\nFROM build AS test\nCOPY --from=BUILD /a /b\n" \
         "RUN --mount=type=cache,target=/c,from=build ls\nCOPY --from=0 /x /y\nFROM alpine\nCOPY --from=test /t /t\n"


@pytest.mark.parametrize(("src", "line", "col", "expected"), [
    # a stage: defined by AS, used (case-insensitively) by FROM, COPY --from, a mount's from=, and by index
    (STAGES, 1, 18, ["1:17-22d", "3:6-11u", "4:13-18u", "5:39-44u", "6:13-14u"]),
    (STAGES, 4, 15, ["1:17-22d", "3:6-11u", "4:13-18u", "5:39-44u", "6:13-14u"]),
    (STAGES, 8, 14, ["3:15-19d", "8:13-17u"]),
    # an image that is not a stage is no symbol
    (STAGES, 7, 7, []),
    # heredoc delimiters: the marker defines, the terminator uses (quoted and `<<-` forms too)
    ("FROM a\nRUN <<-'END' cat <<EOF\nx\n\tEND\ny\nEOF\n", 2, 9, ["2:9-12d", "4:2-5u"]),
    ("FROM a\nRUN <<-'END' cat <<EOF\nx\n\tEND\ny\nEOF\n", 6, 2, ["2:20-23d", "6:1-4u"]),
    # a continuation inside the stage name's use: the span covers the name in the source
    ("FROM a AS build\nFROM b\nCOPY --from=bu\\\nild /a /b\n", 3, 13, ["1:11-16d", "3:13-4u"]),
])
def test_stage_and_heredoc_occurrences(src, line, col, expected):
    assert occurrences(src, line, col) == expected


VARS = (
    "ARG BASE=alpine\n"          # 1
    "ARG VER\n"                  # 2
    "FROM ${BASE}:$VER AS b\n"   # 3
    "ARG VER\n"                  # 4  redeclares the global
    "ENV APP=/app PATH=$APP\n"   # 5  $APP here is not the ENV of this line (BuildKit expands before)
    "RUN echo $APP ${VER:-1} $HOME '$APP'\n"  # 6  $HOME is the shell's; '$APP' is quoted
    "CMD echo $APP $VER\n"       # 7  runtime: ENV only, the ARG is gone
    "COPY <<EOF /f\n$APP\nEOF\n"  # 8-10
    "FROM b\n"                   # 11
    "RUN echo $APP\n"            # 12 inherited ENV
    "ENV APP=$APP:x\n"           # 13 sets it again
)


@pytest.mark.parametrize(("line", "col", "expected"), [
    (1, 5, ["1:5-9d", "3:8-12u"]),
    (3, 15, ["2:5-8d", "3:15-18u", "4:5-8d", "6:17-20u"]),
    (5, 5, ["5:5-8d", "6:11-14u", "7:11-14u", "9:2-5u", "12:11-14u", "13:5-8d", "13:10-13u"]),
    (12, 12, ["5:5-8d", "6:11-14u", "7:11-14u", "9:2-5u", "12:11-14u", "13:5-8d", "13:10-13u"]),
    (5, 20, ["5:20-23u"]),  # undefined at that point: its own symbol
    (6, 26, []),  # $HOME: the shell's own variable
    (6, 32, []),  # in single quotes
    (7, 17, []),  # an ARG in CMD: gone at run time
])
def test_variable_occurrences(line, col, expected):
    assert occurrences(VARS, line, col) == expected


@pytest.mark.parametrize(("src", "line", "col", "expected"), [
    # a heredoc body that is the RUN's script counts even with a quoted delimiter ...
    ("FROM a\nARG V=1\nRUN <<'EOF'\necho $V\nEOF\n", 2, 5, ["2:5-6d", "4:7-8u"]),
    # ... but not a quoted body fed to another program
    ("FROM a\nARG V=1\nRUN python <<'EOF'\nprint('$V')\nEOF\n", 2, 5, ["2:5-6d"]),
    # the escape directive: a backtick continuation
    ("# escape=`\nFROM a\nARG V=1\nRUN echo `\n  $V\n", 3, 5, ["3:5-6d", "5:4-5u"]),
    # CRLF and non-ASCII text before the use
    ("FROM a\r\nENV 名=1 V=2\r\nLABEL x=\"😀 $V\"\r\n", 2, 9, ["2:9-10d", "3:13-14u"]),
    # BuildKit's platform ARGs are one symbol with no definition
    ("FROM --platform=$BUILDPLATFORM a\nFROM --platform=$BUILDPLATFORM b\n", 1, 18, ["1:18-31u", "2:18-31u"]),
])
def test_variable_edge_cases(src, line, col, expected):
    assert occurrences(src, line, col) == expected


@pytest.mark.parametrize(("src", "line", "col", "new", "problem"), [
    (STAGES, 1, 18, "compile", None),
    (STAGES, 1, 18, "1st", "not a valid stage name"),
    (STAGES, 1, 18, "TEST", "already exists"),
    (STAGES, 1, 18, "scratch", "reserved"),
    (VARS, 1, 5, "IMAGE", None),
    (VARS, 1, 5, "my-var", "not a valid variable name"),
    ("FROM --platform=$BUILDPLATFORM a\n", 1, 18, "X", "set by BuildKit"),
    ("FROM a\nRUN <<EOF\nx\nEOF\n", 2, 7, "SCRIPT", None),
    ("FROM a\nRUN <<EOF\nx\nEOF\n", 2, 7, "A B", "not a valid heredoc delimiter"),
])
def test_check_rename(src, line, col, new, problem):
    refs = _index(src)
    occ = refs.at(LineIndex(src).offset(line, col))
    result = refs.check_rename(occ.symbol, new)
    assert (result is None) if problem is None else (problem in result)


def test_empty_and_garbage_documents():
    assert _index("").occurrences == []
    assert _index("\x00\xff RUN $\nFROM ${\n").at(0) is None
