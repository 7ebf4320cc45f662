from __future__ import annotations

from dockerlint.docs import RULES_MD
from dockerlint.explain import render_all
from dockerlint.rules.registry import all_rules


def test_rules_md_is_up_to_date() -> None:
    expected = render_all(all_rules())
    assert RULES_MD.read_text(encoding="utf-8") == expected, "docs/rules.md is stale: run `python -m dockerlint.docs`"
