"""`dockerlint lsp --tcp`: LSP over one TCP connection on a loopback address.

The server's answers carry what it can read on this machine (the names of files next to a
Dockerfile, through the context rules' messages), so it listens on loopback only and serves
one connection, the first, stopping when it ends. Any local user can connect to a loopback
port: with $DOCKERLINT_LSP_TOKEN set, a connection whose first message is not an
`initialize` with that token as `initializationOptions.token` is answered with an error and
closed.
"""
from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import logging
import os
import threading
from typing import TYPE_CHECKING, Any

from dockerlint.server.framing import INVALID_REQUEST, run_until_exit, serve_messages
from dockerlint.server.stdio import LIMIT, StreamInput

if TYPE_CHECKING:
    from dockerlint.server.app import DockerlintServer

log = logging.getLogger("dockerlint.server")

TOKEN_VARIABLE = "DOCKERLINT_LSP_TOKEN"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _presents(token: str, body: bytes) -> bool:
    """Whether a first message is an `initialize` with `token` in its initializationOptions."""
    try:
        message = json.loads(body)
        presented: Any = message["params"]["initializationOptions"]["token"]
    except (ValueError, RecursionError, TypeError, KeyError):
        return False
    return (message.get("method") == "initialize" and isinstance(presented, str)
            and hmac.compare_digest(presented.encode(), token.encode()))


def serve(server: DockerlintServer, host: str, port: int) -> int:
    """Serve the first connection to host:port until it ends or says exit; the exit code."""
    token = os.environ.get(TOKEN_VARIABLE) or None
    stop = server._stop_event = threading.Event()

    async def main() -> None:
        ended = asyncio.Event()
        taken = False

        async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            nonlocal taken
            if taken:
                writer.close()
                return
            taken = True
            server.protocol.set_writer(writer)

            def admit(body: bytes) -> bool:
                if token is None or _presents(token, body):
                    return True
                log.error("a client without the token of $%s: connection closed", TOKEN_VARIABLE)
                server.protocol.send_error(None, INVALID_REQUEST, f"initialize with the token of ${TOKEN_VARIABLE} "
                                           "as initializationOptions.token")
                return False

            try:
                await serve_messages(StreamInput(reader), server.protocol, stop, admit)
            finally:
                writer.close()
                ended.set()

        listener = await asyncio.start_server(connection, host, port, limit=LIMIT)
        log.info("listening on %s:%s", host, port)
        async with listener:
            await ended.wait()

    return run_until_exit(server, main)
