from __future__ import annotations

import pytest

from dockerlint.shell import Command, Script, parse_script


def names(script: Script) -> list[str | None]:
    return [c.name for c in script.commands]


def check_offsets(script: Script) -> None:
    text = script.text
    for cmd in script.commands:
        assert 0 <= cmd.start <= cmd.end <= len(text)
        for w in cmd.words + cmd.assignments:
            assert 0 <= w.start <= w.end <= len(text)
            assert text[w.start:w.end] == w.text
            assert cmd.start <= w.start and w.end <= cmd.end or "sh heredoc" in cmd.context


@pytest.mark.parametrize(
    "text, expected",
    [
        ("apt-get update", ["apt-get"]),
        ("echo apt-get install", ["echo"]),
        ("a && b || c; d & e", ["a", "b", "c", "d", "e"]),
        ("a | b |& c", ["a", "b", "c"]),
        ("(cd /x && make) && { echo a; echo b; }", ["cd", "make", "echo", "echo"]),
        ("if [ -f x ]; then rm x; elif test -d y; then rmdir y; else :; fi", ["[", "rm", "test", "rmdir", ":"]),
        ("for i in 1 2 3; do echo $i; done", ["echo"]),
        ("for ((i=0; i<3; i++)); do echo $i; done", ["echo"]),
        ("while read -r l; do echo \"$l\"; done < f", ["read", "echo"]),
        ("until false; do sleep 1; done", ["false", "sleep"]),
        ('case "$(uname -m)" in x86_64|amd64) a=amd64 ;; aarch64) dpkg --x ;; *) exit 1 ;; esac',
         ["uname", None, "dpkg", "exit"]),
        ("f() { apt-get update; }; f", ["apt-get", "f"]),
        ("function g { echo hi; }", ["echo"]),
        ("x=$(dpkg --print-architecture | awk '{print $1}')", [None, "dpkg", "awk"]),
        ("echo `uname -r`", ["echo", "uname"]),
        ("diff <(sort a) <(sort b)", ["diff", "sort", "sort"]),
        ("[[ -n $x && $x =~ ^a(b|c)$ ]] && echo ok", ["echo"]),
        ("(( i++ )) || true", ["true"]),
        ("echo $(( 1 + (2 * 3) ))", ["echo"]),
        ("! grep -q x f", ["grep"]),
        ("cat <<< \"$x\" | tr a b", ["cat", "tr"]),
        ("arr=(a b c); echo ${arr[@]}", [None, "echo"]),
        ("set -eux; \tapt-get update; \tapt-get install -y curl; \trm -rf /var/lib/apt/lists/*",
         ["set", "apt-get", "apt-get", "rm"]),
        ("echo 'a && b' \"c; d\" e\\;f", ["echo"]),
        ("echo a # apt-get install\napt-get update", ["echo", "apt-get"]),
        ("{{ clean_apt }}", ["{{"]),
        ("A=1 B=2 make install", ["make"]),
        ("/usr/bin/apt-get install x", ["apt-get"]),
        ("echo ${X:-default} ${Y#*-} $'a\\tb'", ["echo"]),
        ("cmd 2>&1 >/dev/null &>/tmp/x", ["cmd"]),
    ],
)
def test_command_names(text: str, expected: list[str | None]) -> None:
    script = parse_script(text)
    assert script.errors == []
    assert names(script) == expected
    check_offsets(script)


def test_words_and_assignments() -> None:
    text = 'DEBIAN_FRONTEND=noninteractive apt-get install -y "curl" \'wget\' x\\ y'
    cmd = parse_script(text).commands[0]
    assert [w.text for w in cmd.assignments] == ["DEBIAN_FRONTEND=noninteractive"]
    assert [w.value for w in cmd.words] == ["apt-get", "install", "-y", "curl", "wget", "x y"]
    assert cmd.start == 0 and cmd.end == len(text)


@pytest.mark.parametrize(
    "text, connectors",
    [
        ("a && b || c; d\ne & f", [None, "&&", "||", ";", "\n", "&"]),
        ("a | b && c", [None, "|", "&&"]),
        ("a;\nb", [None, ";"]),
    ],
)
def test_connectors(text: str, connectors: list[str | None]) -> None:
    script = parse_script(text)
    assert [c.connector for c in script.commands] == connectors
    for prev, cmd in zip(script.commands, script.commands[1:]):
        assert cmd.previous is prev


def test_pipeline_context() -> None:
    script = parse_script("set -o pipefail; curl -fsSL https://x | sudo bash -s -- -y && echo done")
    curl, bash = script.find("curl")[0], script.find("bash")[0]
    assert curl.pipeline is bash.pipeline is script.pipelines[0]
    assert (curl.pipeline_position, bash.pipeline_position) == (0, 1)
    assert bash.wrappers == ["sudo"]
    assert script.find("echo")[0].pipeline is None
    assert script.pipelines[0].pipefail
    assert script.piped_into(["curl", "wget"], ["sh", "bash"]) == script.pipelines
    assert script.pipefail_at(curl.start)
    assert not script.pipefail_at(0)


def test_pipefail_not_set_and_unset() -> None:
    assert not parse_script("set -eux; a | b").pipelines[0].pipefail
    assert parse_script("set -euxo pipefail; a | b").pipelines[0].pipefail
    assert not parse_script("set -o pipefail; set +o pipefail; a | b").pipelines[0].pipefail
    assert parse_script("a | b").pipefail_at(3, initially=True)


@pytest.mark.parametrize(("script", "initially", "cwd"), [
    ("cd /var/lib && rm x", None, "/var/lib"),
    ("cd lib; rm x", "/var", "/var/lib"),
    ("cd lib; rm x", None, None),
    ("cd -P ../etc/./ssl && rm x", "/usr/lib", "/usr/etc/ssl"),
    ("cd /a; cd; rm x", "/", None),  # $HOME
    ("cd /a; cd \"$D\"; rm x", "/", None),
    ("cd /a; cd -; rm x", "/", None),
    ("(cd /a); rm x", "/w", "/w"),
    ("(cd /a; rm x)", "/w", None),
    ("if true; then cd /a; fi; rm x", "/w", None),
    ("rm x; cd /a", "/w", "/w"),
])
def test_cwd_follows_cd(script: str, initially: str | None, cwd: str | None) -> None:
    parsed = parse_script(script)
    assert parsed.cwd_at(parsed.find("rm")[0], initially) == cwd


def test_negated_pipeline_and_stages() -> None:
    script = parse_script("! { ldd x | grep 'not found'; }")
    assert [c.negated for c in script.commands] == [True, True]
    script = parse_script("curl x | (cd /t && tar xz)")
    pipe = script.pipelines[0]
    assert [[c.name for c in s] for s in pipe.stages] == [["curl"], ["cd", "tar"]]
    assert [c.name for c in pipe.commands] == ["curl", "cd"]


def test_context() -> None:
    script = parse_script("if cmp a b; then (cd x); fi; y=$(pwd)")
    ctx = {c.name: c.context for c in script.commands}
    assert ctx["cmp"] == ("if", "condition")
    assert ctx["cd"] == ("if", "subshell")
    assert ctx["pwd"] == ("substitution",)


@pytest.mark.parametrize("quote", ["'", '"'])
def test_sh_c_inner_commands(quote: str) -> None:
    text = f"sh -c {quote}apt-get update && apt-get install -y x{quote}"
    script = parse_script(text)
    assert names(script) == ["sh", "apt-get", "apt-get"]
    update, install = script.commands[1:]
    assert text[update.start:update.end] == "apt-get update"
    assert text[install.start:install.end] == "apt-get install -y x"
    assert install.connector == "&&" and install.previous is update
    assert [w.text for w in install.words] == ["apt-get", "install", "-y", "x"]
    assert install.context == ("sh -c",)
    check_offsets(script)


def test_bash_c_with_escapes_maps_offsets() -> None:
    text = 'bash -exo pipefail -c "echo \\"a b\\" && pip install \\"x==1\\""'
    script = parse_script(text)
    assert names(script) == ["bash", "echo", "pip"]
    echo, pip = script.commands[1:]
    assert [w.value for w in echo.words] == ["echo", "a b"]
    assert [w.value for w in pip.words] == ["pip", "install", "x==1"]
    assert pip.words[2].text == '\\"x==1\\"'
    check_offsets(script)


def test_su_c_and_nested_wrappers() -> None:
    text = "su -c 'apt-get -yq install foo' root && sudo -E -u app env -i A=1 nice -n 5 xargs -0 /usr/bin/pip install x"
    script = parse_script(text)
    assert names(script) == ["su", "apt-get", "pip"]
    pip = script.commands[2]
    assert pip.wrappers == ["sudo", "env", "nice", "xargs"]
    assert [w.text for w in pip.args] == ["install", "x"]
    assert pip.words[0].text == "sudo"
    assert script.commands[1].has_flag("-y")


@pytest.mark.parametrize(
    "text, name, wrappers",
    [
        ("timeout 10 curl x", "curl", ["timeout"]),
        ("timeout -s KILL 10s wget y", "wget", ["timeout"]),
        ("nohup ./run.sh", "run.sh", ["nohup"]),
        ("time make", "make", ["time"]),
        ("exec gosu app python x.py", "python", ["exec", "gosu"]),
        ("command apt-get update", "apt-get", ["command"]),
        ("command -v apt-get", "command", []),
        ("stdbuf -oL grep x", "grep", ["stdbuf"]),
        ("nice -10 make", "make", ["nice"]),
        ("sudo", "sudo", []),
        ("sudo -- rm -rf /", "rm", ["sudo"]),
        ("chroot /x apt-get update", "chroot", []),
        ("$CC -o x y.c", None, []),
    ],
)
def test_wrappers(text: str, name: str | None, wrappers: list[str]) -> None:
    cmd = parse_script(text).commands[0]
    assert cmd.name == name
    assert cmd.wrappers == wrappers


def test_heredoc_script_with_comments() -> None:
    text = "set -ex\n# install things\napt-get update\napt-get install -y \\\n    git \\\n    clang # compilers\n\necho done\n"
    script = parse_script(text)
    assert script.errors == []
    assert names(script) == ["set", "apt-get", "apt-get", "echo"]
    install = script.commands[2]
    assert [w.value for w in install.args] == ["install", "-y", "git", "clang"]
    assert script.commands[3].connector == "\n"
    check_offsets(script)


def test_heredoc_inside_script_is_data() -> None:
    text = "cat <<EOF > /etc/apt/sources.list\ndeb http://x apt-get install\nEOF\napt-get update\n"
    script = parse_script(text)
    assert names(script) == ["cat", "apt-get"]
    assert script.commands[0].heredocs == [(text.index("deb"), text.index("EOF\napt"))]
    script = parse_script("cat <<-'EOT' | sh\n\tnot a command\n\tEOT\necho after\n")
    assert names(script) == ["cat", "sh", "echo"]


def test_heredoc_fed_to_a_shell_is_parsed() -> None:
    text = "bash -xe <<EOF\napt-get update\napt-get install -y x\nEOF\n"
    script = parse_script(text)
    assert names(script) == ["bash", "apt-get", "apt-get"]
    assert script.commands[1].context == ("sh heredoc",)
    check_offsets(script)


def test_buildah_style_heredocs() -> None:
    text = "<<FILE1 cat > test8.1 && <<FILE2 cat > test8.2\npart1\nFILE1\npart2\nFILE2\n"
    script = parse_script(text)
    assert script.errors == []
    assert names(script) == ["cat", "cat"]


@pytest.mark.parametrize("dialect", ["powershell", "pwsh", "cmd"])
def test_windows_dialects_are_skipped(dialect: str) -> None:
    script = parse_script("Write-Host 'x'; apt-get install y", dialect=dialect)
    assert script.commands == []
    assert script.skipped_reason and dialect in script.skipped_reason


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("echo 'unterminated", "unterminated single quote"),
        ('echo "unterminated', "unterminated double quote"),
        ("if true; then echo x", "'fi'"),
        ("a && ", "after '&&'"),
        ("echo $(ls", "unterminated command substitution"),
        ("case x in a) echo", "esac"),
        ("echo a )", "unexpected ')'"),
    ],
)
def test_errors_keep_commands(text: str, fragment: str) -> None:
    script = parse_script(text)
    assert script.errors, text
    assert any(fragment in e.message for e in script.errors), script.errors
    for e in script.errors:
        assert 0 <= e.start <= e.end <= len(text)
    assert script.commands and isinstance(script.commands[0], Command)
    check_offsets(script)


def test_error_recovery_finds_later_commands() -> None:
    script = parse_script("apt-get update ) ; apt-get install -y x")
    assert script.errors
    assert names(script) == ["apt-get", "apt-get"]


def test_long_chain() -> None:
    parts = [f"pkg{i} --flag-{i}" for i in range(60)]
    text = " \t&& ".join(parts)
    script = parse_script(text)
    assert len(script.commands) == 60
    assert all(c.connector == "&&" for c in script.commands[1:])
    check_offsets(script)


def test_non_ascii_offsets() -> None:
    text = "echo 'héllo wörld' && apt-get install -y ünïcode"
    script = parse_script(text)
    check_offsets(script)
    assert script.commands[1].args[-1].value == "ünïcode"
