"""Write docs/rules.md from the rules' metadata: `python -m dockerlint.docs`."""
from __future__ import annotations

import sys
from pathlib import Path

from dockerlint.explain import render_all
from dockerlint.rules.registry import all_rules

RULES_MD = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def main() -> int:
    RULES_MD.write_text(render_all(all_rules()), encoding="utf-8")
    print(f"wrote {RULES_MD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
