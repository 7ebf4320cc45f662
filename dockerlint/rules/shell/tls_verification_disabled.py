from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.shell import _pip
from dockerlint.semantics.scripts import commands
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.shell import Command, ShellWord

META = RuleMeta(
    code="DKL813",
    name="tls-verification-disabled",
    severity="error",
    aliases=("CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_13", "CKV2_DOCKER_15"),
    summary="A download is made without checking the server's TLS certificate",
    rationale=(
        "Without certificate checks anyone on the network path can serve their own content in "
        "place of the real one, and the build installs it. Fix the cause instead: install the CA "
        "certificates (`ca-certificates`), or add your proxy's CA to the trust store.\n\n"
        "Reported: `curl -k`/`--insecure`, `wget --no-check-certificate`, `pip --trusted-host`, "
        "`git -c http.sslVerify=false` and `git config http.sslVerify false`, `npm`/`yarn`/`pnpm "
        "config set strict-ssl false`, `--strict-ssl=false`, `apk --no-check-certificate`, "
        "yum/dnf `sslverify=0`, `conda config --set ssl_verify false`; and the variables "
        "`GIT_SSL_NO_VERIFY`, `PIP_TRUSTED_HOST`, `PYTHONHTTPSVERIFY=0`, "
        "`NODE_TLS_REJECT_UNAUTHORIZED=0` and `NPM_CONFIG_STRICT_SSL=false` set with `export` or "
        "before a command (set by ENV or ARG, they are tls-verification-disabled-env's)."
    ),
    bad="FROM debian:12\nRUN curl -fsSLk -o /tmp/app.tgz https://example.com/app.tgz\n",
    good="FROM debian:12\nRUN curl -fsSL -o /tmp/app.tgz https://example.com/app.tgz\n",
    divergence=(
        "Checkov's variable checks (CKV2_DOCKER_5, 6, 12, 14, 16) also look at RUN; their aliases "
        "belong to tls-verification-disabled-env, which covers ENV and ARG."
    ),
)

_FALSE = ("false", "0", "no", "off")
#: variable -> predicate on its value that disables verification
_VARIABLES = {
    "GIT_SSL_NO_VERIFY": lambda v: v != "",
    "PIP_TRUSTED_HOST": lambda v: v != "",
    "PYTHONHTTPSVERIFY": lambda v: v == "0",
    "NODE_TLS_REJECT_UNAUTHORIZED": lambda v: v == "0",
    "NPM_CONFIG_STRICT_SSL": lambda v: v.lower() in _FALSE,
}
_SSLVERIFY = re.compile(r"(?:[\w.-]+\.)?sslverify=(0|false|no|off)", re.IGNORECASE)


def _variable(name: str, value: str | None) -> str | None:
    test = _VARIABLES.get(name.upper() if name.lower() == "npm_config_strict_ssl" else name)
    if test is not None and value is not None and test(value):
        return f"`{name}={value}` turns off certificate checks"
    return None


def _config_set(cmd: Command) -> bool:
    """`npm config set ...` (`npm c set`, `npm set`): where `strict-ssl false` is a setting, not
    the names of packages (`yarn install strict-ssl false`)."""
    words = [w.value for w in cmd.positional_args(after_subcommand=False)[:2]]
    return words[:1] == ["set"] or (words[:1] in (["config"], ["c"]) and words[1:2] == ["set"])


def _config_false(words: list[ShellWord], key: str) -> bool:
    """`... key false` or `... key=false` among `words` (case-insensitive key)."""
    vals = [(w.value or "") for w in words]
    for k, v in enumerate(vals):
        name, eq, value = v.partition("=")
        if name.lower() == key and ((eq and value.lower() in _FALSE)
                                    or (not eq and k + 1 < len(vals) and vals[k + 1].lower() in _FALSE)):
            return True
    return False


_CURL_VALUE_LETTERS = frozenset("oHdXuAeFTbcwxmrEKCYyztUDQP")


def _curl_insecure(cmd: Command) -> bool:
    """`-k` or `--insecure`, not mistaking an option's value (`-o -k`) for it."""
    takes_value = False
    for word in cmd.args:
        v = word.value or ""
        if takes_value:
            takes_value = False
            continue
        if v == "--insecure":
            return True
        if v.startswith("--") or not v.startswith("-"):
            takes_value = v.startswith("--") and "=" not in v and v[2:] in ("output", "header", "data", "user", "request",
                                                                          "url", "proxy", "config", "cert", "cacert")
            continue
        for k, letter in enumerate(v[1:]):
            if letter == "k":
                return True
            if letter in _CURL_VALUE_LETTERS:
                takes_value = k == len(v) - 2
                break
    return False


def _command(cmd: Command) -> str | None:
    name = cmd.name or ""
    if name == "curl" and _curl_insecure(cmd):
        return "`curl -k` does not check certificates"
    if name in ("wget", "apk") and cmd.has_flag("--no-check-certificate"):
        return f"`{name} --no-check-certificate` does not check certificates"
    if (_pip.install(cmd) is not None or name.startswith("pip")) and cmd.has_flag("--trusted-host"):
        return "`pip --trusted-host` accepts the host without a valid certificate"
    if name == "git" and (_config_false(cmd.args, "http.sslverify")):
        return "`http.sslVerify=false` turns off git's certificate checks"
    if name in ("npm", "yarn", "pnpm") and ((_config_set(cmd) and _config_false(cmd.args, "strict-ssl"))
                                            or _config_false(cmd.args, "--strict-ssl")):
        return f"`{name}` with `strict-ssl false` does not check certificates"
    if name in ("yum", "dnf", "microdnf", "tdnf", "yum-config-manager") and any(
            _SSLVERIFY.search(w.value or "") for w in cmd.args):
        return f"`{name}` with `sslverify=0` does not check certificates"
    if name == "conda" and _config_false(cmd.args, "ssl_verify"):
        return "`conda config --set ssl_verify false` does not check certificates"
    return None


def _assignments(cmd: Command) -> list[ShellWord]:
    words = list(cmd.assignments) + cmd.words[: cmd.name_index or 0]
    if cmd.name in ("export", "declare", "typeset", "readonly"):
        words += cmd.args
    return words


@check(META, on=nodes.Run)
def tls_verification_disabled(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for rs, cmd in commands(ctx, node):
        message = _command(cmd)
        if message:
            yield ctx.finding(META, rs.command_span(cmd), message)
        for word in _assignments(cmd):
            name, eq, value = (word.value or "").partition("=")
            message = _variable(name, value) if eq else None
            if message:
                yield ctx.finding(META, rs.word_span(word), message)
