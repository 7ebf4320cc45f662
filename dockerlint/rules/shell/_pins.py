"""The pin check shared by the yum, dnf and zypper rules."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator

from dockerlint.rules.shell import _managers, _rpm
from dockerlint.rules.shell._helpers import unpinned

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.rules.api import Finding, RuleMeta
    from dockerlint.syntax import nodes


def rpm_unpinned(ctx: Context, run: nodes.Instruction, meta: RuleMeta, tools: tuple[str, ...],
                 pinned: Callable[[str], bool], advice: str) -> Iterator[Finding]:
    """Unpinned packages of `<tool> install` and unversioned modules of `<tool> module install`."""
    subs = frozenset({"install", "in", "groupinstall", "localinstall", "module"})
    for tool in tools:
        found = _rpm.installs(ctx, run, (tool,), subs)
        options = _managers.OPTIONS[tool]
        modules = [f for f in found if _rpm.module_install(f[1])]
        plain = [f for f in found if _managers.sub(f[1]) in ("install", "in", "localinstall")]
        yield from unpinned(ctx, run, meta, plain, pinned, advice, options)
        yield from unpinned(ctx, run, meta, modules, _rpm.module_versioned,
                            "Give the stream of module `{package}`: `{package}:<stream>`", options, skip=2)
