"""Properties that hold for any input: the parser never raises, every range lies in the text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockerlint.syntax import nodes
from dockerlint.syntax.parser import parse
from dockerlint.syntax.span import Span

DOCKERISH = st.text(alphabet=st.sampled_from(list("FROMRUNCOPYENVARGLABELONBUILD aAs=\"'[]{},$-\\`#<\n\r\t:/.é😀")),
                    max_size=300)


def spans(value: object):
    if isinstance(value, Span):
        yield value
    elif isinstance(value, nodes.Node):
        for name in value._fields:
            if name != "source":
                yield from spans(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from spans(item)


def check(source: str) -> None:
    df = parse(source)
    for span in spans(df):
        assert 0 <= span.start <= span.end <= len(source), (span, len(source))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text(source: str) -> None:
    check(source)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCKERISH)
def test_dockerfile_like_text(source: str) -> None:
    check(source)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    check(data.decode("utf-8", "surrogateescape"))


def test_huge_continuation_and_deep_nesting() -> None:
    check("RUN a \\\n" + "  b \\\n" * 100_000 + "  c\n")
    check("FROM x\nENV A=" + "${B:-" * 20_000 + "}" * 20_000 + "\n")
    check("FROM x\nRUN " + "[" * 50_000 + "\n")
    check("FROM x\nCMD " + "[" * 50_000 + "]" * 50_000 + "\n")
