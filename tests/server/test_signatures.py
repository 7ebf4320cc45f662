"""Signature help (pure)."""
from __future__ import annotations

import pytest

from dockerlint.server._signatures import parameters, signature_help
from tests.server.helpers import at_cursor


@pytest.mark.parametrize(("marked", "label", "active"), [
    ("FROM ¦", "FROM [--platform=<platform>] <image> [AS <name>]", "<image>"),
    ("FROM --pl¦", "FROM [--platform=<platform>] <image> [AS <name>]", "[--platform=<platform>]"),
    ("FROM a ¦", "FROM [--platform=<platform>] <image> [AS <name>]", "[AS <name>]"),
    ("FROM a AS ¦", "FROM [--platform=<platform>] <image> [AS <name>]", "[AS <name>]"),
    ("FROM a\nCOPY --ch¦", None, "[--chown=<user>:<group>]"),
    ("FROM a\nCOPY --chown=1 ¦", None, "<src>..."),
    ("FROM a\nCOPY a ¦", None, "<dest>"),
    ("FROM a\nCOPY a b \\\n  ¦", None, "<dest>"),
    ("FROM a\nRUN --mount=type=cache,¦", None, "[--mount=<mount>]"),
    ("FROM a\nRUN ¦", None, "<command>"),
    ("FROM a\nHEALTHCHECK --interval=1s ¦", None, "CMD"),
    ("FROM a\nHEALTHCHECK CMD ¦", None, "<command>"),
    ("FROM a\nONBUILD COPY a ¦", None, "<dest>"),
    ("FROM a\nEXPOSE 80 ¦", None, "<port>[/<protocol>]..."),
])
def test_active_parameter(marked, label, active):
    model, offset = at_cursor(marked)
    sig = signature_help(model.dockerfile, offset)
    assert sig is not None
    if label:
        assert sig.label == label
    assert sig.parameters[sig.active] == active
    assert all(p in sig.label for p in sig.parameters)


@pytest.mark.parametrize("marked", ["¦", "FROM a\n¦", "FROM a\n# c¦", "FROM a\nBOGUS ¦", "FRO¦M a"])
def test_no_signature(marked):
    model, offset = at_cursor(marked)
    assert signature_help(model.dockerfile, offset) is None


def test_parameters_keep_bracketed_groups():
    assert parameters("FROM [--platform=<platform>] <image> [AS <name>]") == (
        "[--platform=<platform>]", "<image>", "[AS <name>]")
    assert parameters('SHELL ["executable", "parameters"]') == ('["executable", "parameters"]',)
