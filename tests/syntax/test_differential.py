"""Differential test: random Dockerfile-like text parses exactly as BuildKit's own Go parser.

The `dockerfile` package wraps BuildKit v0.12.5's parser (the same reference as the corpus).
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockerlint.syntax.buildkit import document
from dockerlint.syntax.parser import parse

dockerfile = pytest.importorskip("dockerfile")

KEYWORDS = ["FROM", "RUN", "CMD", "ENV", "LABEL", "ARG", "COPY", "ADD", "ONBUILD", "HEALTHCHECK", "SHELL",
            "USER", "WORKDIR", "EXPOSE", "VOLUME", "MAINTAINER", "STOPSIGNAL", "ENTRYPOINT", "from", "run",
            "Foo", "#", "# escape=`", "# syntax=x", ""]
# No `# check=` directive: BuildKit v0.12.5 predates it (a plain comment there), and we follow
# today's BuildKit, where it is a directive (tests/syntax/test_parser.py covers it).
PIECES = [" ", "  ", "\t", "a", "b=c", '"x y"', "'q'", "\\", "`", "\\\n", "`\n", "\n", "\r\n", "[", "]",
          '"s"', ",", "--mount=type=cache", "--from=x", "--", "=", "$V", "${V:-x}", "<<EOF", "<<-EOF", "EOF",
          "\tEOF", "<<'E'", "E", "AS", "as", "CMD", "NONE", "#c", "\\\\", '["a","b"]', "[1]", "é", "\x0b",
          "<<EOF cat", "2<<X", "X", "# c\n", "  # c\n"]

line = st.builds(lambda k, ps: k + "".join(ps), st.sampled_from(KEYWORDS), st.lists(st.sampled_from(PIECES), max_size=7))
text = st.builds(lambda ls, nl, end: nl.join(ls) + end,
                 st.lists(line, min_size=1, max_size=9), st.sampled_from(["\n", "\r\n"]), st.sampled_from(["", "\n"]))


def reference(source: str) -> dict | None:
    try:
        return {"instructions": [
            {"cmd": c.cmd, "sub_cmd": c.sub_cmd, "json": c.json, "flags": list(c.flags), "value": list(c.value),
             "start_line": c.start_line, "end_line": c.end_line,
             "heredocs": [{"name": h.name, "content": h.content} for h in c.heredocs]}
            for c in dockerfile.parse_string(source)]}
    except dockerfile.GoParseError as err:
        return {"error": str(err)}


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text)
def test_matches_buildkit(source: str) -> None:
    expected = reference(source)
    got = document(parse(source))
    if "error" in expected:
        assert "errors" in got, expected["error"]
    else:
        assert got == expected
