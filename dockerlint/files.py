"""Reading and writing Dockerfiles without losing a byte."""
from __future__ import annotations

import os
import sys

BOM = "\ufeff"


class Source:
    """Decoded text (BOM removed) and what it takes to write it back byte for byte."""

    __slots__ = ("text", "bom")

    def __init__(self, text: str, bom: bool = False) -> None:
        self.text = text
        self.bom = bom

    def encode(self, text: str | None = None) -> bytes:
        body = self.text if text is None else text
        return ((BOM if self.bom else "") + body).encode("utf-8", "surrogateescape")


def decode(data: bytes) -> Source:
    # surrogateescape keeps invalid UTF-8 bytes so that a rewrite gives them back unchanged.
    text = data.decode("utf-8", "surrogateescape")
    if text.startswith(BOM):
        return Source(text[1:], bom=True)
    return Source(text)


def read_source(path: str) -> Source:
    if path == "-":
        return decode(sys.stdin.buffer.read())
    with open(path, "rb") as f:
        return decode(f.read())


def write_atomic(path: str, data: bytes) -> None:
    """Replace a file's contents without ever leaving it half-written, keeping its mode."""
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".dockerlint-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
