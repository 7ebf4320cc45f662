"""devcontainer.json: which configurations build a Dockerfile, with what context, args and user."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from dockerlint.semantics.devcontainer import building, parse_jsonc
from tests.rules.helpers import tree

DOCKERFILE = "FROM python:3.12\n"


def real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def test_config_beside_the_dockerfile_with_a_parent_context(tmp_path: Path) -> None:
    tree(tmp_path, {
        ".devcontainer/Dockerfile": DOCKERFILE,
        ".devcontainer/devcontainer.json": """{
            // the repository is the context
            "build": {"dockerfile": "Dockerfile", "context": "..", "args": {"VARIANT": "3.12", "USER_UID": "${localEnv:UID}"}},
            "remoteUser": "vscode",
        }""",
    })
    (found,) = building(real(tmp_path / ".devcontainer/Dockerfile"))
    assert found.context == real(tmp_path)
    assert found.args == {"VARIANT": "3.12"}  # what the environment fills in is unknown
    assert found.user == "vscode"


def test_config_in_dot_devcontainer_builds_the_root_dockerfile(tmp_path: Path) -> None:
    tree(tmp_path, {
        "Dockerfile": DOCKERFILE,
        ".devcontainer/devcontainer.json": '{"build": {"dockerfile": "../Dockerfile", "context": ".."}}',
    })
    (found,) = building(real(tmp_path / "Dockerfile"))
    assert (found.context, found.user) == (real(tmp_path), None)


def test_named_configurations_and_the_older_keys(tmp_path: Path) -> None:
    tree(tmp_path, {
        "Dockerfile": DOCKERFILE,
        ".devcontainer/python/devcontainer.json": '{"dockerFile": "../../Dockerfile", "context": "../..",'
                                                   ' "containerUser": "app"}',
        ".devcontainer/node/devcontainer.json": '{"image": "node:22"}',  # builds nothing
    })
    (found,) = building(real(tmp_path / "Dockerfile"))
    assert (found.context, found.user) == (real(tmp_path), "app")


@pytest.mark.parametrize("config", [
    '{"build": {"dockerfile": "Other.Dockerfile"}}',  # another Dockerfile
    '{"dockerComposeFile": "compose.yaml", "service": "app"}',  # Compose builds it
    '{"build": {"dockerfile": "${localEnv:DF}"}}',  # from the environment
    '{"build": ',  # broken
    '[1, 2]',
])
def test_configurations_that_do_not_build_it(tmp_path: Path, config: str) -> None:
    tree(tmp_path, {"Dockerfile": DOCKERFILE, "devcontainer.json": config})
    assert building(real(tmp_path / "Dockerfile")) == []


def test_jsonc_keeps_comment_and_comma_lookalikes_inside_strings() -> None:
    text = '{\n // a comment\n "url": "http://x/*y*/,}", /* block */ "list": [1, 2,],\n}'
    assert parse_jsonc(text) == {"url": "http://x/*y*/,}", "list": [1, 2]}
