"""PositionMap (offsets ↔ LSP positions) and the in-process pieces that need no client."""
from __future__ import annotations

import pytest
from lsprotocol.types import Position

from dockerlint.server.positions import PositionMap
from dockerlint.syntax.span import Span

TEXT = "FROM a # 😀 中\r\nRUN é\rLABEL x\n"


@pytest.mark.parametrize(("encoding", "offset", "expected"), [
    ("utf-16", 9, (0, 9)), ("utf-16", 10, (0, 11)), ("utf-16", 12, (0, 13)),  # 😀 is 2 units, 中 is 1
    ("utf-8", 10, (0, 13)), ("utf-8", 12, (0, 17)),  # 😀 is 4 bytes, 中 3
    ("utf-32", 10, (0, 10)), ("utf-32", 12, (0, 12)),
    ("utf-16", 13, (0, 13)),  # between '\r' and '\n': the end of the line
    ("utf-16", 14, (1, 0)), ("utf-16", 19, (1, 5)), ("utf-16", 20, (2, 0)),  # a lone '\r' ends a line too
    ("utf-16", 28, (3, 0)), ("utf-16", 99, (3, 0)), ("utf-16", -5, (0, 0)),  # clamped
    ("utf-8", 19, (1, 6)),
])
def test_position(encoding, offset, expected):
    pos = PositionMap(TEXT, encoding).position(offset)
    assert (pos.line, pos.character) == expected


@pytest.mark.parametrize(("encoding", "position", "expected"), [
    ("utf-16", (0, 11), 10), ("utf-16", (0, 10), 9),  # inside the surrogate pair: before the emoji
    ("utf-8", (0, 13), 10), ("utf-8", (0, 14), 11), ("utf-32", (0, 10), 10),
    ("utf-16", (0, 500), 12), ("utf-16", (1, 500), 19),  # past the line's end: its end, before the break
    ("utf-16", (50, 0), 28), ("utf-16", (2, 0), 20),
])
def test_offset(encoding, position, expected):
    assert PositionMap(TEXT, encoding).offset(Position(line=position[0], character=position[1])) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_round_trip(encoding):
    pm = PositionMap(TEXT, encoding)
    for offset in range(len(TEXT) + 1):
        if TEXT[offset - 1 : offset + 1] != "\r\n":  # not addressable in LSP
            assert pm.offset(pm.position(offset)) == offset
    assert pm.range(Span(9, 12)).end == pm.position(12)
    assert pm.line_count == 4 and pm.line_text(0) == "FROM a # 😀 中" and pm.line_text(1) == "RUN é"


def test_a_crashing_rule_is_logged_once_per_version(monkeypatch):
    from dockerlint.rules import registry
    from dockerlint.server.app import create_server
    from dockerlint.server.documents import DocumentState

    meta = registry.resolve("DKL204")

    def boom(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(meta, "check", boom)
    server = create_server()
    logged: list[str] = []
    monkeypatch.setattr(server, "log_to_client", logged.append)
    for version in (1, 1, 2):
        state = DocumentState("untitled:x", version, "FROM a:1 as b\nUSER app\n", "utf-16", None,
                              server.documents.resolve_settings)
        result = server.documents.lint(state)
        assert [f.rule.code for f in result.findings] == ["DKL302"]  # the others still report
    assert len(logged) == 2 and all("DKL204" in m and "boom" in m for m in logged)
