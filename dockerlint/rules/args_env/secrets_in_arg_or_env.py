from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL501",
    name="secrets-in-arg-or-env",
    severity="warning",
    aliases=("DL3064", "SecretsUsedInArgOrEnv", "DS031"),
    summary="An ARG or ENV name says it holds a secret",
    rationale=(
        "ENV values are stored in the image config and ARG values in its build history "
        "(`docker history` shows them), so a token passed that way is readable by everyone who "
        "can pull the image, and it ends up in the build cache too. Pass secrets with "
        "`RUN --mount=type=secret,id=...` (and `docker build --secret`), which exposes them to one "
        "`RUN` only.\n\n"
        "A name is taken for a secret when one of its words (split on `_` and `-`, any case) is "
        "`apikey`, `auth`, `credential(s)`, `key`, `password`, `passwd`, `pword`, `secret` or "
        "`token`, unless another word is `public`, `file` or `version` (`PUBLIC_KEY`, "
        "`PASSWORD_FILE`, `TOKEN_VERSION`), or `gpg`/`pgp` (`GPG_KEY` holds the fingerprint of a "
        "public signing key, as in the official images).\n\n"
        "A .NET configuration name (`__` separates the levels of the setting's path) whose last "
        "level is `Key` in an element of a list (`DefaultProcess__Filters__0__Key=ProcessId`, next "
        "to `..._0__Value`) names the key of a key/value entry, not a key that opens something; "
        "`Jwt__Key` or `Users__0__Password` are still reported."
    ),
    bad="FROM node:22-alpine\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci\n",
    good=(
        "FROM node:22-alpine\n"
        "RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n"
        "    echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci && rm .npmrc\n"
    ),
    divergence=(
        "Uses BuildKit's word heuristic, with `-` as a word separator too and `gpg`/`pgp` as "
        "allowed words (BuildKit reports the `GPG_KEY` fingerprints of the official images). hadolint's DL3064 "
        "matches a fixed list of names plus substrings, so it reports `USERNAME` and "
        "`PRIVATE_REGISTRY` and misses `DB_PASSWD`; Trivy's DS031 adds `usr`/`psw` words, which "
        "report `USR_BIN`-style names. Every stage and ONBUILD trigger is checked, as BuildKit does "
        "(Trivy: the final stage only): a secret in a builder stage still lands in the build cache, "
        "which `--cache-to` exports."
    ),
)

_SECRET_WORDS = frozenset(("apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"))
_ALLOWED_WORDS = frozenset(("public", "file", "version", "gpg", "pgp"))
_SPLIT = re.compile(r"[_-]")


def is_secret_name(name: str) -> bool:
    words = {w.lower() for w in _SPLIT.split(name)}
    return bool(words & _SECRET_WORDS) and not words & _ALLOWED_WORDS and not _entry_key(name)


def _entry_key(name: str) -> bool:
    """`Section__Items__0__Key`: the key field of a .NET list element of key/value pairs."""
    levels = name.split("__")
    return len(levels) >= 3 and levels[-1].lower() == "key" and levels[-2].isdigit()


@check(META, on=(nodes.Arg, nodes.Env))
def secrets_in_arg_or_env(node: nodes.Arg | nodes.Env, ctx: Context) -> Iterator[Finding]:
    for pair in node.pairs:
        if is_secret_name(pair.key.text):
            id_ = pair.key.text.lower()
            yield ctx.finding(
                META, pair.key.span,
                f"`{pair.key.text}` looks like a secret, and {node.keyword.text.upper()} values stay in the image: "
                f"remove it and use `RUN --mount=type=secret,id={id_},env={pair.key.text}` where it is needed",
            )
