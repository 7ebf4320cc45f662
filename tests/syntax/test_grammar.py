"""The LALR tables in dockerlint/syntax/_tables.py are generated from grammar/dockerfile.lark."""
from __future__ import annotations

import hashlib

from dockerlint.syntax import _tables
from dockerlint.syntax.generate import grammar_path, render


def test_tables_are_generated_from_the_current_grammar() -> None:
    text = grammar_path().read_text()
    assert _tables.GRAMMAR_SHA256 == hashlib.sha256(text.encode()).hexdigest(), (
        "grammar/dockerfile.lark changed: run `python -m dockerlint.syntax.generate`"
    )


def test_generator_builds_a_table_lark_accepts() -> None:
    rendered = render(grammar_path().read_text())
    namespace: dict = {}
    exec(compile(rendered, "_tables", "exec"), namespace)
    assert len(namespace["STATES"]) == len(_tables.STATES)
    assert {r[1] for r in namespace["RULES"] if r[1]} == {r[1] for r in _tables.RULES if r[1]}


def test_plain_cli_does_not_import_lark() -> None:
    import subprocess
    import sys

    code = "import sys, dockerlint.syntax.parser; print('lark' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
