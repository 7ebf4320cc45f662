"""`dockerlint lsp --tcp`: the same server over a TCP socket on the loopback interface."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _send(conn: socket.socket, message: dict) -> None:
    body = json.dumps(message).encode()
    conn.sendall(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))


class _Reader:
    """Framed JSON-RPC messages from the socket, in order (notifications may come between replies)."""

    def __init__(self, conn: socket.socket) -> None:
        self.conn, self.buffer = conn, b""

    def _message(self) -> dict:
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self.conn.recv(65536)
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        length = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
        while len(rest) < length:
            rest += self.conn.recv(65536)
        self.buffer = rest[length:]
        return json.loads(rest[:length])

    def reply(self, msg_id: int | None) -> dict:
        while True:
            message = self._message()
            if message.get("id") == msg_id and "method" not in message:
                return message


def _connect(port: int, server: subprocess.Popen) -> socket.socket:
    deadline = time.monotonic() + 60
    while True:
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=30)
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise
            time.sleep(0.1)


def test_initialize_over_tcp() -> None:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "dockerlint", "lsp", "--tcp", "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with _connect(port, server) as conn:
            reader = _Reader(conn)
            _send(conn, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                         "params": {"processId": None, "rootUri": None, "capabilities": {}}})
            reply = reader.reply(1)
            assert reply["id"] == 1
            assert reply["result"]["serverInfo"]["name"] == "dockerlint"
            assert reply["result"]["capabilities"]["textDocumentSync"]["change"] == 2  # incremental
            _send(conn, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
            assert reader.reply(2)["result"] is None
            _send(conn, {"jsonrpc": "2.0", "method": "exit"})
    finally:
        server.kill()
        server.wait(timeout=30)


def test_a_client_without_the_token_is_turned_away() -> None:
    port = _free_port()
    env = {**os.environ, "DOCKERLINT_LSP_TOKEN": "s3cret"}
    initialize = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                  "params": {"processId": None, "rootUri": None, "capabilities": {}}}
    server = subprocess.Popen([sys.executable, "-m", "dockerlint", "lsp", "--tcp", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        with _connect(port, server) as conn:
            reader = _Reader(conn)
            _send(conn, initialize)
            assert reader.reply(None)["error"]["code"] == -32600
            assert conn.recv(1) == b""  # closed
    finally:
        server.kill()
        server.wait(timeout=30)
    server = subprocess.Popen([sys.executable, "-m", "dockerlint", "lsp", "--tcp", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        with _connect(port, server) as conn:
            _send(conn, {**initialize, "params": {**initialize["params"],
                                                  "initializationOptions": {"token": "s3cret"}}})
            assert _Reader(conn).reply(1)["result"]["serverInfo"]["name"] == "dockerlint"
    finally:
        server.kill()
        server.wait(timeout=30)


def test_only_loopback_addresses() -> None:
    done = subprocess.run([sys.executable, "-m", "dockerlint", "lsp", "--tcp", "--host", "0.0.0.0"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "not a loopback address" in done.stderr
    shown = subprocess.run([sys.executable, "-m", "dockerlint", "lsp", "--help"], capture_output=True, text=True,
                           timeout=60).stdout
    assert "loopback" in shown and "DOCKERLINT_LSP_TOKEN" in shown
