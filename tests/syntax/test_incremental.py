"""Incremental re-parse: the result must equal a parse from scratch, and reuse what it can."""
from __future__ import annotations

import pytest

from dockerlint.syntax.incremental import reparse
from dockerlint.syntax.parser import parse
from dockerlint.syntax.span import _RECENT, _line_starts, line_starts
from tests.random_edits import sessions

BASE = (
    "# syntax=docker/dockerfile:1\n"
    "FROM alpine:3.20 AS build\n"
    "ARG V=1\n"
    "RUN apk add --no-cache curl \\\n"
    "    && echo $V\n"
    "# a comment\n"
    "COPY <<EOF /etc/motd\n"
    "hello\n"
    "EOF\n"
    "\n"
    "FROM build\n"
    "ONBUILD RUN echo hi\n"
    "CMD [\"sh\"]\n"
)


def _replace(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize("new", [
    _replace(BASE, "echo $V\n", "echo $V $V\n"),                       # typing inside a continued RUN
    _replace(BASE, "curl \\\n", "curl\n"),                             # a continuation removed: two instructions
    _replace(BASE, "ARG V=1\n", "ARG V=1 \\\n"),                       # one added: ARG swallows the RUN line
    _replace(BASE, "hello\nEOF\n", "hello\n"),                         # heredoc left open: it runs to the end
    _replace(BASE, "COPY <<EOF", "COPY <<END"),                       # another delimiter
    _replace(BASE, "CMD [\"sh\"]\n", ""),                              # the last instruction deleted
    _replace(BASE, "CMD [\"sh\"]\n", "CMD [\"sh\"]\n\\"),              # a lone continuation at the end
    BASE + "RUN a\n",                                                  # appended
    _replace(BASE, "# a comment\n", "# a \\\n"),                       # inside a comment line
    _replace(BASE, "FROM build\n", "FROM build AS final\n"),          # a FROM line
    _replace(BASE, "ONBUILD RUN", "ONBUILD  RUN"),                    # inside an ONBUILD
    _replace(BASE, "# syntax=docker/dockerfile:1\n", "# escape=`\n"),  # a directive: whole re-parse
    _replace(BASE, "FROM alpine:3.20 AS build\n", "# escape=`\nFROM alpine:3.20 AS build\n"),
    BASE.replace("\n", "\r\n"),                                        # every line ending changed
    "\ufeff" + BASE,                                                   # a byte-order mark
    "",                                                                # everything deleted
    _replace(BASE, "ARG V=1\n", "ARG V=1\n" * 3),                      # lines inserted
])
def test_reparse_equals_parse(new: str) -> None:
    assert reparse(parse(BASE), new) == parse(new)


def test_instructions_before_the_edit_are_kept_and_after_it_moved() -> None:
    old = parse(BASE)
    new_text = _replace(BASE, "# a comment\n", "# a longer comment\n")
    new = reparse(old, new_text)
    assert new == parse(new_text)
    assert all(a is b for a, b in zip(new.instructions[:2], old.instructions[:2]))  # FROM, ARG: before the RUN re-lexed
    moved = new.instructions[-1]
    assert moved is not old.instructions[-1]
    assert moved.span.start == old.instructions[-1].span.start + len("longer ")


def test_an_unchanged_text_returns_the_same_parse() -> None:
    old = parse(BASE)
    assert reparse(old, BASE) is old


def test_random_edits_of_real_dockerfiles() -> None:
    """Edits that join, split, open and close instructions, on 200 corpus files, each parse
    built from the previous one's, as an editor does."""
    checked = 0
    for path, versions in sessions(seed=20261126, files=200, edits=12):
        df = parse(versions[0])
        for text in versions[1:]:
            df = reparse(df, text)
            assert df == parse(text), (path, text)
            # the line starts it derived from the previous version's, shared with other users of the text
            assert line_starts(text) == _line_starts(text), (path, text)
            checked += 1
    assert checked == 2400


def test_line_starts_are_derived_from_the_previous_version() -> None:
    old = parse(BASE)
    line_starts(BASE)
    new_text = _replace(BASE, "ARG V=1\n", "ARG V=1\nARG W=2\n\n")
    reparse(old, new_text)
    assert _RECENT[id(new_text)] == (new_text, _line_starts(new_text))


def test_moved_from_keeps_its_words_shared() -> None:
    """FROM's image, AS and stage name are also items of its args; a moved copy keeps them so."""
    new = reparse(parse(BASE), BASE.replace("ARG V=1\n", "ARG V=12\n"))
    moved = new.instructions[-3]
    assert moved.image is moved.args[0] and moved.span.start > parse(BASE).instructions[-3].span.start
    first_stage = reparse(parse(BASE + "FROM a AS b\n"), (BASE + "FROM a AS b\n").replace("V=1", "V=10")).instructions[-1]
    assert (first_stage.image, first_stage.as_keyword, first_stage.stage_name) == tuple(first_stage.args)
    assert all(a is b for a, b in zip((first_stage.image, first_stage.as_keyword, first_stage.stage_name),
                                      first_stage.args))
