from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dockerlint.semantics.expand import (
    Expansion,
    ExpansionError,
    VarRef,
    expand,
    expand_words,
    find_refs,
)
from tests.bounded import run_python

ENV = {"V": "hello.tar.gz", "E": "", "A": "a b  c", "PWD": "/home", "KOREAN": "한국어"}


# (source, expected value, expected unresolved)
VALUE_CASES: list[tuple[str, str, tuple[str, ...]]] = [
    ("plain", "plain", ()),
    ("$V", "hello.tar.gz", ()),
    ("${V}", "hello.tar.gz", ()),
    ("x${V}y", "xhello.tar.gzy", ()),
    ("$V.x", "hello.tar.gz.x", ()),
    ("$U", "", ("U",)),
    ("${U}", "", ("U",)),
    # defaults
    ("${U:-d}", "d", ("U",)),
    ("${E:-d}", "d", ()),
    ("${V:-d}", "hello.tar.gz", ()),
    ("${U-d}", "d", ("U",)),
    ("${E-d}", "", ()),
    ("${U:-}", "", ("U",)),
    # alternatives
    ("${V:+alt}", "alt", ()),
    ("${E:+alt}", "", ()),
    ("${U:+alt}", "", ("U",)),
    ("${V+alt}", "alt", ()),
    ("${E+alt}", "alt", ()),
    ("${U+alt}", "", ("U",)),
    # required, when satisfied
    ("${V:?msg}", "hello.tar.gz", ()),
    ("${V?msg}", "hello.tar.gz", ()),
    ("${E?msg}", "", ()),
    # prefix / suffix removal
    ("${V#*.}", "tar.gz", ()),
    ("${V##*.}", "gz", ()),
    ("${V%.*}", "hello.tar", ()),
    ("${V%%.*}", "hello", ()),
    ("${V#nomatch}", "hello.tar.gz", ()),
    ("${V#}", "hello.tar.gz", ()),
    ("${V##}", "hello.tar.gz", ()),
    ("${V%}", "hello.tar.gz", ()),
    ("${V#?}", "ello.tar.gz", ()),
    ("${V%??}", "hello.tar.", ()),
    ("${V#h*l}", "lo.tar.gz", ()),
    ("${V##h*l}", "o.tar.gz", ()),
    ("${U#x}", "", ("U",)),
    # replacement
    ("${V/l/L}", "heLlo.tar.gz", ()),
    ("${V//l/L}", "heLLo.tar.gz", ()),
    ("${V/.*/}", "hello", ()),  # greedy: longest match at the leftmost position
    ("${V//./_}", "hello_tar_gz", ()),
    ("${V/#/x}", "hello.tar.gz", ()),  # '#' anchoring is not supported: literal '#'
    ("${V///}", "hello.tar.gz", ()),
    ("${V///-}", "-h-e-l-l-o-.-t-a-r-.-g-z-", ()),
    ("${V//*/x}", "x", ()),  # no extra empty match after a match (Go ReplaceAll)
    ("${E//*/x}", "x", ()),
    ("${V/[h]/x}", "hello.tar.gz", ()),  # BuildKit has no bracket expressions
    # escapes
    ("\\$V", "$V", ()),
    ("\\${V}", "${V}", ()),
    ("a\\ b", "a b", ()),
    ("trailing\\", "trailing", ()),
    ("\\\\$V", "\\hello.tar.gz", ()),
    # quotes
    ("'$V'", "$V", ()),
    ("'${V:-x}'", "${V:-x}", ()),
    ('"$V"', "hello.tar.gz", ()),
    ('"${V}"', "hello.tar.gz", ()),
    ('"a\\"b"', 'a"b', ()),
    ('"a\\$V"', "a$V", ()),
    ('"a\\xb"', "a\\xb", ()),  # inside "..." only \" \$ \\ are escapes
    ('"a\\\\b"', "a\\b", ()),
    ("\"'$V'\"", "'hello.tar.gz'", ()),
    ("'\"$V\"'", '"$V"', ()),
    ("x'a b'\"c d\"", "xa bc d", ()),
    # special / odd dollars
    ("$", "$", ()),
    ("a$", "a$", ()),
    ("$ x", "$ x", ()),
    ("$.", "$.", ()),
    ("$$", "", ("$",)),  # $$ is the special parameter "$" (unset in a build)
    ("$1", "", ("1",)),
    ("$12x", "x", ("12",)),
    ("$@", "", ("@",)),
    # unicode names / values
    ("$KOREAN", "한국어", ()),
    ("${KOREAN:0}", "", ()),  # unsupported ':0' modifier -> error, value empty
    ("$é", "", ("é",)),
    ("${日本}", "", ("日本",)),
    ("$V²", "hello.tar.gz²", ()),  # superscript two is not an Nd digit
    # nested defaults
    ("${U:-$V}", "hello.tar.gz", ("U",)),
    ("${U:-${W:-${V}}}", "hello.tar.gz", ("U", "W")),
    ("${U:-'$V'}", "$V", ("U",)),
    ('${U:-"}"}', "}", ("U",)),
    ("${U:-a\\}b}", "a}b", ("U",)),
    ("${V:-$U}", "hello.tar.gz", ("U",)),  # operands are always expanded (BuildKit)
    # multi-var
    ("$PWD/${V%%.*}", "/home/hello", ()),
    ("${A}", "a b  c", ()),
]


@pytest.mark.parametrize(("source", "value", "unresolved"), VALUE_CASES)
def test_expand_values(source: str, value: str, unresolved: tuple[str, ...]) -> None:
    result = expand(source, ENV)
    assert result.value == value
    assert result.unresolved == unresolved
    if source not in {"${KOREAN:0}"}:
        assert result.errors == ()


# Behaviour pinned by BuildKit's own TestProcessWithMatches.
BUILDKIT_CASES: list[tuple[str, dict[str, str], str | None]] = [
    ("x ${UNUSED}", {"DUMMY": "dummy"}, "x "),
    ("${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", {"FOO": "xxx", "BAR": ""}, "xxx  ccc"),
    ("${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", {"FOO": "xxx", "BAR": ""}, "xxx bbb ccc"),
    ("${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", {"FOO": "xxx", "BAR": ""}, "aaa bbb "),
    ("${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", {"FOO": "xxx", "BAR": ""}, "aaa  "),
    ("${BAR?bbb}", {"FOO": "xxx", "BAR": ""}, ""),
    ("${BAZ?ccc}", {"FOO": "xxx", "BAR": ""}, None),
    ("${BAR:?bbb}", {"FOO": "xxx", "BAR": ""}, None),
    ("${BAZ:?}", {}, None),
    ("${FOO=aaa}", {"FOO": "xxx"}, None),
    ("${FOO=:aaa}", {"FOO": "xxx"}, None),
    ("${FOO=}", {}, None),
    ("${FOO#()[]{\\}^$.\\*\\?|\\\\}", {"FOO": "()[]{}^$.*?|\\x"}, "x"),
    ("${FOO%%\\**}", {"FOO": "xx**"}, "xx"),
    ("${FOO#*x*y}", {"FOO": "xxyy"}, "y"),
    ("${FOO#*}", {"FOO": "xxyy"}, "xxyy"),
    ("${FOO#$BAR}", {"FOO": "xxyy", "BAR": "x"}, "xyy"),
    ("${FOO#$BAR}", {"FOO": "xxyy", "BAR": ""}, "xxyy"),
    ("${FOO##*x}", {"FOO": "xxyy"}, "yy"),
    ("${FOO#?\\?}", {"FOO": "???y"}, "?y"),
    ("${ABC:-.}${FOO%x}${ABC:-.}", {"FOO": "xxyy"}, ".xxyy."),
    ("${FOO%%\\**\\*}", {"FOO": "a***yy*"}, "a"),
    ("${FOO%%$BAR}", {"FOO": "xxyy", "BAR": ""}, "xxyy"),
    (
        "${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}",
        {"FOO": "/foo*/*/*.txt", "NEEDLE": "\\*/"},
        "/foo.*/*.txt - /foo..*.txt",
    ),
    (
        "${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}",
        {"FOO": "/tmp/tmp/bar.txt", "NEEDLE": "/tmp"},
        "/tmp/bar.txt - /bar.txt",
    ),
    (
        "${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
        {"FOO": "/a/foo/b/c.txt", "NEEDLE": "/?/", "REPLACEMENT": "/"},
        "/foo/b/c.txt - /foo/c.txt",
    ),
    (
        "${FOO/$NEEDLE/$REPLACEMENT}",
        {"FOO": "http://google.de", "NEEDLE": "http://", "REPLACEMENT": "https://"},
        "https://google.de",
    ),
    ("${FOO//\\//\\/}", {"FOO": "/tmp/foo.txt"}, "\\/tmp\\/foo.txt"),
    ("${FOO/$BAR/ww}", {"FOO": "xxyy", "BAR": ""}, "wwxxyy"),
    ("${FOO//ww}", {"FOO": "xxyy"}, None),
    ("${FOO//}", {"FOO": "xxyy"}, None),
    ("${FOO///}", {"FOO": "xxyy"}, "xxyy"),
    ("${FOO///}", {}, ""),
    (
        "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz",
        {"VERSION": "v1.2.3", "TARGETOS": "linux", "TARGETARCH": "arm", "TARGETVARIANT": "v7"},
        "something-v1.2.3.linux-arm-v7.tar.gz",
    ),
    (
        "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz",
        {"VERSION": "v1.2.3", "TARGETOS": "linux", "TARGETARCH": "arm64"},
        "something-v1.2.3.linux-arm64.tar.gz",
    ),
    ("${VAR:?message here$ARG}", {"VAR": "", "ARG": "x"}, None),
    ("${VAR?message here$ARG}", {"VAR": "", "ARG": "x"}, ""),
]


@pytest.mark.parametrize(("source", "env", "expected"), BUILDKIT_CASES)
def test_buildkit_conformance(source: str, env: dict[str, str], expected: str | None) -> None:
    result = expand(source, env)
    if expected is None:
        assert result.errors, result
    else:
        assert result.errors == ()
        assert result.value == expected


def test_required_message_is_expanded() -> None:
    result = expand("${VAR:?message here$ARG}", {"ARG": "x"})
    assert result.errors == ("VAR: message herex",)
    assert result.value == ""
    assert expand("${VAR?}", {}).errors == ("VAR: is not allowed to be unset",)
    assert expand("${VAR:?}", {"VAR": ""}).errors == ("VAR: is not allowed to be empty",)


def test_strict_raises_with_result() -> None:
    with pytest.raises(ExpansionError) as info:
        expand("${VAR:?boom}", {}, strict=True)
    assert str(info.value) == "VAR: boom"
    assert isinstance(info.value.expansion, Expansion)
    assert expand("${VAR:-ok}", {}, strict=True).value == "ok"


MALFORMED = [
    ("${", "missing '}'"),
    ("${V", "missing '}'"),
    ("${V:", "missing '}'"),
    ("${V:-abc", "missing '}'"),
    ("${}", "bad substitution"),
    ("${:-x}", "bad substitution"),
    ("${{V}}", "bad substitution"),
    ("${V!}", "unsupported modifier"),
    ("${V x}", "unsupported modifier"),
    ("${V:x}", "unsupported modifier"),
    ("${V/a}", "missing '/'"),
    ("${V/a/b", "missing '}'"),
    ("'abc", "single-quote"),
    ('"abc', "double-quote"),
    ("${V#\\x}", "invalid escape"),
    ("${V#\\$}", "invalid escape"),  # escapes survive into the pattern (rawEscapes)
]


@pytest.mark.parametrize(("source", "fragment"), MALFORMED)
def test_malformed_reports_error(source: str, fragment: str) -> None:
    result = expand(source, ENV)
    assert result.errors, source
    assert any(fragment in e for e in result.errors), result.errors
    for start, end in result.error_spans:
        assert 0 <= start <= end <= len(source)


def test_best_effort_values_after_errors() -> None:
    assert expand("'abc", {}).value == "abc"
    assert expand('"a$V', {"V": "1"}).value == "a1"
    assert expand("${:-x}tail", {}).value == "tail"


def test_backtick_escape() -> None:
    assert expand("`$V", ENV, escape="`").value == "$V"
    assert expand("\\$V", ENV, escape="`").value == "\\hello.tar.gz"
    assert expand('"a`"b"', ENV, escape="`").value == 'a"b'
    assert expand("C:\\path\\$V", ENV, escape="`").value == "C:\\path\\hello.tar.gz"
    assert find_refs("`$V $W", escape="`") == [VarRef("W", 4, 6, 5, 6)]


def test_invalid_escape_argument() -> None:
    with pytest.raises(ValueError):
        expand("x", {}, escape="")


def test_deep_nesting_does_not_recurse() -> None:
    depth = 10_000
    text = "${A:-" * depth + "leaf" + "}" * depth
    result = expand(text, {})
    assert result.value == "leaf"
    assert result.errors == ()
    assert len(result.refs) == depth
    assert result.unresolved == ("A",)
    # Unterminated at depth: still no exception.
    broken = expand("${A:-" * depth, {})
    assert broken.errors


def test_deep_nesting_in_quotes() -> None:
    depth = 3000
    text = '"${A:-' * depth + "x" + '}"' * depth
    assert expand(text, {}).value == "x"


# ---------------------------------------------------------------------------
# find_refs offsets
# ---------------------------------------------------------------------------

REF_CASES: list[tuple[str, list[VarRef]]] = [
    ("$V", [VarRef("V", 0, 2, 1, 2)]),
    ("${V}", [VarRef("V", 0, 4, 2, 3)]),
    ("a-$FOO_1/b", [VarRef("FOO_1", 2, 8, 3, 8)]),
    ("${V:-x}", [VarRef("V", 0, 7, 2, 3, ":-", "x")]),
    ("${V-}", [VarRef("V", 0, 5, 2, 3, "-", "")]),
    ("${V:+y}", [VarRef("V", 0, 7, 2, 3, ":+", "y")]),
    ("${V+y}", [VarRef("V", 0, 6, 2, 3, "+", "y")]),
    ("${V:?m}", [VarRef("V", 0, 7, 2, 3, ":?", "m")]),
    ("${V?m}", [VarRef("V", 0, 6, 2, 3, "?", "m")]),
    ("${V#p}", [VarRef("V", 0, 6, 2, 3, "#", "p")]),
    ("${V##p}", [VarRef("V", 0, 7, 2, 3, "##", "p")]),
    ("${V%p}", [VarRef("V", 0, 6, 2, 3, "%", "p")]),
    ("${V%%p}", [VarRef("V", 0, 7, 2, 3, "%%", "p")]),
    ("${V/p/r}", [VarRef("V", 0, 8, 2, 3, "/", "p/r")]),
    ("${V//p/r}", [VarRef("V", 0, 9, 2, 3, "//", "p/r")]),
    (
        "${A:-$B}",
        [VarRef("A", 0, 8, 2, 3, ":-", "$B"), VarRef("B", 5, 7, 6, 7)],
    ),
    (
        "${A:-${B:-c}}",
        [VarRef("A", 0, 13, 2, 3, ":-", "${B:-c}"), VarRef("B", 5, 12, 7, 8, ":-", "c")],
    ),
    ("'$A' $B", [VarRef("B", 5, 7, 6, 7)]),
    ('"$A" \'$B\'', [VarRef("A", 1, 3, 2, 3)]),
    ("\\$A $B", [VarRef("B", 4, 6, 5, 6)]),
    ("${A:-'$B'}", [VarRef("A", 0, 10, 2, 3, ":-", "'$B'")]),
    ("é=$ünï", [VarRef("ünï", 2, 6, 3, 6)]),
    ("$$", [VarRef("$", 0, 2, 1, 2)]),
    ("${V", [VarRef("V", 0, 3, 2, 3)]),  # unterminated: still useful while typing
    ("${", []),
    ("$", []),
    ("${:-x}", []),
]


@pytest.mark.parametrize(("source", "refs"), REF_CASES)
def test_find_refs(source: str, refs: list[VarRef]) -> None:
    found = find_refs(source)
    assert found == refs
    for ref in found:
        assert source[ref.name_start : ref.name_end] == ref.name


def test_refs_match_expand_refs() -> None:
    text = "${A:-${B}} $C '$D' \"$E\""
    assert tuple(find_refs(text)) == expand(text, {"A": "1"}).refs


def test_braced_property() -> None:
    plain, braced = find_refs("$A ${A}")
    assert not plain.braced
    assert braced.braced


# ---------------------------------------------------------------------------
# ProcessWords
# ---------------------------------------------------------------------------

WORDS_CASES: list[tuple[str, list[str]]] = [
    ("a b c", ["a", "b", "c"]),
    ("  a   b  ", ["a", "b"]),
    ("$A", ["a", "b", "c"]),  # expansions are split
    ('"$A"', ["a b  c"]),  # ... unless quoted
    ("'a b' c", ["a b", "c"]),
    ("a\\ b c", ["a b", "c"]),
    ("x$A", ["xa", "b", "c"]),
    ('""', []),
    ("'' x", ["x"]),
    ("8080/tcp ${PORT:-9090}", ["8080/tcp", "9090"]),
    ("a\tb\nc", ["a", "b", "c"]),
    ("", []),
]


@pytest.mark.parametrize(("source", "words"), WORDS_CASES)
def test_expand_words(source: str, words: list[str]) -> None:
    assert expand_words(source, ENV) == words
    assert list(expand(source, ENV).words) == words


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_SHELLISH = st.text(
    alphabet=st.sampled_from(list("${}:-+?#%/\\'\"` aAbB_1*[]\n\té한")),
    max_size=40,
)


def _check_invariants(text: str, result: Expansion) -> None:
    for ref in result.refs:
        assert 0 <= ref.start <= ref.name_start <= ref.name_end <= ref.end <= len(text)
        assert text[ref.start] == "$"
        assert text[ref.name_start : ref.name_end] == ref.name
        assert ref.name
    for start, end in result.error_spans:
        assert 0 <= start <= end <= len(text)
    assert len(result.errors) == len(result.error_spans)
    assert set(result.unresolved) <= {r.name for r in result.refs}


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.text(max_size=60), _SHELLISH), escape=st.sampled_from(["\\", "`"]))
def test_never_raises_and_offsets_in_bounds(text: str, escape: str) -> None:
    env = {"a": "x y", "A": "", "B": "*"}
    result = expand(text, env, escape=escape)
    _check_invariants(text, result)
    expand_words(text, env, escape=escape)
    assert tuple(find_refs(text, escape=escape)) == result.refs


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_characters="$'\"\\`"), max_size=40))
def test_text_without_specials_is_identity(text: str) -> None:
    result = expand(text, {})
    assert result.value == text
    assert result.refs == ()
    assert result.errors == ()


def _described(result: Expansion) -> tuple[object, ...]:
    return (result.value, result.unresolved, tuple(r._key() for r in result.refs), result.errors,
            result.error_spans, result.words)


_SCOPES = st.dictionaries(st.sampled_from(["A", "B", "C", "a"]), st.sampled_from(["", "x", "y z", "*", "$A"]),
                          max_size=4)


@settings(max_examples=300, deadline=None)
@given(text=_SHELLISH, scopes=st.lists(_SCOPES, min_size=1, max_size=6))
def test_remembered_expansions_equal_fresh_ones(text: str, scopes: list[dict[str, str]]) -> None:
    """A word expanded in scope after scope (as a re-lint does) gives each time what a fresh
    expansion in that scope gives: the memo is keyed by the values of what it looked up."""
    from dockerlint.semantics import expand as module

    for env in scopes:
        assert _described(expand(text, env)) == _described(module._expand(text, env, "\\")[0]), env


def test_a_default_s_variable_counts_only_when_the_default_is_taken() -> None:
    assert expand("${A:-$B}", {"A": "1", "B": "2"}).value == "1"
    assert expand("${A:-$B}", {"A": "1", "B": "3"}).value == "1"  # B was not looked up: same result
    assert expand("${A:-$B}", {"B": "3"}).value == "3"
    assert expand("${A:-$B}", {"B": "4"}).value == "4"
    assert expand("${A:-$B}", {}).unresolved == ("A", "B")


def test_a_failing_mapping_is_expanded_without_the_memo() -> None:
    class Broken(dict):
        def __getitem__(self, key: str) -> str:
            raise RuntimeError("no")

        def get(self, key: str, default: object = None) -> object:
            raise RuntimeError("no")

    assert expand("x$A", {"A": "1"}).value == "x1"
    assert expand("x$A", Broken(A="1")).value == "x"
    assert expand("x$A", {"A": "2"}).value == "x2"


def test_hostile_words_expand_in_linear_time_and_memory() -> None:
    # 50,000 nested defaults kept a copy of each operand (13 GB); `${V//*b/c}` tried every start
    # with a quadratic match (13 s on 20,000 characters); 32 self-doublings made 4 GiB.
    out = run_python("""
        from dockerlint.semantics.expand import MAX_EXPANSION, TOO_LONG, expand
        nested = expand("${a:-" * 50_000 + "x" + "}" * 50_000, {})
        print(nested.value, len(nested.refs), len(nested.refs[0].default_text))
        print(len(expand("${V//*b/c}", {"V": "a" * 20_000}).value), expand("${V//*b/c}", {"V": "ab" * 10_000}).value)
        big = expand("$A" * 64, {"A": "a" * (MAX_EXPANSION // 16)})
        print(len(big.value) <= MAX_EXPANSION, big.errors == (TOO_LONG,))
    """, timeout=30, memory=1 << 30)
    assert out.split() == ["x", "50000", str(50_000 * 6 - 5), "20000", "c", "True", "True"]


@pytest.mark.parametrize("pattern, value, replace_all", [
    ("*b", "aabab", True), ("a*", "xaax", True), ("", "abc", True), ("?", "ab", False), ("*", "", True),
    ("b*a", "bbaba", True), ("ab", "abab", False),
])
def test_replace_finds_the_leftmost_longest_match(pattern: str, value: str, replace_all: bool) -> None:
    import re

    # Python's re, leftmost then longest by trying each start: fine for these short values.
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    expected, pos, start, last = [], 0, 0, -1
    while start <= len(value):
        ends = [e for e in range(start, len(value) + 1) if re.fullmatch(regex, value[start:e], re.S)]
        if ends and not (max(ends) == start == last):
            expected += [value[pos:start], "X"]
            pos = last = max(ends)
            if not replace_all:
                break
            start = max(max(ends), start + 1) if max(ends) > start else start + 1
            continue
        start += 1
    expected.append(value[pos:])
    op = "//" if replace_all else "/"
    assert expand(f"${{V{op}{pattern}/X}}", {"V": value}).value == "".join(expected)
