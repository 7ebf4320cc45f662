"""The dev container configurations that build a Dockerfile: their build context, args and user.

A dev container is configured by `devcontainer.json` (JSON with comments), found in a project as
`.devcontainer/devcontainer.json`, `.devcontainer.json` or `.devcontainer/<name>/devcontainer.json`
(containers.dev, "Dev Container metadata reference"). Its `build.dockerfile` names the Dockerfile
relative to the configuration's folder, `build.context` the build context (default that folder) and
`build.args` build args; the older top-level `dockerFile` and `context` say the same. `containerUser`
is the user the container runs as and `remoteUser` the one tools and terminals run as (by default the
same). Values taken
from the environment (`${localEnv:VAR}`, `${containerEnv:VAR}`) are unknown here and left out.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

CONFIG_NAME = "devcontainer.json"
DEV_CONTAINER_FILES = (CONFIG_NAME, f".{CONFIG_NAME}")
MAX_BYTES = 1_000_000  # a configuration larger than this is not read


class DevContainer(NamedTuple):
    config: Path  # the devcontainer.json
    context: Path
    dockerfile: Path
    args: dict[str, str]
    user: str | None  # remoteUser, else containerUser, as written; None when neither is known


def configs_near(dockerfile: Path) -> list[Path]:
    """The configurations that may build `dockerfile`: beside it, and in a `.devcontainer` folder
    beside it (a Dockerfile at the project's root built by `.devcontainer/devcontainer.json`)."""
    folder = dockerfile.parent
    candidates = [folder / CONFIG_NAME, folder / f".{CONFIG_NAME}", folder / ".devcontainer" / CONFIG_NAME]
    nested = folder / ".devcontainer"
    try:
        candidates += sorted(p / CONFIG_NAME for p in nested.iterdir() if p.is_dir()) if nested.is_dir() else []
    except OSError:
        pass
    return [p for p in candidates if os.path.isfile(p)]


def building(dockerfile: Path) -> list[DevContainer]:
    """The dev container configurations that build `dockerfile` (a real path)."""
    found = []
    for config in configs_near(dockerfile):
        made = read(config)
        if made is not None and made.dockerfile == dockerfile:
            found.append(made)
    return found


def read(config: Path) -> DevContainer | None:
    """The Dockerfile build a configuration describes; None for an image- or Compose-based one, or one
    that cannot be read."""
    from dockerlint.files import read_bytes

    try:
        text = read_bytes(str(config), MAX_BYTES).decode("utf-8", "replace")
    except OSError:
        return None
    doc = parse_jsonc(text)
    if not isinstance(doc, dict):
        return None
    build = doc.get("build") if isinstance(doc.get("build"), dict) else {}
    dockerfile = _known(build.get("dockerfile", doc.get("dockerFile", doc.get("dockerfile"))))
    context = _known(build.get("context", doc.get("context", ".")))
    if dockerfile is None or context is None:
        return None
    folder = config.parent
    args = build.get("args")
    known_args = {str(k): _known(v) for k, v in args.items()} if isinstance(args, dict) else {}
    # remoteUser (terminals, tools, debugging) defaults to containerUser (the container's processes)
    user = doc.get("remoteUser", doc.get("containerUser"))
    return DevContainer(config, Path(os.path.realpath(folder / context)), Path(os.path.realpath(folder / dockerfile)),
                        {k: v for k, v in known_args.items() if v is not None}, user if isinstance(user, str) else None)


def _known(value: Any) -> str | None:
    """A string value as written, or None when it is not a string or comes from the environment."""
    if not isinstance(value, str) or "${" in value:
        return None
    return value


_SPECIAL = re.compile(r'["/,}\]]')
_STRING_STOP = re.compile(r'["\\\n]')


def _strip_jsonc(text: str) -> str:
    """The text without comments and trailing commas, strings left as they are. One pass: every
    search starts where the last stopped, so no input makes it slow (a regular expression with
    backtracking took minutes on 1 MB of `/* /* ...` or `"a\\"a\\...`)."""
    out: list[str] = []
    comma: int | None = None  # where in `out` a comma stands that only whitespace or comments follow
    i, n = 0, len(text)
    while True:
        m = _SPECIAL.search(text, i)
        j = m.start() if m else n
        if text[i:j].strip():
            comma = None
        out.append(text[i:j])
        if m is None:
            return "".join(out)
        c = text[j]
        if c == '"':  # to the closing quote, the end of the line (unterminated) or of the text
            k = j + 1
            while (stop := _STRING_STOP.search(text, k)) is not None and text[stop.start()] == "\\":
                k = stop.start() + 2
            k = stop.end() if stop is not None else n
            out.append(text[j:k])
            comma, i = None, k
        elif text.startswith("//", j):
            end = text.find("\n", j)
            out.append(" ")
            i = n if end < 0 else end
        elif text.startswith("/*", j):
            end = text.find("*/", j + 2)
            out.append(" ")
            i = n if end < 0 else end + 2
        elif c == ",":
            comma = len(out)
            out.append(",")
            i = j + 1
        else:  # `}`, `]` or a lone `/`
            if c != "/" and comma is not None:
                out[comma] = ""
            comma = None
            out.append(c)
            i = j + 1


def parse_jsonc(text: str) -> Any:
    """JSON with comments and trailing commas (what devcontainer.json allows); None when invalid.
    Strings are matched first, so `//` or `,}` inside one is left alone."""
    try:
        return json.loads(_strip_jsonc(text))
    except (ValueError, RecursionError):
        return None
