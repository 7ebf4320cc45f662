"""ARG/ENV rules (DKL501-DKL504): secrets, undefined variables, self-references, TLS switches."""
from __future__ import annotations

import pytest

from dockerlint.rules.args_env.secrets_in_arg_or_env import is_secret_name
from tests.rules.helpers import finds, run

CASES = [
    # (id, code, source, settings, expected spans)
    ("secret-arg", "DKL501", "FROM a:1\nARG GITHUB_TOKEN\n", {}, ["2:5-2:17"]),
    ("secret-env-pairs", "DKL501", "FROM a:1\nENV DB_HOST=db DB_PASSWORD=x\n", {}, ["2:16-2:27"]),
    ("secret-legacy-env", "DKL501", "FROM a:1\nENV api-key abc\n", {}, ["2:5-2:12"]),
    ("secret-global-arg", "DKL501", "ARG NPM_TOKEN\nFROM a:1\n", {}, ["1:5-1:14"]),
    ("secret-dotnet-entry-key", "DKL501",
     "FROM a:1\nENV Logging__Rules__0__Key=Category Logging__Rules__0__Value=x\n", {}, []),
    ("secret-dotnet-key", "DKL501", "FROM a:1\nENV Jwt__Key=abc\n", {}, ["2:5-2:13"]),
    ("secret-dotnet-list-password", "DKL501", "FROM a:1\nENV Users__0__Password=x\n", {}, ["2:5-2:23"]),
    ("secret-onbuild", "DKL501", "FROM a:1\nONBUILD ARG SECRET\n", {}, ["2:13-2:19"]),
    ("secret-allowed-file", "DKL501", "FROM a:1\nENV PASSWORD_FILE=/run/secrets/pw\n", {}, []),
    ("secret-allowed-public", "DKL501", "FROM a:1\nENV PUBLIC_KEY=abc\n", {}, []),
    ("secret-substring-only", "DKL501", "FROM a:1\nENV KEYBOARD=us MONKEY=1 USERNAME=x\n", {}, []),
    ("undef-typo", "DKL502", "FROM a:1\nARG APP_HOME=/srv\nWORKDIR $APP_HOEM\n", {}, ["3:9-3:18"]),
    ("undef-braced", "DKL502", "FROM a:1\nCOPY app /opt/${DIR}/\n", {}, ["2:15-2:21"]),
    ("undef-global-arg", "DKL502", "ARG VERSION=1\nFROM a:1\nLABEL version=$VERSION\n", {}, ["3:15-3:23"]),
    ("undef-redeclared", "DKL502", "ARG VERSION=1\nFROM a:1\nARG VERSION\nLABEL version=$VERSION\n", {}, []),
    ("undef-later", "DKL502", "FROM a:1\nWORKDIR $D\nENV D=/x\n", {}, ["2:9-2:11"]),
    ("undef-run-ignored", "DKL502", "FROM a:1\nRUN echo $NOPE\nCMD echo $NOPE\n", {}, []),
    ("undef-mount", "DKL502", "FROM a:1\nRUN --mount=type=cache,target=$CACHE ls\n", {}, ["2:31-2:37"]),
    ("undef-base-env", "DKL502", "FROM golang:1.23\nENV PATH=$GOPATH/bin:$PATH\n", {}, []),
    ("undef-scratch", "DKL502", "FROM scratch\nENV X=$GOPATH\n", {}, ["2:7-2:14"]),
    ("undef-known-env-option", "DKL502", "FROM a:1\nENV X=$MY_BASE_VAR\n", {"rule_options": {"DKL502": {"known-env": ["MY_BASE_VAR"]}}}, []),
    ("undef-inherited-env", "DKL502", "FROM scratch AS b\nENV X=1\nFROM b\nENV Y=$X\n", {}, []),
    ("undef-arg-chain", "DKL502", "FROM a:1\nARG A=1 B=$A\n", {}, []),
    ("undef-same-env-left-to-dl3044", "DKL502", "FROM a:1\nENV A=1 B=$A\n", {}, []),
    ("undef-single-quotes", "DKL502", "FROM a:1\nENV X='$NOPE'\n", {}, []),
    ("undef-escaped", "DKL502", "FROM a:1\nENV X=\\$NOPE\n", {}, []),
    ("undef-escape-directive", "DKL502", "# escape=`\nFROM a:1\nENV X=`$NOPE Y=$NADA\n", {}, ["3:16-3:21"]),
    ("undef-onbuild", "DKL502", "FROM a:1\nONBUILD COPY . /$APP\n", {}, []),
    ("undef-once-per-instruction", "DKL502", "FROM a:1\nCOPY $X/a $X/b\n", {}, ["2:6-2:8"]),
    ("undef-platform-arg-in-stage", "DKL502", "FROM a:1\nWORKDIR /out/$TARGETARCH\n", {}, ["2:14-2:25"]),
    ("undef-other-image-unknown", "DKL502", "FROM jupyter/base-notebook:2024\nCOPY --chown=$NB_UID a /a\n", {}, []),
    ("undef-other-image-typo", "DKL502", "FROM example/app:1\nARG APP_HOME=/srv\nWORKDIR $APP_HOEM\n", {}, ["3:9-3:18"]),
    ("undef-other-image-platform-arg", "DKL502", "FROM example/app:1\nWORKDIR /$TARGETOS\n", {}, ["2:10-2:19"]),
    ("undef-default-is-deliberate", "DKL502", "FROM a:1\nUSER ${UID:-1000}\n", {}, []),
    ("undef-bad-modifier-is-syntax", "DKL502", "FROM a:1\nENV X=${templateOption:zsh}\n", {}, []),
    ("undef-arg-inherited-from-stage", "DKL502", "FROM a:1 AS base\nARG TARGETPLATFORM\nFROM base\nWORKDIR /$TARGETPLATFORM\n", {}, []),
    ("self-ref", "DKL503", "FROM a:1\nENV A=/srv B=$A/bin\n", {}, ["2:14-2:16"]),
    ("self-ref-braced", "DKL503", "FROM a:1\nENV A=/srv \\\n    B=${A}/bin\n", {}, ["3:7-3:11"]),
    ("self-ref-old-value", "DKL503", "FROM a:1\nENV A=1\nENV A=2 B=$A\n", {}, ["3:11-3:13"]),
    ("self-ref-own-pair", "DKL503", "FROM a:1\nENV PATH=/x:$PATH\n", {}, []),
    ("self-ref-before-definition", "DKL503", "FROM a:1\nENV B=$A A=1\n", {}, []),
    ("self-ref-separate", "DKL503", "FROM a:1\nENV A=1\nENV B=$A\n", {}, []),
    ("tls-python", "DKL504", "FROM a:1\nENV PYTHONHTTPSVERIFY=0\n", {}, ["2:5-2:24"]),
    ("tls-node-quoted", "DKL504", "FROM a:1\nENV NODE_TLS_REJECT_UNAUTHORIZED=\"0\"\n", {}, ["2:5-2:37"]),
    ("tls-npm-lowercase", "DKL504", "FROM a:1\nARG npm_config_strict_ssl=false\n", {}, ["2:5-2:32"]),
    ("tls-git-any", "DKL504", "FROM a:1\nENV GIT_SSL_NO_VERIFY 1\n", {}, ["2:5-2:24"]),
    ("tls-pip", "DKL504", "FROM a:1\nENV PIP_TRUSTED_HOST=pypi.corp\n", {}, ["2:5-2:31"]),
    ("tls-via-arg", "DKL504", "FROM a:1\nARG V=0\nENV PYTHONHTTPSVERIFY=$V\n", {}, ["3:5-3:25"]),
    ("tls-on", "DKL504", "FROM a:1\nENV PYTHONHTTPSVERIFY=1 NODE_TLS_REJECT_UNAUTHORIZED=1 NPM_CONFIG_STRICT_SSL=true\n", {}, []),
    ("tls-arg-without-value", "DKL504", "FROM a:1\nARG GIT_SSL_NO_VERIFY\n", {}, []),
    ("tls-case-matters", "DKL504", "FROM a:1\nENV pythonhttpsverify=0\n", {}, []),
]


@pytest.mark.parametrize(("code", "source", "settings", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(code: str, source: str, settings: dict, expected: list[str]) -> None:
    assert finds(source, code, **settings) == [(code, span) for span in expected]


@pytest.mark.parametrize(("name", "secret"), [
    ("AWS_SECRET_ACCESS_KEY", True), ("api_key", True), ("apikey", True), ("AUTH", True),
    ("GOOGLE_CREDENTIALS", True), ("db-passwd", True), ("token", True),
    ("PUBLIC_KEY", False), ("KEY_FILE", False), ("TOKEN_VERSION", False), ("GPG_KEY", False),
    ("AUTHOR", False), ("TOKENIZER", False), ("MONKEY", False), ("apiKey", True), ("authorName", False),
])
def test_secret_name_heuristic(name: str, secret: bool) -> None:
    assert is_secret_name(name) is secret


@pytest.mark.parametrize(("source", "message"), [
    ("ARG VERSION=1\nFROM a:1\nLABEL v=$VERSION\n", "is a global ARG, which is not visible inside a stage: add `ARG VERSION`"),
    ("FROM a:1\nWORKDIR $D\nENV D=/x\n", "is defined only later in this stage, by `ENV D`"),
    ("FROM a:1\nWORKDIR /$TARGETARCH\n", "is a platform ARG, which is not visible inside a stage: add `ARG TARGETARCH`"),
    ("FROM a:1\nARG APP_HOME=/srv\nWORKDIR $APP_HOEM\n", "did you mean `$APP_HOME`?"),
    ("FROM a:1\nENV A=1\nENV A=2 B=$A\n", "its old value `1`"),
])
def test_messages(source: str, message: str) -> None:
    assert message in " ".join(f.message for f in run(source).findings)


def test_the_did_you_mean_of_undefined_var_does_not_depend_on_hash_order(tmp_path) -> None:
    """The names in scope are a set: a tie (`$FOO_C` is one edit from both) once went to whichever
    came first, which changed with PYTHONHASHSEED."""
    from tests.cli.helpers import dockerlint, write

    write(tmp_path, {"Dockerfile": "FROM a:1\nENV FOO_B=1 FOO_A=2 FOO_D=3\nCOPY $FOO_C /x\n"})
    outputs = {dockerlint("--isolated", "--select", "undefined-var", "--format", "json", "Dockerfile",
                          cwd=tmp_path, env={"PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(outputs) == 1 and "did you mean `$FOO_A`?" in outputs.pop()
