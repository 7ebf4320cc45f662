"""Finding rules: every module under dockerlint.rules, then the `dockerlint.rules` entry points.

Built-in and third-party rules take the same path. Lookup accepts a rule's code,
name or any alias, in any case: pragmas, config and `dockerlint rule X` all resolve
through `resolve()`.
"""
from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from dockerlint.rules.api import RuleMeta

ENTRY_POINT_GROUP = "dockerlint.rules"

_rules: list[RuleMeta] | None = None
_index: dict[str, RuleMeta] = {}
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
                _index.setdefault(name.lower(), meta)
    return _rules


def resolve(selector: str) -> RuleMeta | None:
    all_rules()
    return _index.get(selector.strip().lower())


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
        meta = resolve(s)
        if meta is not None:
            codes.add(meta.code)
            continue
        prefixed = [m.code for m in rules if m.code.startswith(s.upper())]
        if prefixed and s.upper().startswith("DKL"):
            codes.update(prefixed)
        else:
            unknown.append(sel)
    return codes, unknown


def _builtin_modules() -> list[ModuleType]:
    import dockerlint.rules as package

    modules = []
    for info in sorted(pkgutil.walk_packages(package.__path__, package.__name__ + "."), key=lambda i: i.name):
        leaf = info.name.rsplit(".", 1)[-1]
        if info.ispkg or leaf.startswith("_") or info.name.count(".") < 3:
            continue  # rules live in family packages: dockerlint.rules.<family>.<rule>
        modules.append(importlib.import_module(info.name))
    return modules


def _collect(module: ModuleType, found: dict[str, RuleMeta]) -> None:
    family = module.__name__.split(".")[-2] if module.__name__.startswith("dockerlint.rules.") else "plugin"
    for value in vars(module).values():
        if isinstance(value, RuleMeta):
            value.family = value.family or family
            found.setdefault(value.code, value)


def _plugins() -> list[RuleMeta]:
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

