"""The server's JSON-RPC bookkeeping: nothing is kept per message once it has been handled."""
from __future__ import annotations

import asyncio
import json

import pytest

from dockerlint.server.app import create_server
from dockerlint.server.framing import dispatch

URI = "file:///tmp/protocol-tests/Dockerfile"


class _Sink:
    def __init__(self) -> None:
        self.written: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.written.append(data)

    def close(self) -> None:
        pass


def _send(server, message: dict) -> None:
    dispatch(server.protocol, json.dumps({"jsonrpc": "2.0", **message}).encode())


@pytest.mark.asyncio
async def test_handled_notifications_leave_nothing_in_the_request_table():
    server = create_server()
    server.protocol.set_writer(_Sink())
    _send(server, {"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    _send(server, {"method": "initialized", "params": {}})
    _send(server, {"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": URI, "languageId": "dockerfile", "version": 1, "text": "FROM alpine\n"}}})
    for version in range(2, 52):
        _send(server, {"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": URI, "version": version},
            "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
                                "text": "RUN true\n" if version % 2 else ""}]}})
        _send(server, {"id": f"hover-{version}", "method": "textDocument/hover", "params": {
            "textDocument": {"uri": URI}, "position": {"line": 0, "character": 1}}})
        await asyncio.sleep(0)
    for _ in range(100):  # let the handlers (and the debounced lint) finish
        await asyncio.sleep(0.02)
        if not server.protocol._request_futures:
            break
    assert server.protocol._request_futures == {}
