from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.copy_add._helpers import dockerignore, exclude_patterns, whole_context_source
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.dockerignore import DockerIgnore

META = RuleMeta(
    code="DKL408",
    name="context-leak",
    severity="warning",
    summary="`COPY . .` while .dockerignore lets in `.git`, `node_modules`, `.env` or key files",
    rationale=(
        "Copying the whole build context copies everything .dockerignore does not exclude. `.git` "
        "changes on every commit, so the layer (and every layer after it) is rebuilt each time and "
        "the image carries your history; a host `node_modules` overrides the one the image should "
        "install; `.env` files and private keys (`*.pem`, `*.key`, `id_rsa`, …) end up readable by "
        "anyone who pulls the image. Add them to `.dockerignore`.\n\n"
        "Only files and folders that exist in the context are reported (the Dockerfile's folder, "
        "searched two levels deep), less what the instruction's `COPY --exclude` leaves out: "
        "BuildKit matches its patterns below the root for `.`, and below each entry for `*` (the "
        "entry itself is copied anyway, moby/buildkit#5489). Without a context on disk (stdin, an "
        "unsaved buffer) the rule stays quiet."
    ),
    bad="FROM node:22-alpine\nWORKDIR /app\nCOPY . .\n",
    good="FROM node:22-alpine\nWORKDIR /app\nCOPY server.js .\n",
    example_context={".env": "TOKEN=x\n", "server.js": ""},
)

_NAMES = frozenset((".git", "node_modules", ".env", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"))
_SUFFIXES = (".pem", ".key", ".p12", ".pfx")
_ENV_TEMPLATES = frozenset((".env.example", ".env.sample", ".env.template", ".env.dist"))
_DEPTH = 2
_LIMIT = 5000  # entries looked at; a huge context is not walked to the end on every keystroke


def _sensitive(name: str) -> bool:
    if name in _ENV_TEMPLATES:
        return False
    return name in _NAMES or name.startswith(".env.") or name.endswith(_SUFFIXES)


def _leaks(root: Path, ignore: DockerIgnore) -> list[str]:
    found: list[str] = []
    seen = 0
    todo: list[tuple[str, int]] = [("", 0)]
    while todo and seen < _LIMIT:
        rel, depth = todo.pop()
        try:
            entries = sorted(os.scandir(root / rel), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            seen += 1
            path = f"{rel}/{entry.name}" if rel else entry.name
            if ignore.ignores(path):
                continue
            if _sensitive(entry.name):
                found.append(path)
            elif depth + 1 < _DEPTH and entry.is_dir(follow_symlinks=False):
                todo.append((path, depth + 1))
    return sorted(found)


# A whole-file check, run on every lint: it reads the build context, which can change
# while the Dockerfile does not.
@check(META)
def context_leak(ctx: Context) -> Iterator[Finding]:
    ignore = dockerignore(ctx)
    root = ctx.context_dir
    if ignore is None or root is None:
        return
    for node in ctx.of_type(nodes.Copy, nodes.Add):
        source = whole_context_source(node)
        if source is None or ctx.in_onbuild(node):
            continue
        leaks = _not_excluded(ctx.cached("context-leaks", lambda: _leaks(root, ignore)), node, source.text)  # type: ignore[arg-type]
        if not leaks:
            continue
        shown = ", ".join(f"`{p}`" for p in leaks[:5]) + (f" and {len(leaks) - 5} more" if len(leaks) > 5 else "")
        yield ctx.finding(META, source.span, f"This copies {shown} into the image: add them to .dockerignore")


def _not_excluded(leaks: list[str], node: nodes.Copy | nodes.Add, source: str) -> list[str]:
    """The paths `--exclude` does not leave out. BuildKit matches it below what the source names:
    below the root for `.`, below each top-level entry for `*` (the entry itself is copied)."""
    excluded = exclude_patterns(node)
    if excluded is None:
        return leaks
    if "*" not in source:
        return [p for p in leaks if not excluded.ignores(p)]
    return [p for p in leaks if "/" not in p or not excluded.ignores(p.split("/", 1)[1])]
