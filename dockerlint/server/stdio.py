"""LSP over stdin/stdout, read on the event loop.

pygls reads stdin on a worker thread, one hand-off per header line and per body: a
millisecond or more between a keystroke's `didChange` arriving and the server seeing
it. Where stdin is a pipe (as when an editor starts the server), asyncio reads it
directly; anything else (a file, a console, Windows) keeps pygls's own reader.
"""
from __future__ import annotations

import asyncio
import logging
import os
import stat
import sys
import threading
from typing import TYPE_CHECKING, BinaryIO

from pygls.io_ import StdoutWriter, run_async

if TYPE_CHECKING:
    from pygls.lsp.server import LanguageServer

log = logging.getLogger("dockerlint.server")

LIMIT = 2**26  # longest header line, and read buffer, in bytes


class PipeReader:
    """pygls's reader interface over an asyncio stream."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.stream = stream

    async def readline(self) -> bytes:
        try:
            return await self.stream.readline()
        except ValueError:  # a "line" longer than LIMIT: not LSP; end as at end of input
            return b""

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


async def _open(stdin: BinaryIO) -> PipeReader:
    stream = asyncio.StreamReader(limit=LIMIT)
    await asyncio.get_running_loop().connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stream), stdin)
    return PipeReader(stream)


def _is_pipe(stdin: BinaryIO) -> bool:
    try:
        mode = os.fstat(stdin.fileno()).st_mode
    except (OSError, ValueError, AttributeError):  # closed, or not a real file
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def serve(server: LanguageServer, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> bool:
    """Serve until the input ends or the client says exit; False when stdin cannot be read
    this way (the caller falls back to pygls's `start_io`)."""
    stdin = stdin or sys.stdin.buffer
    if sys.platform == "win32" or not _is_pipe(stdin):
        return False

    async def main() -> None:
        reader = await _open(stdin)
        await run_async(stop_event=stop, reader=reader, protocol=server.protocol, logger=log,
                        error_handler=server.report_server_error)

    stop = server._stop_event = threading.Event()
    server.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
    try:
        asyncio.run(main())
    except BrokenPipeError:
        log.error("connection to the client is lost: shutting down")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()
    return True
