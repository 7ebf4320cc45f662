"""LSP over stdin/stdout, read on the event loop.

pygls reads stdin on a worker thread, one hand-off per header line and per body: a
millisecond or more between a keystroke's `didChange` arriving and the server seeing
it. Where stdin is a pipe (as when an editor starts the server), asyncio reads it
directly; anything else (a file, a console, Windows) is read by pygls's thread reader.
Either way `framing.serve_messages` splits the input into messages.
"""
from __future__ import annotations

import asyncio
import os
import stat
import sys
import threading
from typing import TYPE_CHECKING, BinaryIO

from pygls.io_ import StdinAsyncReader, StdoutWriter

from dockerlint.server.framing import Reader, run_until_exit, serve_messages

if TYPE_CHECKING:
    from pygls.lsp.server import LanguageServer

LIMIT = 2**26  # longest header line, and read buffer, in bytes


class StreamInput:
    """`framing.Reader` over an asyncio stream (a pipe or a socket)."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.stream = stream

    async def readline(self) -> bytes:
        return await self.stream.readline()  # ValueError past LIMIT: the stream drops that line

    async def readexactly(self, n: int) -> bytes:
        try:
            body = await self.stream.readexactly(n)
        except asyncio.IncompleteReadError as cut:
            return cut.partial
        # Let the tasks of earlier messages take their next step before this one is handled,
        # as they do while pygls's reader waits on its thread: a buffered read returns at once,
        # and e.g. a didOpen right behind an initialize would be handled before that
        # initialize's handler had started.
        await asyncio.sleep(0)
        return body


async def _open(stdin: BinaryIO) -> StreamInput:
    stream = asyncio.StreamReader(limit=LIMIT)
    await asyncio.get_running_loop().connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stream), stdin)
    return StreamInput(stream)


def _is_pipe(stdin: BinaryIO) -> bool:
    try:
        mode = os.fstat(stdin.fileno()).st_mode
    except (OSError, ValueError, AttributeError):  # closed, or not a real file
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def serve(server: LanguageServer, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> int:
    """Serve until the input ends or the client says exit; the exit code."""
    stdin = stdin or sys.stdin.buffer
    piped = sys.platform != "win32" and _is_pipe(stdin)

    async def main() -> None:
        reader: Reader = await _open(stdin) if piped else StdinAsyncReader(stdin, server.thread_pool)
        await serve_messages(reader, server.protocol, server._stop_event)

    server._stop_event = threading.Event()
    server.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
    return run_until_exit(server, main)
