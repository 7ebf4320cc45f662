"""Meta-tests over every rule: unique identities, complete metadata, examples that work."""
from __future__ import annotations

import re

import pytest

from dockerlint.rules.registry import all_rules
from tests.rules.helpers import run

RULES = all_rules()
IMPLEMENTED = [r for r in RULES if r.implemented]
BANNED_PREFIXES = ("avoid-", "use-", "prefer-", "do-not-", "consider-", "no-use")


# A BuildKit check may cover several of our rules (MultipleInstructionsDisallowed: CMD, ENTRYPOINT,
# HEALTHCHECK); such an alias selects them all. Any other spelling names one rule.
SHARED_ALIASES = {"multipleinstructionsdisallowed"}


def test_codes_names_aliases_are_unique() -> None:
    seen: dict[str, str] = {}
    for rule in RULES:
        for name in rule.names:
            if name.lower() in SHARED_ALIASES:
                continue
            assert name.lower() not in seen, f"{name} of {rule.code} is also {seen[name.lower()]}"
            seen[name.lower()] = rule.code


def test_a_shared_alias_selects_every_rule_it_covers() -> None:
    from dockerlint.rules.registry import resolve_many

    codes, unknown = resolve_many(["MultipleInstructionsDisallowed"])
    assert not unknown and len(codes) == 3


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_metadata_is_complete(rule) -> None:
    assert re.fullmatch(r"DKL\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert not rule.name.startswith(BANNED_PREFIXES)
    assert rule.severity in ("error", "warning", "info", "style")
    assert rule.summary and rule.rationale
    assert rule.fix in ("none", "safe", "unsafe", "sometimes")
    if rule.implemented:
        assert rule.check is not None and rule.bad and rule.good
    if rule.fix in ("unsafe", "sometimes"):
        assert rule.fix_description


def _context(rule, tmp_path) -> str | None:
    """The Dockerfile path whose build context holds the rule's example files; None (stdin) without any."""
    if not rule.example_context:
        return None
    for name, content in rule.example_context.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    return str(tmp_path / "Dockerfile")


@pytest.mark.parametrize("rule", IMPLEMENTED, ids=lambda r: r.code)
def test_bad_example_is_reported(rule, tmp_path) -> None:
    result = run(rule.bad, rule.code, path=_context(rule, tmp_path), **rule.example_settings)
    assert [f.rule.code for f in result.findings], f"{rule.code}'s bad example is not reported"


@pytest.mark.parametrize("rule", IMPLEMENTED, ids=lambda r: r.code)
def test_good_example_is_clean(rule, tmp_path) -> None:
    result = run(rule.good, rule.code, path=_context(rule, tmp_path), **rule.example_settings)
    assert not result.findings, [f.message for f in result.findings]


@pytest.mark.parametrize("rule", [r for r in IMPLEMENTED if r.fix != "none"], ids=lambda r: r.code)
def test_bad_example_fix_is_offered(rule, tmp_path) -> None:
    result = run(rule.bad, rule.code, path=_context(rule, tmp_path), **rule.example_settings)
    assert any(f.fix is not None for f in result.findings)
