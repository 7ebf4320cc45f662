from __future__ import annotations

import pytest

from dockerlint.shell import expand_word, parse_script
from dockerlint.shell.words import dequote_for_reparse


def word(text: str):
    cmd = parse_script("cmd " + text).commands[0]
    assert len(cmd.args) == 1, cmd.args
    return cmd.args[0]


@pytest.mark.parametrize(
    "text, value",
    [
        ("plain", "plain"),
        ("'single $x'", "single $x"),
        ('"double"', "double"),
        ('"a\\"b\\\\c\\$d"', 'a"b\\c$d'),
        ("a\\ b", "a b"),
        ("$'tab\\there\\x41'", "tab\thereA"),
        ("pre'mid'\"post\"", "premidpost"),
        ("'a\"b'", 'a"b'),
        ("*.txt", "*.txt"),
        ("$x", None),
        ("${X:-d}", None),
        ("$(date)", None),
        ("`date`", None),
        ('"$HOME/x"', None),
        ("price\\$5", "price$5"),
    ],
)
def test_value(text: str, value: str | None) -> None:
    w = word(text)
    assert w.text == text
    assert w.value == value


@pytest.mark.parametrize(
    "text, env, value",
    [
        ("pkg=$VERSION", {"VERSION": "1.2"}, "pkg=1.2"),
        ("pkg=${VERSION}", {"VERSION": "1.2"}, "pkg=1.2"),
        ('"pkg==${VERSION}"', {"VERSION": "1.2"}, "pkg==1.2"),
        ("pkg=$VERSION", {}, None),
        ("${V:-3}", {"V": ""}, "3"),
        ("${V:-3}", {"V": "2"}, "2"),
        ("${V-3}", {"V": ""}, ""),
        ("${V:-3}", {}, None),
        ("${V:+set}", {"V": "x"}, "set"),
        ("$A$B", {"A": "1", "B": "2"}, "12"),
        ("$A$B", {"A": "1"}, None),
        ("'$A'", {"A": "1"}, "$A"),
        ("$(echo $A)", {"A": "1"}, None),
        ("${A#x}", {"A": "xy"}, None),
    ],
)
def test_expand(text: str, env: dict[str, str], value: str | None) -> None:
    w = word(text)
    assert w.expand(env) == value
    assert expand_word(w, env) == value


def test_literal_prefix() -> None:
    assert word("foo=$V").literal_prefix == "foo="
    assert word('"--x=$(y)"').literal_prefix == "--x="


@pytest.mark.parametrize(
    "text, flags, expected",
    [
        ("apt-get install -yq x", ("-y",), True),
        ("apt-get install -qy x", ("-y", "--yes"), True),
        ("apt-get install --yes x", ("-y", "--yes"), True),
        ("apt-get install --assume-yes x", ("--assume-yes",), True),
        ("apt-get install -q x", ("-y",), False),
        ("apt-get install x -- -y", ("-y",), False),
        ("pip install --no-cache-dir=true x", ("--no-cache-dir",), True),
        ("pip install --no-cache x", ("--no-cache-dir",), False),
        ("apt-get -o Dpkg::Options::=--force-confnew install x", ("--force-confnew",), False),
        ("find . -name x", ("-name",), True),
    ],
)
def test_has_flag(text: str, flags: tuple[str, ...], expected: bool) -> None:
    assert parse_script(text).commands[0].has_flag(*flags) is expected


def test_flag_value() -> None:
    cmd = parse_script("useradd -u 1000 --shell=/bin/bash -gapp x").commands[0]
    assert cmd.flag_value("-u").value == "1000"
    assert cmd.flag_value("--shell") == "/bin/bash"
    assert cmd.flag_value("-g") == "app"
    assert cmd.flag_value("-m") is None


@pytest.mark.parametrize(
    "text, with_value, sub, positional",
    [
        ("apt-get -y install foo bar", (), "install", ["foo", "bar"]),
        ("apt-get -o Acquire::Retries=3 install -y foo", ("-o",), "install", ["foo"]),
        ("apt-get -qq -o=x update", ("-o",), "update", []),
        ("pip --disable-pip-version-check install -r req.txt x", ("-r",), "install", ["x"]),
        ("npm install --save-dev a@1 -- b", (), "install", ["a@1", "b"]),
        ("apk add --no-cache --virtual .deps gcc", ("--virtual",), "add", ["gcc"]),
        ("ls", (), None, []),
    ],
)
def test_subcommand_and_positionals(text: str, with_value, sub: str | None, positional: list[str]) -> None:
    cmd = parse_script(text).commands[0]
    assert cmd.subcommand(options_with_value=with_value) == sub
    assert cmd.subcommand(with_value) == sub
    assert [w.value for w in cmd.positional_args(with_value)] == positional


def test_options() -> None:
    cmd = parse_script("rm -rf --one-file-system x -- -y").commands[0]
    assert [w.text for w in cmd.options()] == ["-rf", "--one-file-system"]


def test_dequote_for_reparse_maps() -> None:
    text = "'a b' \"c\\\"d\""
    inner, starts, ends = dequote_for_reparse(text)
    assert inner == 'a b c"d'
    assert text[starts[0]] == "a"
    k = inner.index('"')
    assert text[starts[k]:ends[k]] == '\\"'
