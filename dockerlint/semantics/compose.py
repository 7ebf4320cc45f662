"""The Compose services that build a Dockerfile: their build context and build args.

Compose looks for `compose.yaml`, `compose.yml`, `docker-compose.yml`, `docker-compose.yaml` (the
first one present in a folder is the one it reads); a service's `build` is a folder (`build: ./api`)
or a mapping with `context` (relative to the Compose file, default its folder), `dockerfile`
(relative to the context, default `Dockerfile`) and `args` (a mapping, or a list of `NAME=value`).
What Compose would fill in from the environment (`${VAR}`, an arg without a value) is unknown here
and left out; so are remote contexts (Git, URLs) and `dockerfile_inline`. Override files and
`extends` are not merged.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

COMPOSE_FILES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
MAX_BYTES = 1_000_000  # a Compose file larger than this is not read


class Service(NamedTuple):
    name: str
    context: Path
    dockerfile: Path
    args: dict[str, str]
    file: Path  # the Compose file


def services_building(dockerfile: Path) -> list[Service]:
    """The services of the nearest Compose file, in the Dockerfile's folder or above, that build it
    (`dockerfile` resolved)."""
    for folder in (dockerfile.parent, *dockerfile.parent.parents):
        path = compose_file(folder)
        if path is None:
            continue
        found = [s for s in read(path) if s.dockerfile == dockerfile]
        if found:
            return found
    return []


def compose_file(folder: Path) -> Path | None:
    """The Compose file Compose reads in `folder`, if there is one."""
    for name in COMPOSE_FILES:
        if os.path.isfile(folder / name):
            return folder / name
    return None


def read(path: Path) -> list[Service]:
    """The services of a Compose file that build from a local folder; none when it cannot be read."""
    from dockerlint.files import read_bytes

    try:  # a regular file only (a FIFO named compose.yaml would block), within the limit
        text = read_bytes(str(path), MAX_BYTES).decode("utf-8", "replace")
    except OSError:
        return []
    doc = _load_yaml(text)
    services = doc.get("services") if isinstance(doc, dict) else None
    if not isinstance(services, dict):
        return []
    found = []
    for name, service in services.items():
        build = service.get("build") if isinstance(service, dict) else None
        made = _service(str(name), build, path.parent, path)
        if made is not None:
            found.append(made)
    return found


def _load_yaml(text: str) -> Any:
    """The document, read safely (no object construction; aliases are shared, never copied); None
    when it is not valid YAML."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, RecursionError):
        return None


def _service(name: str, build: Any, folder: Path, file: Path) -> Service | None:
    if isinstance(build, str):
        build = {"context": build}
    if not isinstance(build, dict) or "dockerfile_inline" in build:
        return None
    context = _known(build.get("context", "."))
    dockerfile = _known(build.get("dockerfile", "Dockerfile"))
    if context is None or dockerfile is None or _remote(context):
        return None
    root = Path(os.path.realpath(folder / context))
    return Service(name, root, Path(os.path.realpath(root / dockerfile)), _args(build.get("args")), file)


def _args(args: Any) -> dict[str, str]:
    """Build args with a value written out; those Compose takes from the environment are unknown."""
    pairs: list[tuple[Any, Any]] = []
    if isinstance(args, dict):
        pairs = list(args.items())
    elif isinstance(args, list):
        pairs = [tuple(item.split("=", 1)) for item in args if isinstance(item, str) and "=" in item]  # type: ignore[misc]
    known = {}
    for key, value in pairs:
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, (int, float)):
            value = str(value)
        value = _known(value)
        if value is not None:
            known[str(key)] = value
    return known


def _known(value: Any) -> str | None:
    """A string value as Compose passes it, or None when it is not a string or needs the environment."""
    if not isinstance(value, str):
        return None
    if "$" in value.replace("$$", ""):
        return None  # ${VAR} interpolation
    return value.replace("$$", "$")


def _remote(context: str) -> bool:
    return "://" in context or context.startswith("git@")
