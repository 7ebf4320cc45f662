"""Which files to lint: Dockerfile names under the given directories, minus what .gitignore ignores
and what the configuration's `exclude` patterns (gitignore-style, `exclude_rules`) exclude.

Gitignore matching is implemented here (no `git` process): nested `.gitignore` files, `#`
comments, `!` negation, `/`-anchored patterns, directory-only patterns (`name/`), `*`, `?`,
`[...]` and `**`. As in git, a file inside an ignored directory cannot be re-included, and
the last matching pattern wins, deeper files after shallower ones.
"""
from __future__ import annotations

import os
import re
from typing import Callable, Iterator, NamedTuple

from dockerlint.files import read_text
from dockerlint.glob import Glob, compile_glob
from dockerlint.syntax import nodes

# DOTALL: a name may hold a newline (it is found, and shown escaped).
_DOCKERFILE_NAME = re.compile(r"(?:Dockerfile|Containerfile)(?:\..+)?|.+\.(?:Dockerfile|dockerfile)", re.DOTALL)

# Endings that say a `Dockerfile.*` is something else: BuildKit's per-Dockerfile ignore file,
# templates rendered into a Dockerfile (Jinja, Go, ERB, Mustache, autoconf), documentation,
# source code and data, backups and merge leftovers. Compared without case. .pre-commit-hooks.yaml
# writes the same list as its `exclude:` pattern (tests/cli/test_pre_commit.py holds them equal).
NOT_DOCKERFILE_SUFFIXES = (
    ".dockerignore",
    ".j2", ".jinja", ".jinja2", ".tmpl", ".tpl", ".template", ".gotmpl", ".erb", ".mustache", ".hbs", ".in",
    ".md", ".markdown", ".rst", ".adoc", ".html",
    ".py", ".sh", ".go", ".js", ".ts", ".rb", ".java", ".rego", ".json", ".yaml", ".yml", ".toml",
    ".bak", ".orig", ".rej", ".old", ".swp", ".patch", ".diff", "~",
)


def is_dockerfile_name(name: str) -> bool:
    return _DOCKERFILE_NAME.fullmatch(name) is not None and not name.lower().endswith(NOT_DOCKERFILE_SUFFIXES)


# What starts a template's own lines (Go, Jinja, Mustache, Handlebars, ERB): no instruction starts so.
_TEMPLATE_MARKERS = ("{{", "{%", "{#", "<%")
TEMPLATE_NOTICE = ("skipped Dockerfiles found in folders that are templates (a line starts with `{{`, `{%` or "
                   "`<%`): name one on the command line to check it anyway")


def template_line(df: nodes.Dockerfile) -> int | None:
    """The line (1-based) of the first instruction that is a template's markup, when the file is a
    template rendered into a Dockerfile (`Dockerfile.linux` beside its data, named like the real thing)."""
    for ins in df.instructions:
        if isinstance(ins, nodes.Unknown) and ins.keyword.text.startswith(_TEMPLATE_MARKERS):
            return df.source.count("\n", 0, ins.span.start) + 1
    return None


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
        return parse_gitignore(read_text(os.path.join(directory, ".gitignore")), directory)
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


Excluded = Callable[[str, bool], bool]  # (absolute path, is a directory) -> left out


def exclude_rules(patterns: list[str], base: str) -> list[_Rule]:
    """`exclude` patterns of a configuration: gitignore lines relative to `base`."""
    return parse_gitignore("\n".join(patterns), base)


def is_excluded(rules: list[_Rule], path: str, is_dir: bool) -> bool:
    """Whether an absolute `path` or a directory above it (below the rules' bases) is excluded:
    for a file named outright, as discovery would not have entered an excluded directory."""
    parent = os.path.dirname(path)
    while parent != os.path.dirname(parent) and any(parent.startswith(r.base) for r in rules):
        if is_ignored(rules, parent, True):
            return True
        parent = os.path.dirname(parent)
    return is_ignored(rules, path, is_dir)


def walk(root: str, excluded: Excluded | None = None, warn: Callable[[str], None] | None = None) -> Iterator[str]:
    """Dockerfiles under the directory `root`, in sorted order, skipping `.git`, gitignored paths
    and those `excluded` leaves out (directories are not entered).

    `root` itself is walked even when ignored: what is named on the command line is linted.
    Paths are `root` joined with the relative path, as the user would write them. Folders that
    cannot be read and links that lead out of `root` are skipped, each told to `warn`."""
    absolute = os.path.abspath(root)
    inside = os.path.join(os.path.realpath(absolute), "")
    yield from _walk(root, absolute, _ancestor_rules(absolute) + _read_gitignore(absolute),
                     excluded or (lambda path, is_dir: False), inside, warn or _quiet)


def _quiet(message: str) -> None:
    pass


def _walk(directory: str, absolute: str, rules: list[_Rule], excluded: Excluded, inside: str,
          warn: Callable[[str], None]) -> Iterator[str]:
    try:
        with os.scandir(absolute) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as err:
        warn(f"{_shown(directory)}: folder skipped: {err.strerror or err}")
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
            if not is_ignored(rules, child, True) and not excluded(child, True):
                yield from _walk(os.path.join(directory, entry.name), child, rules + _read_gitignore(child), excluded,
                                 inside, warn)
        elif is_dockerfile_name(entry.name) and not is_ignored(rules, child, False) and not excluded(child, False):
            path = os.path.join(directory, entry.name)
            # A link may lead anywhere (`Dockerfile -> /proc/self/environ` in a pull request):
            # only what stays inside the scanned folder is read.
            if entry.is_symlink() and not os.path.realpath(child).startswith(inside):
                warn(f"{_shown(path)}: not linted: a link to {_shown(os.readlink(child))}, outside {_shown(inside)}")
                continue
            yield path


def _shown(path: str) -> str:
    from dockerlint.output import name

    return name(os.path.normpath(path))
