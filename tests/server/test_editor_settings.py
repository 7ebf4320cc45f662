"""Editor settings merged onto the configuration file's: what counts as an instruction."""
from __future__ import annotations

from typing import Any

import pytest

from dockerlint.server.features.settings import EditorSettings, given
from dockerlint.settings import Settings


class Server:
    """The little of DockerlintServer that merging and applying settings touch."""

    def __init__(self) -> None:
        self.logged: list[str] = []

    def log_to_client(self, message: str) -> None:
        self.logged.append(message)


def editor(initial: Any = None, pushed: Any = None, scoped: Any = None) -> EditorSettings:
    settings = EditorSettings(Server())  # type: ignore[arg-type]
    settings.initial, settings.pushed = initial or {}, pushed or {}
    if scoped is not None:
        settings.scoped["u"] = scoped
    return settings


@pytest.mark.parametrize(("value", "expected"), [
    (None, False), ([], False), ({}, False), ("", False),
    (["DKL"], True), ({"DKL101": "error"}, True), (False, True), (0, True), ("DKL", True),
])
def test_what_is_given(value, expected):
    assert given(value) is expected


def test_empty_values_do_not_override_earlier_sources():
    merged = editor(initial={"select": ["DKL1"], "shellcheck": {"enable": False}},
                    pushed={"select": [], "ignore": None},
                    scoped={"select": None, "shellcheck": {"enable": None}, "format": {}}).for_uri("u")
    assert merged == {"select": ["DKL1"], "shellcheck": {"enable": False}}


def test_later_sources_win_where_they_say_something():
    merged = editor(initial={"select": ["DKL1"], "format": {"enable": True}},
                    scoped={"select": ["DKL2"], "format": {"enable": False}}).for_uri("u")
    assert merged == {"select": ["DKL2"], "format": {"enable": False}}


@pytest.mark.parametrize("select", [[], None, "", [" "]])
def test_no_rule_named_keeps_the_file_selection(select):
    base = Settings().copy(select=["DKL204"], ignore=["DKL302"])
    applied = editor().apply(base, {"select": select, "ignore": [], "severity": {}, "shellcheck": {}})
    assert (applied.select, applied.ignore, applied.severity) == (["DKL204"], ["DKL302"], {})


def test_named_rules_replace_the_selection_and_extend_the_ignores():
    base = Settings().copy(select=["DKL204"], ignore=["DKL302"])
    applied = editor().apply(base, {"select": ["DKL1", "DKL3"], "ignore": "DKL101, DKL102"})
    assert (applied.select, applied.ignore) == (["DKL1", "DKL3"], ["DKL302", "DKL101", "DKL102"])
