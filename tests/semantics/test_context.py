"""The build-context layer: which context a Dockerfile has (folder, configuration, Compose) and what
a COPY source matches in it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from dockerlint.semantics import context
from dockerlint.semantics.compose import read, services_building
from dockerlint.semantics.context import BuildContext, builds_for, relative_source, segment_glob
from dockerlint.semantics.model import Model
from dockerlint.syntax.parser import parse
from tests.rules.helpers import tree


@pytest.fixture(autouse=True)
def fresh() -> None:
    context.forget()


@pytest.mark.parametrize(("pattern", "name", "hit"), [
    ("*.py", "main.py", True),
    ("*.py", "main.pyc", False),
    ("ma?n.py", "main.py", True),
    ("[a-c]x", "bx", True),
    ("[^a-c]x", "bx", False),
    ("[^a-c]x", "dx", True),
    ("\\*", "*", True),
    ("\\*", "a", False),
    ("a.b", "axb", False),  # `.` is literal
])
def test_segment_match_is_go_filepath_match(pattern: str, name: str, hit: bool) -> None:
    glob = segment_glob(pattern)
    assert glob is not None and glob.match(name) == hit


@pytest.mark.parametrize("bad", ["[", "[]", "a\\", "[z-a]"])
def test_bad_wildcards_are_none(bad: str) -> None:
    assert segment_glob(bad) is None


@pytest.mark.parametrize(("source", "rel"), [
    ("/app/x", "app/x"), ("./", "."), (".", "."), ("../../etc/passwd", "etc/passwd"), ("a/./b/", "a/b"),
])
def test_sources_stay_inside_the_context(source: str, rel: str) -> None:
    assert relative_source(source) == rel


def test_expand_follows_segments_and_dockerignore(tmp_path: Path) -> None:
    tree(tmp_path, {"src/a.py": "", "src/b.py": "", "src/sub/c.py": "", "src/notes.txt": "", "src/secret.py": "",
                    ".dockerignore": "src/secret.py\n"})
    build = BuildContext(tmp_path, tmp_path / "Dockerfile")
    assert build.expand("src/*.py") == ["src/a.py", "src/b.py"]  # `*` stays in its segment; ignored left out
    assert build.expand("src/*/*.py") == ["src/sub/c.py"]
    assert build.expand("/src/a.py") == ["src/a.py"]
    assert build.expand("src") == ["src"]
    assert build.expand("missing*") == []
    assert build.expand("src/[") is None
    found = build.matches("src/secret.py")
    assert found is not None and found[0].ignored_by is not None and found[0].ignored_by.text == "src/secret.py"


def test_an_exception_sends_an_ignored_folder(tmp_path: Path) -> None:
    tree(tmp_path, {"docs/api/x.md": "", "docs/guide.md": "", ".dockerignore": "docs\n!docs/api\n"})
    build = BuildContext(tmp_path, tmp_path / "Dockerfile")
    assert build.expand("docs") == ["docs"]
    assert build.expand("docs/guide.md") == []


def test_listings_follow_changes_on_disk(tmp_path: Path) -> None:
    build = BuildContext(tmp_path, tmp_path / "Dockerfile")
    assert build.expand("new.txt") == []
    (tmp_path / "new.txt").write_text("")
    os.utime(tmp_path, ns=(1, 1))  # a coarse clock could leave the mtime as it was
    assert build.expand("new.txt") == ["new.txt"]


def test_the_dockerfiles_own_ignore_file_is_beside_it(tmp_path: Path) -> None:
    tree(tmp_path, {"ctx/a.txt": "", "ctx/.dockerignore": "", "build/Dockerfile.dev": "",
                    "build/Dockerfile.dev.dockerignore": "a.txt\n"})
    build = BuildContext(tmp_path / "ctx", tmp_path / "build/Dockerfile.dev")
    assert build.expand("a.txt") == []


def test_default_context_is_the_folder(tmp_path: Path) -> None:
    tree(tmp_path, {"Dockerfile": ""})
    [build] = builds_for(str(tmp_path / "Dockerfile"))
    assert build.root == tmp_path.resolve() and build.service is None and not build.args
    assert builds_for(None) == [] and builds_for("-") == []


def test_configured_context_wins(tmp_path: Path) -> None:
    tree(tmp_path, {"docker/Dockerfile": "", "compose.yaml": "services:\n  a:\n    build: docker\n"})
    [build] = builds_for(str(tmp_path / "docker/Dockerfile"), str(tmp_path))
    assert build.root == tmp_path and build.service is None


COMPOSE = """\
services:
  api:
    build:
      context: ./app
      dockerfile: ../docker/Dockerfile
      args:
        VERSION: "1.2"
        DEBUG: true
        PORT: 8080
        FROM_ENV:
        TOKEN: ${TOKEN}
        PRICE: $$5
  worker:
    build:
      context: app
      dockerfile: ../docker/Dockerfile
      args: ["VERSION=2.0", "FROM_ENV"]
  web:
    build: ./web
  remote:
    build: https://github.com/example/repo.git
  db:
    image: postgres:16
"""


def test_compose_services_give_contexts_and_args(tmp_path: Path) -> None:
    tree(tmp_path, {"compose.yaml": COMPOSE, "app/": "", "docker/Dockerfile": "", "web/Dockerfile": ""})
    services = {s.name: s for s in read(tmp_path / "compose.yaml")}
    assert set(services) == {"api", "worker", "web"}
    assert services["api"].args == {"VERSION": "1.2", "DEBUG": "true", "PORT": "8080", "PRICE": "$5"}
    assert services["worker"].args == {"VERSION": "2.0"}
    assert services["web"].context == (tmp_path / "web").resolve()
    builds = builds_for(str(tmp_path / "docker/Dockerfile"))
    assert [(b.service, b.root, b.args.get("VERSION")) for b in builds] == [
        ("api", (tmp_path / "app").resolve(), "1.2"), ("worker", (tmp_path / "app").resolve(), "2.0")]


def test_the_nearest_compose_file_that_names_the_dockerfile(tmp_path: Path) -> None:
    tree(tmp_path, {"compose.yml": "services:\n  a:\n    build: sub\n", "sub/Dockerfile": "",
                    "sub/docker-compose.yml": "services:\n  other:\n    build: ../elsewhere\n",
                    "sub/compose.yaml": "services:\n  b:\n    build: .\n"})
    # In `sub`, compose.yaml is the file Compose reads (before docker-compose.yml), and it names it.
    assert [s.name for s in services_building((tmp_path / "sub/Dockerfile").resolve())] == ["b"]


def test_compose_values_are_interpolated_from_the_env_file(tmp_path: Path) -> None:
    # A monorepo whose Compose file builds every service from the root, naming each Dockerfile
    # through a variable its `.env` sets (`docker compose build` reads that file by itself).
    tree(tmp_path, {
        "compose.yaml": "services:\n"
                        "  cart:\n    build:\n      context: ./\n      dockerfile: ${CART_DOCKERFILE}\n"
                        "      args:\n        V: ${VERSION:-1}\n        TAG: ${TAG}\n        DIST: ${DIST-x}\n"
                        "  shop:\n    build:\n      context: ${SHOP_DIR:-shop}\n      dockerfile: ${NOPE}\n"
                        "  web:\n    build:\n      context: .\n      dockerfile: ${WEB_DOCKERFILE:?set it}\n"
                        "  deep:\n    build:\n      context: ${A:-${B:-${C}}}\n"
                        "  bad:\n    build:\n      context: src${\n",
        ".env": "# comment\nCART_DOCKERFILE=./src/cart/Dockerfile\nexport DIST=\nVERSION='2.0' \n"
                "TAG=v${VERSION} # inline comment\nWEB_DOCKERFILE=\"web/${MISSING}\"\nC=src\n",
        "src/cart/Dockerfile": "", "shop/Dockerfile": "", "web/Dockerfile": ""})
    services = {s.name: s for s in read(tmp_path / "compose.yaml")}
    assert set(services) == {"cart"}  # the others need variables .env does not set, or are not read
    assert services["cart"].dockerfile == (tmp_path / "src/cart/Dockerfile").resolve()
    assert services["cart"].context == tmp_path.resolve()
    assert services["cart"].args == {"V": "2.0", "TAG": "v2.0", "DIST": ""}


def test_the_override_file_beside_the_compose_file_is_merged(tmp_path: Path) -> None:
    tree(tmp_path, {
        "compose.yml": "services:\n  api:\n    build:\n      context: api\n      args: [A=1, B=1]\n"
                       "  db:\n    image: postgres:16\n",
        "compose.override.yml": "services:\n  api:\n    build:\n      args:\n        B: 2\n"
                                "  e2e:\n    build:\n      context: .\n      dockerfile: web/Dockerfile.e2e\n",
        "docker-compose.override.yml": "services:\n  other:\n    build: nowhere\n",  # the first one only
        "api/Dockerfile": "", "web/Dockerfile.e2e": ""})
    services = {s.name: s for s in read(tmp_path / "compose.yml")}
    assert set(services) == {"api", "e2e"}
    assert services["api"].args == {"A": "1", "B": "2"}
    assert services["api"].context == (tmp_path / "api").resolve()
    assert [s.name for s in services_building((tmp_path / "web/Dockerfile.e2e").resolve())] == ["e2e"]


@pytest.mark.parametrize("text", ["services: [", "- a\n- b\n", "services:\n  a: *nope\n", "x: !!python/object:os.system {}\n"])
def test_unreadable_compose_files_give_no_services(tmp_path: Path, text: str) -> None:
    tree(tmp_path, {"compose.yaml": text})
    assert read(tmp_path / "compose.yaml") == []


def test_build_args_override_arg_defaults() -> None:
    df = parse("ARG BASE=alpine\nFROM $BASE\nARG VERSION=1\nARG BASE\nRUN echo $VERSION $BASE\n")
    model = Model(df, {"VERSION": "2", "BASE": "debian"})
    run = df.instructions[-1]
    assert model.values(run)["VERSION"] == "2" and model.values(run)["BASE"] == "debian"
    assert model.stages[0].image_text == "debian"


def test_a_hostile_wildcard_source_is_matched_in_linear_time() -> None:
    # `.*a.*a…` as a backtracking regex against a long name ran for minutes.
    from tests.bounded import run_python

    assert run_python("""
        from dockerlint.semantics.context import segment_glob
        glob = segment_glob("*a" * 40 + "*c")
        print(not glob.match("a" * 20_000) and glob.match("a" * 20_000 + "c"))
    """, timeout=20).strip() == "True"
