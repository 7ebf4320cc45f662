"""Configuration sources (dockerlint TOML, pyproject, hadolint YAML, HADOLINT_* variables, flags) and errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import WARNS, codes, dockerlint, findings, write

BOTH = {("Dockerfile", "DKL101"), ("Dockerfile", "DKL301")}
ONLY_USER = {("Dockerfile", "DKL301")}


@pytest.mark.parametrize("files, expected", [
    ({}, BOTH),
    ({".dockerlint.toml": 'ignore = ["DL3006"]\n'}, ONLY_USER),
    ({"pyproject.toml": '[tool.dockerlint]\nignore = ["untagged-from"]\n'}, ONLY_USER),
    ({"pyproject.toml": '[project]\nname = "dockerlint"\n'}, BOTH),  # no [tool.dockerlint]: not a config
    ({"pyproject.toml": '[tool]\ndockerlint = { ignore = ["DL3006"] }\n'}, ONLY_USER),
    ({"pyproject.toml": 'tool.dockerlint.ignore = ["DL3006"]\n'}, ONLY_USER),
    ({"pyproject.toml": '[tool.dockerlint]\nselect = ["DKL3"]\n'}, ONLY_USER),
    ({"pyproject.toml": '[tool.dockerlint]\nselect = ["DKL3"]\nextend-select = ["DKL101"]\n'}, BOTH),
    ({"pyproject.toml": '[tool.dockerlint.severity]\nDL3006 = "off"\n'}, ONLY_USER),
    ({".dockerlint.toml": '[per-file-ignores]\n"Dockerfile" = ["DKL101"]\n'}, ONLY_USER),
    ({".dockerlint.toml": '[per-file-ignores]\n"other/*" = ["DKL101"]\n'}, BOTH),
    # In one directory .dockerlint.toml wins over pyproject.toml.
    ({".dockerlint.toml": 'ignore = ["DKL101"]\n', "pyproject.toml": '[tool.dockerlint]\nignore = ["DKL301"]\n'},
     ONLY_USER),
    ({".hadolint.yaml": "ignored:\n  - DL3006\n"}, ONLY_USER),
    ({".hadolint.yml": "ignored: [DL3006, SC2086, DL3057]\n"}, ONLY_USER),  # codes we lack are skipped
    ({".hadolint.yaml": "override:\n  style: [DL3006]\n"}, BOTH),
    ({".hadolint.yaml": "ignored: [DL3006]\n", ".dockerlint.toml": "ignore = []\n"}, BOTH),  # ours wins
    ({".hadolint.yaml": "\n"}, BOTH),  # an empty file
])
def test_config_files(tmp_path: Path, files: dict[str, str], expected: set[tuple[str, str]]) -> None:
    write(tmp_path, {"Dockerfile": WARNS, **files})
    assert set(codes("Dockerfile", cwd=tmp_path)) == expected


def test_nearest_config_wins_and_globs_are_relative_to_it(tmp_path: Path) -> None:
    write(tmp_path, {
        "pyproject.toml": '[tool.dockerlint]\nignore = ["DKL301"]\n',
        "app/Dockerfile": WARNS,
        "svc/.dockerlint.toml": '[per-file-ignores]\n"api/*.Dockerfile" = ["DKL301", "DKL101"]\n',
        "svc/api/x.Dockerfile": WARNS,
        "svc/Dockerfile": WARNS,
    })
    assert codes(".", cwd=tmp_path) == [("app/Dockerfile", "DKL101"), ("svc/Dockerfile", "DKL101"),
                                        ("svc/Dockerfile", "DKL301")]
    # The same from inside a subdirectory, and with stdin named as a file there.
    assert codes("api", cwd=tmp_path / "svc") == []
    assert codes("-", "--stdin-filename", "svc/api/y.Dockerfile", cwd=tmp_path, stdin=WARNS) == []


def test_hostile_per_file_ignores_pattern_finishes_quickly(tmp_path: Path) -> None:
    glob = "*a" * 30 + "*c.Dockerfile"  # minutes against a long name before
    write(tmp_path, {".dockerlint.toml": f'[per-file-ignores]\n"{glob}" = ["DKL101"]\n', "a" * 200 + ".Dockerfile": WARNS,
                     "a" * 200 + "c.Dockerfile": WARNS})
    found = json.loads(dockerlint("--select", "DKL101", "--format", "json", cwd=tmp_path, timeout=30, memory=2 << 30).stdout)
    assert [f["file"] for f in found] == ["a" * 200 + ".Dockerfile"]


def test_config_flag_and_isolated(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": WARNS, ".dockerlint.toml": 'ignore = ["DKL101"]\n',
                     "ci/strict.toml": 'ignore = ["DKL301"]\n', "ci/hadolint.yaml": "ignored: [DKL301, DKL101]\n"})
    assert codes("Dockerfile", cwd=tmp_path) == [("Dockerfile", "DKL301")]
    assert codes("--config", "ci/strict.toml", "Dockerfile", cwd=tmp_path) == [("Dockerfile", "DKL101")]
    assert codes("--config", "ci/hadolint.yaml", "Dockerfile", cwd=tmp_path) == []
    assert set(codes("--isolated", "Dockerfile", cwd=tmp_path)) == BOTH


def test_flags_override_the_file(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": WARNS, ".dockerlint.toml": 'select = ["DKL101"]\nfailure-threshold = "error"\n'})
    assert dockerlint("Dockerfile", cwd=tmp_path).returncode == 0
    assert dockerlint("-t", "warning", "Dockerfile", cwd=tmp_path).returncode == 1
    assert codes("--select", "DKL301", "Dockerfile", cwd=tmp_path) == [("Dockerfile", "DKL301")]
    assert codes("--ignore", "DKL101", "Dockerfile", cwd=tmp_path) == []


def test_trusted_registries_and_label_schema(tmp_path: Path) -> None:
    source = 'FROM quay.io/org/img:1.0\nLABEL version="x" extra="y"\nUSER 1000\n'
    write(tmp_path, {"Dockerfile": source, ".dockerlint.toml":
                     'trusted-registries = ["docker.io"]\n[label-schema]\nversion = "semver"\nowner = "email"\n'})

    def found(*args: str) -> set[str]:
        return {c for _, c in codes(*args, "Dockerfile", cwd=tmp_path)}

    assert found() == {"DKL104", "DKL702", "DKL709"}  # untrusted-registry, missing `owner`, `version` not semver
    assert found("--trusted-registry", "quay.io") == {"DKL702", "DKL709"}
    assert found("--strict-labels") == {"DKL104", "DKL702", "DKL703", "DKL709"}  # `extra` is not in the schema
    assert found("--strict-labels", "--require-label", "extra:text") == {"DKL104", "DKL702", "DKL709"}


def test_rule_options(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": "FROM debian:12.8-slim\nUSER 1000\nCOPY $FOO /x\n"})
    assert codes("Dockerfile", cwd=tmp_path) == [("Dockerfile", "DKL502")]
    write(tmp_path, {".dockerlint.toml": '[rules.undefined-var]\nknown-env = ["FOO"]\n'})
    assert codes("Dockerfile", cwd=tmp_path) == []


@pytest.mark.parametrize(("table", "message"), [
    ('[rules.untrusted-registry]\ntrusted-registries = ["ghcr.io"]\n',
     "`trusted-registries` is a top-level setting: write `trusted-registries = ...` before any table"),
    ('[rules.undefined-var]\nknown_env = ["FOO"]\n', "DKL502 has no option `known_env` (options: known-env)"),
])
def test_rule_options_are_named_as_the_documentation_names_them(tmp_path: Path, table: str, message: str) -> None:
    write(tmp_path, {"Dockerfile": "FROM debian:12.8-slim\nUSER 1000\n", ".dockerlint.toml": table})
    out = dockerlint("Dockerfile", cwd=tmp_path)
    assert out.returncode == 2 and message in out.stderr, out.stderr


def test_messages_and_docs_name_settings_as_the_configuration_spells_them(tmp_path: Path) -> None:
    from dockerlint import explain
    from dockerlint.rules import registry

    write(tmp_path, {"Dockerfile": "FROM quay.io/x/y:1\nUSER 1000\n", ".dockerlint.toml": 'trusted-registries = ["ghcr.io"]\n'})
    assert "add the registry to `trusted-registries`" in dockerlint("Dockerfile", cwd=tmp_path).stdout
    documented = "\n".join(explain.render(r) for r in registry.all_rules())
    for name in ("trusted_registries", "label_schema", "strict_labels", "known_env", "failure_threshold"):
        assert name not in documented


def test_hadolint_failure_threshold_default_is_hadolints(tmp_path: Path) -> None:
    # hadolint fails on info and above by default; a project switching over keeps passing on style.
    write(tmp_path, {"Dockerfile": "FROM debian:12.8-slim\nUSER 1000\nRUN cd /tmp\n",
                     ".hadolint.yaml": "override:\n  style: [DL3003]\n"})
    assert dockerlint("--select", "DL3003", "Dockerfile", cwd=tmp_path).returncode == 0
    assert dockerlint("--select", "DL3003", "--isolated", "Dockerfile", cwd=tmp_path).returncode == 1


def test_hadolint_user_config_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    write(tmp_path, {"proj/Dockerfile": WARNS, "home/.config/hadolint.yaml": "ignored: [DL3006]\n",
                     "xdg/hadolint.yml": "ignored: [DKL301]\n"})
    assert codes("Dockerfile", cwd=tmp_path / "proj", home=home) == [("Dockerfile", "DKL301")]
    assert codes("Dockerfile", cwd=tmp_path / "proj", home=home, env={"XDG_CONFIG_HOME": str(tmp_path / "xdg")}) == [
        ("Dockerfile", "DKL101")]


@pytest.mark.parametrize("env, file, expected", [
    ({"HADOLINT_IGNORE": "DL3006, DKL301"}, None, set()),
    ({"HADOLINT_IGNORE": "DL3006"}, "ignored: [DKL301]\n", set()),  # lists add up
    ({"HADOLINT_OVERRIDE_ERROR": "DL3006"}, None, {("DKL101", "error"), ("DKL301", "warning")}),
    ({"HADOLINT_TRUSTED_REGISTRIES": "quay.io"}, None, {("DKL101", "warning"), ("DKL301", "warning"),
                                                        ("DKL104", "error")}),
    ({"HADOLINT_IGNORE": "DL3006"}, None, {("DKL301", "warning")}),
])
def test_hadolint_environment(tmp_path: Path, env: dict[str, str], file: str | None,
                              expected: set[tuple[str, str]]) -> None:
    write(tmp_path, {"Dockerfile": WARNS, **({".hadolint.yaml": file} if file else {})})
    result = dockerlint("-f", "json", "Dockerfile", cwd=tmp_path, env=env)
    import json

    assert {(f["code"], f["severity"]) for f in json.loads(result.stdout)} == expected


@pytest.mark.parametrize("env, status", [
    ({"HADOLINT_NOFAIL": "yes"}, 0),
    ({"HADOLINT_NOFAIL": "0"}, 1),
    ({"HADOLINT_FAILURE_THRESHOLD": "error"}, 0),
    ({"HADOLINT_FAILURE_THRESHOLD": "warning"}, 1),
])
def test_hadolint_environment_exit(tmp_path: Path, env: dict[str, str], status: int) -> None:
    write(tmp_path, {"Dockerfile": WARNS})
    assert dockerlint("Dockerfile", cwd=tmp_path, env=env).returncode == status


def test_environment_is_ignored_when_dockerlint_is_configured(tmp_path: Path) -> None:
    write(tmp_path, {"Dockerfile": WARNS, ".dockerlint.toml": "\n"})
    assert set(codes("Dockerfile", cwd=tmp_path, env={"HADOLINT_IGNORE": "DL3006"})) == BOTH


@pytest.mark.parametrize("name, text, message", [
    (".dockerlint.toml", 'select = ["DKL101"]\nignor = ["DKL301"]\n',
     ".dockerlint.toml:2: `ignor`: unknown key (did you mean `ignore`?)"),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.dockerlint]\nselect = ["DKL101", "DL9999"]\n',
     "pyproject.toml:5: `tool.dockerlint.select`: unknown rule `DL9999`"),
    ("pyproject.toml", '[tool.dockerlint]\nno-fail = "yes"\n',
     "pyproject.toml:2: `tool.dockerlint.no-fail`: expected true or false, got a string ('yes')"),
    (".dockerlint.toml", 'failure-threshold = "fatal"\n', ".dockerlint.toml:1: `failure-threshold`: expected one of"),
    (".dockerlint.toml", 'ignore = "DKL101"\n', ".dockerlint.toml:1: `ignore`: expected a list of strings"),
    (".dockerlint.toml", '\n[severity]\nDKL101 = "loud"\n', ".dockerlint.toml:3: `severity.DKL101`: expected one of"),
    (".dockerlint.toml", '[severity]\nDKL999 = "error"\n', ".dockerlint.toml:2: `severity.DKL999`: unknown rule"),
    (".dockerlint.toml", '[label-schema]\nversion = "number"\n', ".dockerlint.toml:2: `label-schema.version`"),
    (".dockerlint.toml", '[rules.untagged-from]\nstrict = true\n',
     ".dockerlint.toml:2: `rules.untagged-from.strict`: DKL101 has no option `strict`"),
    (".dockerlint.toml", '[per-file-ignores]\n"a.b/*" = ["DKL101"]\n"c.d/*" = ["nope"]\n',
     '.dockerlint.toml:3: `per-file-ignores."c.d/*"`: unknown rule `nope`'),
    (".dockerlint.toml", '[rules.nope]\n', ".dockerlint.toml:1: `rules.nope`: unknown rule `nope`"),
    (".dockerlint.toml", '[per-file-ignores]\n"ok/*" = ["DKL101"]\n"[]" = ["DKL101"]\n',
     '.dockerlint.toml:3: `per-file-ignores."[]"`: bad pattern `[]`: `[` is never closed by `]`'),
    (".dockerlint.toml", '[per-file-ignores]\n"[z-a]/*" = ["DKL101"]\n',
     '.dockerlint.toml:2: `per-file-ignores."[z-a]/*"`: bad pattern `[z-a]/*`: the range `z-a` is out of order'),
    (".dockerlint.toml", '[context]\n"api/[" = "."\n', '.dockerlint.toml:2: `context."api/["`: bad pattern `api/[`'),
    (".dockerlint.toml", 'context = "."\n', ".dockerlint.toml:1: `context`: expected a table, got a string ('.')"),
    (".dockerlint.toml", '[context]\n"*" = 1\n',
     '.dockerlint.toml:2: `context."*"`: expected the path of a folder, got an integer (1)'),
    (".dockerlint.toml", '[context]\nDockerfile = ""\n',
     ".dockerlint.toml:2: `context.Dockerfile`: expected the path of a folder, got a string ('')"),
    ("pyproject.toml", '[tool.dockerlint.context]\n"api/*" = "nowhere"\n',
     'pyproject.toml:2: `tool.dockerlint.context."api/*"`: `nowhere` is not a folder (paths are relative to this file)'),
    (".dockerlint.toml", 'select = [DKL101]\n', ".dockerlint.toml:1: invalid TOML: Invalid value (at line 1, column 11)"),
    (".hadolint.yaml", "ignored:\n  - DL3006\n ignoredd: x\n", ".hadolint.yaml:3: invalid YAML:"),
    (".hadolint.yaml", "ignored: [DL3006]\ntrusted: [x]\n", ".hadolint.yaml:2: `trusted`: unknown hadolint key"),
    (".hadolint.yaml", "override:\n  fatal: [DL3006]\n", ".hadolint.yaml:1: `override`: unknown level `fatal`"),
    (".hadolint.yaml", "ignored: [not-a-rule]\n", ".hadolint.yaml:1: `ignored`: unknown rule `not-a-rule`"),
    (".hadolint.yaml", "strict-labels: maybe\n", ".hadolint.yaml:1: `strict-labels`: expected true or false"),
    (".hadolint.yaml", "- DL3006\n", ".hadolint.yaml:1: expected a mapping"),
    # wrong types, hostile nesting and aliases: each crashed, hung or took gigabytes before
    (".hadolint.yaml", "failure-threshold: [1]\n",
     ".hadolint.yaml:1: `failure-threshold`: expected one of style, info, warning, error, ignore, none, got a list"),
    (".hadolint.yaml", "label-schema:\n  x: {a: b}\n", ".hadolint.yaml:1: `label-schema`: label `x`: expected one of"),
    (".dockerlint.toml", "[rules.undefined-var]\nknown-env = 5\n",
     ".dockerlint.toml:2: `rules.undefined-var.known-env`: expected a list of strings, got an integer (5)"),
    (".dockerlint.toml", 'failure-threshold = "' + "x" * 1000 + '"\n', "…xxx...)\n"),
    (".dockerlint.toml", "ignore = " + "[" * 20_000 + "]" * 20_000 + "\n", ".dockerlint.toml: invalid TOML: nested too deeply"),
    (".hadolint.yaml", "ignored: " + "[" * 20_000 + "]" * 20_000 + "\n", ".hadolint.yaml: invalid YAML: nested too deeply"),
    (".hadolint.yaml", "ignored: &a [*a]\n", ".hadolint.yaml:1: invalid YAML: an alias refers to a value that contains it"),
    (".hadolint.yaml", "label-schema:\n  x: [&a [lol, lol, lol, lol, lol, lol, lol, lol, lol], "
     + ", ".join(f"&{n} [" + ", ".join([f"*{p}"] * 9) + "]" for p, n in zip("abcdefgh", "bcdefghi")) + "]\n",
     ".hadolint.yaml:2: invalid YAML: its aliases expand to more than 100,000 values"),
])
def test_bad_config_names_file_line_and_key(tmp_path: Path, name: str, text: str, message: str) -> None:
    write(tmp_path, {"Dockerfile": WARNS, name: text})
    result = dockerlint("Dockerfile", cwd=tmp_path, timeout=30, memory=2 << 30)
    assert result.returncode == 2 and result.stdout == ""
    if message.startswith("…"):  # only how it ends
        assert result.stderr.endswith(message[1:]) and len(result.stderr) < 200, result.stderr
    else:
        assert result.stderr.startswith("dockerlint: error: " + message), result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("env, message", [
    ({"HADOLINT_IGNORE": "bogus"}, "environment variable HADOLINT_IGNORE: unknown rule `bogus`"),
    ({"HADOLINT_FAILURE_THRESHOLD": "fatal"}, "environment variable HADOLINT_FAILURE_THRESHOLD: expected one of"),
    ({"HADOLINT_REQUIRE_LABELS": "a:number"}, "environment variable HADOLINT_REQUIRE_LABELS: label `a`"),
])
def test_bad_environment(tmp_path: Path, env: dict[str, str], message: str) -> None:
    write(tmp_path, {"Dockerfile": WARNS})
    result = dockerlint("Dockerfile", cwd=tmp_path, env=env)
    assert result.returncode == 2 and message in result.stderr


def test_context_setting_and_compose_file_choose_the_build_context(tmp_path: Path) -> None:
    write(tmp_path, {"docker/Dockerfile": "FROM alpine:3.20\nARG SRC=nowhere\nCOPY $SRC/app.py /app/\n",
                     "src/app.py": ""})
    args = ("--select", "copy-source-missing", "docker/Dockerfile")
    assert codes(*args, cwd=tmp_path) == []  # its folder holds none of its sources: not taken for the context
    compose = "services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n      args: [SRC={}]\n"
    write(tmp_path, {"compose.yaml": compose.format("src")})
    assert codes(*args, cwd=tmp_path) == []
    write(tmp_path, {"compose.yaml": compose.format("lib")})
    assert codes(*args, cwd=tmp_path) == [("docker/Dockerfile", "DKL409")]
    write(tmp_path, {".dockerlint.toml": '[context]\n"docker/*" = "docker"\n'})  # configured: Compose is not read
    assert codes(*args, cwd=tmp_path) == [("docker/Dockerfile", "DKL409")]
    result = dockerlint("--select", "copy-source-missing", "-", cwd=tmp_path, stdin="FROM alpine:3.20\nCOPY x /\n")
    assert result.returncode == 0  # standard input: no build context


def test_a_finding_of_one_compose_service_names_it(tmp_path: Path) -> None:
    compose = ("services:\n  api:\n    build: {context: ., dockerfile: docker/Dockerfile, args: {APP: api}}\n"
               "  worker:\n    build: {context: ., dockerfile: docker/Dockerfile, args: [APP=worker]}\n")
    write(tmp_path, {"compose.yaml": compose, "api/main.py": "", "api/lib/x.py": "", "worker/main.py": "",
                     "docker/Dockerfile": "FROM alpine:3.20\nARG APP\nCOPY $APP/main.py /app/\n"
                                          "COPY --parents $APP/lib/./**/*.py /app/\nUSER 1000\n"})
    found = findings("--select", "copy-source-missing", "docker/Dockerfile", cwd=tmp_path)
    # `worker/lib` is what `worker` copies from with --parents: missing there, not in `api`
    assert [(f["code"], f["line"], f["message"]) for f in found] == [
        ("DKL409", 4, "`$APP/lib/./**/*.py` (`worker/lib/./**/*.py`) is read from `worker/lib`, which is not in "
                      "the build context `..`: the build fails (service `worker`)")]


DEV_CONTAINER = """{
    // the repository is the build context, as most dev containers have it
    "build": {"dockerfile": "Dockerfile", "context": "..", "args": {"REQS": "requirements.txt",}},
    "remoteUser": "vscode",
}"""


def test_a_dev_container_configuration_gives_the_build_context_and_args(tmp_path: Path) -> None:
    write(tmp_path, {".devcontainer/devcontainer.json": DEV_CONTAINER, "requirements.txt": "flask\n",
                     ".devcontainer/Dockerfile": "FROM python:3.12\nARG REQS=none.txt\nCOPY $REQS /tmp/\n"
                                                 "COPY missing.txt /tmp/\n"})
    found = findings("--select", "copy-source-missing", ".devcontainer/Dockerfile", cwd=tmp_path)
    assert [(f["line"], f["message"]) for f in found] == [
        (4, "`missing.txt` is not in the build context `..`: the build fails")]


def test_a_finding_of_a_dev_container_but_not_of_compose_names_it(tmp_path: Path) -> None:
    compose = "services:\n  app:\n    build: {context: ., dockerfile: .devcontainer/Dockerfile}\n"
    write(tmp_path, {".devcontainer/devcontainer.json": DEV_CONTAINER, "compose.yaml": compose,
                     "requirements.txt": "flask\n", ".devcontainer/Dockerfile": "FROM python:3.12\nARG REQS=lib.txt\n"
                                                                                "COPY $REQS /tmp/\n"})
    found = findings("--select", "copy-source-missing", ".devcontainer/Dockerfile", cwd=tmp_path)
    assert [(f["line"], f["message"]) for f in found] == [
        (3, "`$REQS` (`lib.txt`) is not in the build context `..`: the build fails (service `app`)")]


def test_a_finding_of_a_dev_container_alone_names_its_configuration(tmp_path: Path) -> None:
    compose = "services:\n  app:\n    build: {context: ., dockerfile: .devcontainer/Dockerfile, args: {REQS: requirements.txt}}\n"
    write(tmp_path, {".devcontainer/devcontainer.json": DEV_CONTAINER.replace('"requirements.txt"', '"dev.txt"'),
                     "compose.yaml": compose, "requirements.txt": "flask\n",
                     ".devcontainer/Dockerfile": "FROM python:3.12\nARG REQS\nCOPY $REQS /tmp/\n"})
    found = findings("--select", "copy-source-missing", ".devcontainer/Dockerfile", cwd=tmp_path)
    assert [(f["line"], f["message"]) for f in found] == [
        (3, "`$REQS` (`dev.txt`) is not in the build context `..`: the build fails (dev container `devcontainer.json`)")]


@pytest.mark.parametrize(("user", "reported"), [('"vscode"', False), ('"root"', True), ("null", True)])
def test_a_dev_container_that_names_its_user_is_not_reported_as_running_as_root(
        tmp_path: Path, user: str, reported: bool) -> None:
    config = '{"build": {"dockerfile": "Dockerfile"}, "remoteUser": %s}' % user
    write(tmp_path, {".devcontainer/devcontainer.json": config, ".devcontainer/Dockerfile": "FROM python:3.12\n"})
    found = findings("--select", "missing-user", ".devcontainer/Dockerfile", cwd=tmp_path)
    assert bool(found) is reported


@pytest.mark.parametrize("config", ["/* " * 330_000, '"a\\' * 250_000, "[" * 200_000])
def test_a_hostile_dev_container_configuration_is_read_quickly(tmp_path: Path, config: str) -> None:
    """Comments and strings that never end made a backtracking parser take minutes on 1 MB."""
    write(tmp_path, {".devcontainer/devcontainer.json": config, ".devcontainer/Dockerfile": "FROM alpine:3.20\n"})
    result = dockerlint("--select", "DKL101", ".devcontainer/Dockerfile", cwd=tmp_path, timeout=30, memory=2 << 30)
    assert result.returncode == 0, result.stderr
