from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockerlint.shell import parse_script

# shell-ish alphabet, so the generator reaches the interesting states often
SHELLISH = st.lists(
    st.sampled_from(list("ab =$(){}[]<>|&;'\"`\\\n\t#!*?~-") + ["if ", "then ", "fi", "case ", " in ",
                             "esac", ";;", "<<EOF\n", "EOF\n", "$((", "${", "sh -c ", "do ", "done", "for "]),
    max_size=40,
).map("".join)


def _check(text: str) -> None:
    script = parse_script(text)
    n = len(text)
    for e in script.errors:
        assert 0 <= e.start <= e.end <= n
    for cmd in script.commands:
        assert 0 <= cmd.start <= cmd.end <= n
        for w in cmd.words + cmd.assignments:
            assert 0 <= w.start <= w.end <= n
            assert text[w.start:w.end] == w.text
            w.value  # noqa: B018 - must not raise
            w.expand({"a": "1"})
        cmd.name, cmd.args, cmd.has_flag("-y"), cmd.subcommand(), cmd.positional_args()  # noqa: B018
    for p in script.pipelines:
        assert 0 <= p.start <= p.end <= n
    script.pipefail_at(n)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_arbitrary_text_never_raises(text: str) -> None:
    _check(text)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SHELLISH)
def test_shellish_text_never_raises(text: str) -> None:
    _check(text)


def test_deep_nesting_never_raises() -> None:
    for text in ["$(" * 400, "(" * 400, "{ " * 400, "`" * 51, "sh -c '" * 50, '"$(' * 300 + "x",
                 "${" * 500, "if " * 300]:
        _check(text)
