"""LSP's base protocol: `Content-Length` framed JSON-RPC messages in, each handed to pygls.

pygls's own loop (`pygls.io_.run_async`) skips a header line it cannot read and then reads
the rest of the stream out of step, so after one bad `Content-Length` no message is
understood again; and a body that is not JSON, or not a request, gets no answer. Here a
bad header is answered with a Parse error and reading resumes at the next
`Content-Length:`; a body that is not JSON is answered with a Parse error and one that is
not a message with Invalid Request (id null when none can be read, as JSON-RPC 2.0 says).
"""
from __future__ import annotations

import asyncio
import json
import logging
import threading
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Protocol

if TYPE_CHECKING:
    from pygls.lsp.server import LanguageServer

    from dockerlint.server.app import DockerlintProtocol

log = logging.getLogger("dockerlint.server")

MAX_BODY = 2**26  # bytes: a 20 MB document fits, and a lying header costs no more than this
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
_HEADER = b"content-length:"


class Reader(Protocol):
    def readline(self) -> Awaitable[bytes]:
        """A line with its line break, b"" at the end of input; ValueError when over-long."""

    def readexactly(self, n: int) -> Awaitable[bytes]:
        """`n` bytes, fewer at the end of input."""


class FramingError(Exception):
    """A header that does not say where the message ends."""


def run_until_exit(server: LanguageServer, main: Callable[[], Awaitable[None]]) -> int:
    """Run `main` (which serves messages) to its end; the exit code: 1 for an `exit` without
    `shutdown` before it, as LSP says, else 0."""
    code = 0
    try:
        asyncio.run(main())  # type: ignore[arg-type]
    except BrokenPipeError:
        log.error("connection to the client is lost: shutting down")
    except SystemExit as exit:  # pygls's `exit` handler
        code = exit.code if isinstance(exit.code, int) else 0
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return code


async def serve_messages(reader: Reader, protocol: DockerlintProtocol, stop: threading.Event,
                         admit: Callable[[bytes], bool] | None = None) -> None:
    """Read messages and hand them to `protocol` until the input ends or `stop` is set; when
    `admit` says no to the first message's body, nothing more."""
    resumed: bytes | None = None  # a header line found while resynchronising
    while not stop.is_set():
        try:
            length = await _header(reader, resumed)
        except FramingError as error:
            log.error("unreadable message header (%s): skipping to the next Content-Length", error)
            protocol.send_error(None, PARSE_ERROR, f"Parse error: {error}")
            resumed = await _resynchronise(reader)
            if resumed is None:
                return
            continue
        resumed = None
        if length is None:
            return
        body = await reader.readexactly(length)
        if len(body) < length:
            log.error("the input ended inside a message (%d of %d bytes)", len(body), length)
            return
        if admit is not None:
            if not admit(body):
                return
            admit = None
        dispatch(protocol, body)


async def _header(reader: Reader, first: bytes | None) -> int | None:
    """The Content-Length of the next message, its header read; None at the end of input."""
    length: int | None = None
    seen = False
    while True:
        if first is not None:
            line, first = first, None
        else:
            try:
                line = await reader.readline()
            except ValueError:
                raise FramingError("a header line over the size limit") from None
        if not line:
            return None
        line = line.rstrip(b"\r\n")
        if not line:
            if not seen:
                continue  # a stray line break between messages
            if length is None:
                raise FramingError("no Content-Length header")
            return length
        seen = True
        name, colon, value = line.partition(b":")
        if not colon:
            raise FramingError(f"not a header: {line[:60]!r}")
        if name.strip().lower() == _HEADER[:-1]:
            value = value.strip()
            if not value.isdigit():
                raise FramingError(f"Content-Length {value[:60]!r} is not a number of bytes")
            if len(value) > len(str(MAX_BODY)) or int(value) > MAX_BODY:
                raise FramingError(f"Content-Length {value[:60].decode()} is over the limit of {MAX_BODY} bytes")
            length = int(value)


async def _resynchronise(reader: Reader) -> bytes | None:
    """Skip to the next `Content-Length:` (a body without a line break runs into the next
    header's line); that header line, or None at the end of input."""
    while True:
        try:
            line = await reader.readline()
        except ValueError:  # an over-long line: dropped
            continue
        if not line:
            return None
        at = line.lower().find(_HEADER)
        if at >= 0:
            return line[at:]


def _message_id(data: Any) -> int | str | None:
    """The id of a message, when it has one JSON-RPC allows."""
    msg_id = data.get("id") if isinstance(data, dict) else None
    return msg_id if isinstance(msg_id, (int, str)) and not isinstance(msg_id, bool) else None


def _invalid(data: Any) -> str | None:
    """Why `data` is not a JSON-RPC 2.0 message, or None."""
    if not isinstance(data, dict):
        return "not a JSON object"
    if data.get("jsonrpc") != "2.0":
        return 'no "jsonrpc": "2.0"'
    if "id" in data and data["id"] is not None and _message_id(data) is None:
        return "an id must be a number or a string"
    if "method" in data and not isinstance(data["method"], str):
        return "a method must be a string"
    if "method" not in data and "id" not in data:
        return "neither a method nor an id"
    return None


def dispatch(protocol: DockerlintProtocol, body: bytes) -> None:
    """Hand one message body to pygls, or answer why it cannot be."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        log.error("a message that is not JSON: %s", error)
        protocol.send_error(None, PARSE_ERROR, f"Parse error: {error}")
        return
    problem = _invalid(data)
    if problem is not None:
        log.error("an invalid message: %s", problem)
        protocol.send_error(_message_id(data), INVALID_REQUEST, f"Invalid Request: {problem}")
        return
    method = data.get("method")
    if getattr(protocol, "_shutdown", False) and method not in (None, "exit") and "id" in data:
        protocol.send_error(_message_id(data), INVALID_REQUEST, f"Invalid Request: {method} after shutdown")
        return
    try:
        protocol.handle_message(protocol.structure_message(data))
    except Exception as error:  # pygls answers a request whose handler fails; this is anything else
        log.error("message %s not handled: %r", method, error)
