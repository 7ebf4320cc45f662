"""Finding rules: every module under dockerlint.rules, then the `dockerlint.rules` entry points.

Built-in and third-party rules take the same path. Lookup accepts a rule's code,
name or any alias, in any case: pragmas, config and `dockerlint rule X` all resolve
through `resolve()`.
"""
from __future__ import annotations

import importlib
import os
import re
import sys
from types import ModuleType

from dockerlint.rules.api import RuleMeta

ENTRY_POINT_GROUP = "dockerlint.rules"
_SUB_CODE = re.compile(r"SC\d{4}")  # ShellCheck's codes, reported by the `shellcheck` rule
_SUB_CODE_RULE = "shellcheck"

_rules: list[RuleMeta] | None = None
_index: dict[str, list[RuleMeta]] = {}  # a BuildKit check may cover several of our rules
load_errors: list[str] = []  # plugins that failed to load, as "package[entry]: error"


def all_rules() -> list[RuleMeta]:
    """Every rule, sorted by code."""
    global _rules
    if _rules is None:
        found: dict[str, RuleMeta] = {}
        for module in _builtin_modules():
            _collect(module, found)
        for meta in _plugins():
            found.setdefault(meta.code, meta)
        _rules = sorted(found.values(), key=lambda m: m.code)
        _index.clear()
        for meta in _rules:
            for name in meta.names:
                _index.setdefault(name.lower(), []).append(meta)
    return _rules


def resolve(selector: str) -> RuleMeta | None:
    """The rule a code, name or alias names (the first, for an alias shared by several)."""
    found = resolve_all(selector)
    return found[0] if found else None


def resolve_all(selector: str) -> list[RuleMeta]:
    """Every rule a code, name or alias names: `MultipleInstructionsDisallowed` is three of ours."""
    all_rules()
    return _index.get(selector.strip().lower(), [])


def sub_code(selector: str) -> str | None:
    """`SC2086` and the like: a code a rule reports under its own (`Finding.sub_code`).
    A selector of its own: selecting it runs that rule for just those findings, ignoring it
    drops just those (see `sub_code_rule`)."""
    s = selector.strip().upper()
    return s if _SUB_CODE.fullmatch(s) else None


def sub_code_rule(code: str) -> RuleMeta | None:
    """The rule that reports the sub-code `code` (`SC2086`: the shellcheck rule)."""
    return resolve(_SUB_CODE_RULE) if sub_code(code) else None


def resolve_many(selectors: list[str]) -> tuple[set[str], list[str]]:
    """Codes selected by `selectors` ('ALL', a code prefix such as 'DKL1', or a rule), and the unknown ones."""
    codes: set[str] = set()
    unknown: list[str] = []
    rules = all_rules()
    for sel in selectors:
        s = sel.strip()
        if s.upper() == "ALL":
            codes.update(m.code for m in rules)
            continue
        found = resolve_all(s)
        if found:
            codes.update(m.code for m in found)
            continue
        if sub_code(s):
            continue
        prefixed = [m.code for m in rules if m.code.startswith(s.upper())]
        if prefixed and s.upper().startswith("DKL"):
            codes.update(prefixed)
        else:
            unknown.append(sel)
    return codes, unknown


def _builtin_modules() -> list[ModuleType]:
    import dockerlint.rules as package

    return [importlib.import_module(name) for name in sorted(_rule_module_names(package.__path__[0], package.__name__))]


def _rule_module_names(folder: str, prefix: str, depth: int = 0) -> list[str]:
    """Rule modules under the family packages: dockerlint.rules.<family>.<rule> (and deeper).
    A directory scan rather than pkgutil.walk_packages, which imports every package it lists."""
    names = []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if entry.is_dir():
                if os.path.isfile(os.path.join(entry.path, "__init__.py")):
                    names.extend(_rule_module_names(entry.path, f"{prefix}.{name}", depth + 1))
            elif depth and name.endswith(".py") and not name.startswith("_") and name[:-3].isidentifier():
                names.append(f"{prefix}.{name[:-3]}")
    return names


def _collect(module: ModuleType, found: dict[str, RuleMeta]) -> None:
    family = module.__name__.split(".")[-2] if module.__name__.startswith("dockerlint.rules.") else "plugin"
    for value in vars(module).values():
        if isinstance(value, RuleMeta):
            value.family = value.family or family
            found.setdefault(value.code, value)


def _plugins() -> list[RuleMeta]:
    if not _group_declared():
        return []  # the usual case, without the cost of importing importlib.metadata (~15 ms)
    from importlib.metadata import entry_points

    metas: list[RuleMeta] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = ep.load()
        except Exception as err:  # a broken plugin must not take the linter down
            load_errors.append(f"{ep.dist.name if ep.dist else '?'}[{ep.name}]: {err}")
            continue
        found: dict[str, RuleMeta] = {}
        if isinstance(loaded, RuleMeta):
            loaded.family = loaded.family or "plugin"
            found[loaded.code] = loaded
        elif isinstance(loaded, ModuleType):
            _collect(loaded, found)
        metas.extend(found.values())
    return metas


def _group_declared() -> bool:
    """Whether an installed distribution may declare a `dockerlint.rules` entry point: its
    `entry_points.txt` names the group, or it sits in a zip this scan does not open."""
    from dockerlint.files import read_text

    marker = f"[{ENTRY_POINT_GROUP}]"
    for folder in sys.path:
        folder = folder or "."
        try:
            entries = os.scandir(folder)
        except NotADirectoryError:
            if os.path.isfile(folder):
                return True  # a zip on sys.path: let importlib.metadata look inside
            continue
        except OSError:
            continue
        with entries:
            for entry in entries:
                if not (entry.name.endswith((".dist-info", ".egg-info"))
                        or (entry.name == "EGG-INFO" and folder.endswith(".egg"))):
                    continue
                try:
                    if marker in read_text(os.path.join(entry.path, "entry_points.txt")):
                        return True
                except OSError:
                    continue
    return False
