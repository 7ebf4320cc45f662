"""A rule installed by another distribution through the `dockerlint.rules` entry point runs."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from dockerlint.rules import registry
from tests.rules.helpers import finds

PLUGIN = '''
from dockerlint.rules.api import RuleMeta, check
from dockerlint.syntax import nodes

META = RuleMeta(code="DKL999", name="plugin-no-expose", severity="info", summary="EXPOSE used",
                rationale="A test plugin.", bad="FROM a:1\\nEXPOSE 80\\n", good="FROM a:1\\n")


@check(META, on=nodes.Expose)
def plugin_no_expose(node, ctx):
    yield ctx.finding(META, node.keyword.span, "Remove `EXPOSE`")
'''


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "dkl_test_plugin.py").write_text(textwrap.dedent(PLUGIN))
    dist = tmp_path / "dkl_test_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: dkl-test-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[dockerlint.rules]\nno-expose = dkl_test_plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "_rules", None)
    monkeypatch.setattr(registry, "_index", {})
    yield
    monkeypatch.setattr(registry, "_rules", None)  # forget the plugin before sys.path is restored


def test_entry_point_rule_runs(installed_plugin: None) -> None:
    meta = registry.resolve("plugin-no-expose")
    assert meta is not None and meta.family == "plugin"
    assert finds("FROM a:1\nEXPOSE 80\n", "DKL999") == [("DKL999", "2:1-2:7")]


def test_without_the_plugin_the_rule_is_unknown() -> None:
    assert registry.resolve("plugin-no-expose") is None
