"""Which files to lint: Dockerfile names under the given directories, minus what .gitignore ignores.

Gitignore matching is implemented here (no `git` process): nested `.gitignore` files, `#`
comments, `!` negation, `/`-anchored patterns, directory-only patterns (`name/`), `*`, `?`,
`[...]` and `**`. As in git, a file inside an ignored directory cannot be re-included, and
the last matching pattern wins, deeper files after shallower ones.
"""
from __future__ import annotations

import os
import re
from typing import Iterator, NamedTuple

from dockerlint.glob import Glob, compile_glob

_DOCKERFILE_NAME = re.compile(r"(?:Dockerfile|Containerfile)(?:\..+)?|.+\.(?:Dockerfile|dockerfile)")


def is_dockerfile_name(name: str) -> bool:
    # `Dockerfile.dockerignore` is BuildKit's per-Dockerfile ignore file, not a Dockerfile.
    return _DOCKERFILE_NAME.fullmatch(name) is not None and not name.endswith(".dockerignore")


class _Rule(NamedTuple):
    glob: Glob
    negate: bool
    dir_only: bool
    base: str  # absolute directory of the .gitignore, with a trailing separator


def parse_gitignore(text: str, base: str) -> list[_Rule]:
    """The rules of one .gitignore found in directory `base`."""
    prefix = os.path.join(os.path.abspath(base), "")
    rules = []
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        stripped = line.rstrip(" ")  # trailing spaces are ignored unless escaped
        if stripped.endswith("\\") and len(stripped) < len(line):
            stripped += " "
        line = stripped
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        if negate:
            line = line[1:]
        elif line.startswith(("\\!", "\\#")):
            line = line[1:]
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        # A slash anywhere but at the end anchors the pattern to the .gitignore's directory.
        # As git does, a broken pattern (`[` unclosed) matches nothing.
        glob = compile_glob(line.lstrip("/"), "git", strict=False, anywhere="/" not in line)
        rules.append(_Rule(glob, negate, dir_only, prefix))
    return rules


def is_ignored(rules: list[_Rule], path: str, is_dir: bool) -> bool:
    """Whether an absolute `path` is ignored: the last matching rule decides."""
    verdict = False
    for rule in rules:
        if (rule.dir_only and not is_dir) or not path.startswith(rule.base):
            continue
        rel = path[len(rule.base):]
        if os.sep != "/":
            rel = rel.replace(os.sep, "/")
        if rule.glob.match(rel):
            verdict = not rule.negate
    return verdict


def _read_gitignore(directory: str) -> list[_Rule]:
    try:
        with open(os.path.join(directory, ".gitignore"), encoding="utf-8", errors="replace") as f:
            return parse_gitignore(f.read(), directory)
    except OSError:
        return []


def _ancestor_rules(root: str) -> list[_Rule]:
    """Rules of the .gitignore files above `root`, up to the top of its git work tree (none outside one)."""
    chain = [root]
    while not os.path.exists(os.path.join(chain[-1], ".git")):
        parent = os.path.dirname(chain[-1])
        if parent == chain[-1]:
            return []
        chain.append(parent)
    rules: list[_Rule] = []
    for directory in reversed(chain[1:]):
        rules += _read_gitignore(directory)
    return rules


def walk(root: str) -> Iterator[str]:
    """Dockerfiles under the directory `root`, in sorted order, skipping `.git` and gitignored paths.

    `root` itself is walked even when ignored: what is named on the command line is linted.
    Paths are `root` joined with the relative path, as the user would write them."""
    absolute = os.path.abspath(root)
    yield from _walk(root, absolute, _ancestor_rules(absolute) + _read_gitignore(absolute))


def _walk(directory: str, absolute: str, rules: list[_Rule]) -> Iterator[str]:
    try:
        with os.scandir(absolute) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name == ".git":
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)  # as git: a linked directory is not entered
        except OSError:
            continue
        child = os.path.join(absolute, entry.name)
        if is_dir:
            if not is_ignored(rules, child, True):
                yield from _walk(os.path.join(directory, entry.name), child, rules + _read_gitignore(child))
        elif is_dockerfile_name(entry.name) and not is_ignored(rules, child, False):
            yield os.path.join(directory, entry.name)
