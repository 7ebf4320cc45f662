from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL504",
    name="tls-verification-disabled-env",
    severity="warning",
    aliases=("CKV2_DOCKER_5", "CKV2_DOCKER_6", "CKV2_DOCKER_12", "CKV2_DOCKER_14", "CKV2_DOCKER_16"),
    summary="An ARG or ENV turns off TLS certificate checks",
    rationale=(
        "These variables make a tool accept any certificate, so anyone on the network path "
        "(a proxy, a compromised mirror) can serve modified packages or code to the build, and, "
        "for ENV, to the running container:\n\n"
        "- `PYTHONHTTPSVERIFY=0`: Python's `urllib`/`http.client`\n"
        "- `NODE_TLS_REJECT_UNAUTHORIZED=0`: every HTTPS request Node.js makes\n"
        "- `NPM_CONFIG_STRICT_SSL=false`: npm\n"
        "- `GIT_SSL_NO_VERIFY` (any value, even `0` or empty): git over HTTPS\n"
        "- `PIP_TRUSTED_HOST=<host>`: pip, for that host (and plain HTTP to it)\n\n"
        "If a corporate proxy re-signs TLS, trust its CA instead (`SSL_CERT_FILE`, "
        "`NODE_EXTRA_CA_CERTS`, `PIP_CERT`, `npm config set cafile`, `git config http.sslCAInfo`)."
    ),
    bad="FROM node:22-alpine\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n",
    good="FROM node:22-alpine\nCOPY corp-ca.pem /etc/ssl/corp-ca.pem\nENV NODE_EXTRA_CA_CERTS=/etc/ssl/corp-ca.pem\n",
    divergence=(
        "One rule for Checkov's five ENV/ARG checks; the same settings made inside RUN commands are "
        "the shell rules'. Values are compared after quote removal and ARG expansion, and an `ARG` "
        "with no default (which sets nothing) is not reported."
    ),
)


class _Setting(NamedTuple):
    disables: Callable[[str], bool]
    advice: str


_SETTINGS = {
    "PYTHONHTTPSVERIFY": _Setting(lambda v: v == "0", "trust your CA with `SSL_CERT_FILE` instead"),
    "NODE_TLS_REJECT_UNAUTHORIZED": _Setting(lambda v: v == "0", "trust your CA with `NODE_EXTRA_CA_CERTS` instead"),
    "NPM_CONFIG_STRICT_SSL": _Setting(lambda v: v.lower() == "false", "trust your CA with `NPM_CONFIG_CAFILE` instead"),
    "GIT_SSL_NO_VERIFY": _Setting(lambda v: True, "trust your CA with `GIT_SSL_CAINFO` instead"),
    "PIP_TRUSTED_HOST": _Setting(lambda v: v != "", "serve the index over verified HTTPS, or trust its CA with `PIP_CERT`"),
}


@check(META, on=(nodes.Arg, nodes.Env))
def tls_verification_disabled_env(node: nodes.Arg | nodes.Env, ctx: Context) -> Iterator[Finding]:
    for pair in node.pairs:
        name = pair.key.text.upper()
        setting = _SETTINGS.get(name)
        if setting is None or pair.value is None:
            continue
        if name != "NPM_CONFIG_STRICT_SSL" and pair.key.text != name:
            continue  # only npm reads its config variables case-insensitively
        value = ctx.model.expand(pair.value, node).value.strip()
        if setting.disables(value):
            yield ctx.finding(
                META, pair.span,
                f"`{pair.key.text}={value}` turns off TLS certificate checks: remove it and {setting.advice}",
            )
