"""The Compose services that build a Dockerfile: their build context and build args.

Compose looks for `compose.yaml`, `compose.yml`, `docker-compose.yml`, `docker-compose.yaml` (the
first one present in a folder is the one it reads) and merges the override file beside it
(`compose.override.yml`, …: services it adds, `build` keys it changes, `args` it adds); a service's
`build` is a folder (`build: ./api`) or a mapping with `context` (relative to the Compose file,
default its folder), `dockerfile` (relative to the context, default `Dockerfile`) and `args` (a
mapping, or a list of `NAME=value`).

Values are interpolated as Compose does (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
`${VAR:+alt}`, `${VAR+alt}`, `$$`) from the `.env` file beside the Compose file: the variables of a
project that does not pass others on the command line. A value that needs a variable `.env` does not
set (and has no default for) is unknown here and left out, as is an arg without a value (Compose
takes it from the environment); so are remote contexts (Git, URLs) and `dockerfile_inline`.
`extends`, `include` and files named with `-f` are not read.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Mapping, NamedTuple

COMPOSE_FILES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
OVERRIDE_FILES = ("compose.override.yml", "compose.override.yaml", "docker-compose.override.yml",
                  "docker-compose.override.yaml")  # compose-go's order; the first present is merged
ENV_FILE = ".env"
MAX_BYTES = 1_000_000  # a Compose (or .env) file larger than this is not read

# `$$`, `${NAME}` / `${NAME<op>operand}` (the operand may hold one level of `${...}`), `$NAME`.
_VARIABLE = re.compile(
    r"\$\$|\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-+?])(?P<operand>(?:[^{}]|\{[^{}]*\})*))?\}"
    r"|\$(?P<bare>[A-Za-z_][A-Za-z0-9_]*)")


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


def compose_file(folder: Path, names: tuple[str, ...] = COMPOSE_FILES) -> Path | None:
    """The Compose file (or, with `names=OVERRIDE_FILES`, override file) Compose reads in `folder`, if any."""
    for name in names:
        if os.path.isfile(folder / name):
            return folder / name
    return None


def read(path: Path) -> list[Service]:
    """The services of a Compose file (and the override file beside it) that build from a local
    folder; none when it cannot be read."""
    builds = _builds(path)
    if builds is None:
        return []
    override = compose_file(path.parent, OVERRIDE_FILES)
    for name, build in (_builds(override) or {}).items() if override is not None else ():
        builds[name] = _merged(builds.get(name), build)
    env = _dotenv(path.parent / ENV_FILE)
    found = []
    for name, build in builds.items():
        made = _service(name, build, path.parent, path, env)
        if made is not None:
            found.append(made)
    return found


def _builds(path: Path) -> dict[str, Any] | None:
    """Each service's `build` as written (None without one); None when the file cannot be read."""
    text = _read(path)
    doc = None if text is None else _load_yaml(text)
    services = doc.get("services") if isinstance(doc, dict) else None
    if not isinstance(services, dict):
        return None
    return {str(name): service.get("build") if isinstance(service, dict) else None for name, service in services.items()}


def _read(path: Path) -> str | None:
    from dockerlint.files import read_bytes

    try:  # a regular file only (a FIFO named compose.yaml would block), within the limit
        return read_bytes(str(path), MAX_BYTES).decode("utf-8", "replace")
    except OSError:
        return None


def _merged(base: Any, override: Any) -> Any:
    """An override's `build` merged onto the base's: keys it sets win, `args` are merged."""
    base, override = _mapping(base), _mapping(override)
    if base is None or override is None:
        return override if override is not None else base
    merged = {**base, **override}
    if "args" in base and "args" in override:
        merged["args"] = {**_arg_pairs(base["args"]), **_arg_pairs(override["args"])}
    return merged


def _mapping(build: Any) -> dict[str, Any] | None:
    if isinstance(build, str):
        return {"context": build}
    return build if isinstance(build, dict) else None


def _dotenv(path: Path) -> dict[str, str]:
    """The variables a `.env` file sets (`NAME=value`, `export NAME=value`, quoted or not); those
    whose value needs a variable it does not set are left out."""
    text = _read(path) if os.path.isfile(path) else None
    env: dict[str, str] = {}
    for line in (text or "").splitlines():
        name, eq, value = line.strip().removeprefix("export ").partition("=")
        name = name.strip()
        if not eq or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            continue
        value = value.strip()
        if value[:1] in ("'", '"') and value.endswith(value[0]) and len(value) > 1:
            if value[0] == "'":  # literal
                env[name] = value[1:-1]
                continue
            value = value[1:-1]
        else:
            value = re.split(r"\s#", value, maxsplit=1)[0].rstrip()  # an inline comment
        known = _interpolate(value, env)
        if known is not None:
            env[name] = known
    return env


def _load_yaml(text: str) -> Any:
    """The document, read safely (no object construction; aliases are shared, never copied); None
    when it is not valid YAML."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, RecursionError):
        return None


def _service(name: str, build: Any, folder: Path, file: Path, env: Mapping[str, str]) -> Service | None:
    build = _mapping(build)
    if build is None or "dockerfile_inline" in build:
        return None
    context = _known(build.get("context", "."), env)
    dockerfile = _known(build.get("dockerfile", "Dockerfile"), env)
    if context is None or dockerfile is None or _remote(context):
        return None
    root = Path(os.path.realpath(folder / context))
    return Service(name, root, Path(os.path.realpath(root / dockerfile)), _args(build.get("args"), env), file)


def _arg_pairs(args: Any) -> dict[Any, Any]:
    """`args` as a mapping; an item of the list form without `=` takes its value from the environment (None)."""
    if isinstance(args, dict):
        return dict(args)
    if isinstance(args, list):
        return dict((item.split("=", 1) if "=" in item else (item, None)) for item in args if isinstance(item, str))
    return {}


def _args(args: Any, env: Mapping[str, str]) -> dict[str, str]:
    """Build args with a value written out; those Compose takes from the environment are unknown."""
    known = {}
    for key, value in _arg_pairs(args).items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, (int, float)):
            value = str(value)
        value = _known(value, env)
        if value is not None:
            known[str(key)] = value
    return known


def _known(value: Any, env: Mapping[str, str]) -> str | None:
    """A string value as Compose passes it, or None when it is not a string or needs a variable
    that is not known."""
    return _interpolate(value, env) if isinstance(value, str) else None


def _interpolate(text: str, env: Mapping[str, str]) -> str | None:
    """Compose's interpolation of `text` with `env`; None when it needs a variable `env` does not
    set (without a default), a `?` operator says the variable is required, or a `$` is not one
    this reads (deeper nesting, a bad reference)."""
    if "$" in _VARIABLE.sub("", text):
        return None
    unknown = False

    def value(m: re.Match[str]) -> str:
        nonlocal unknown
        if m.group(0) == "$$":
            return "$"
        name = m.group("name") or m.group("bare")
        op, operand = m.group("op") or "", m.group("operand") or ""
        current = env.get(name)
        is_set = current is not None and (current != "" or not op.startswith(":"))
        if op.endswith("-") and not is_set:
            found = _interpolate(operand, env)
        elif op.endswith("+"):
            found = _interpolate(operand, env) if is_set else ""
        else:  # plain, or `?`: the variable itself
            found = current if is_set or (current is not None and not op) else None
        if found is None:
            unknown = True
            return ""
        return found

    result = _VARIABLE.sub(value, text)
    return None if unknown else result


def _remote(context: str) -> bool:
    return "://" in context or context.startswith("git@")
