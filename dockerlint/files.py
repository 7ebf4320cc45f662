"""Reading and writing Dockerfiles (and the files around them) without losing a byte.

Everything dockerlint reads from disk goes through `read_bytes`: only regular files are read
(a FIFO named `Dockerfile` would block forever, `/dev/zero` never ends) and at most
`MAX_BYTES`. Writing back (`write_back`) goes to the file a link points at, keeps owner,
group, mode and hard links, refuses files the user cannot write or that changed since they
were read, and cannot be cut short by Ctrl-C or SIGTERM.
"""
from __future__ import annotations

import errno
import os
import stat
import sys
from contextlib import contextmanager
from typing import BinaryIO, Iterator

BOM = "\ufeff"
#: The largest file read (Dockerfiles, configuration, ignore files): 16 MiB, hundreds of times a real Dockerfile.
MAX_BYTES = 16 * 1024 * 1024
_CHUNK = 1 << 20
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


class Source:
    """Decoded text (BOM removed) and what it takes to write it back byte for byte."""

    __slots__ = ("text", "bom", "stamp")

    def __init__(self, text: str, bom: bool = False, stamp: tuple[int, int, bytes] | None = None) -> None:
        self.text = text
        self.bom = bom
        self.stamp = stamp  # (device, inode, digest) of the file as read: a rewrite checks it is unchanged

    def encode(self, text: str | None = None) -> bytes:
        body = self.text if text is None else text
        return ((BOM if self.bom else "") + body).encode("utf-8", "surrogateescape")


def decode(data: bytes, stamp: tuple[int, int, bytes] | None = None) -> Source:
    # surrogateescape keeps invalid UTF-8 bytes so that a rewrite gives them back unchanged.
    text = data.decode("utf-8", "surrogateescape")
    if text.startswith(BOM):
        return Source(text[1:], bom=True, stamp=stamp)
    return Source(text, stamp=stamp)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def _refuse(mode: int, path: str) -> OSError:
    return OSError(errno.EINVAL, f"{_kind(mode)}, not a regular file", path)


def _too_big(path: str, limit: int) -> OSError:
    return OSError(errno.EFBIG, f"larger than the {limit // (1 << 20)} MiB limit", path)


def _read(path: str, limit: int) -> tuple[bytes, os.stat_result]:
    if not stat.S_ISREG(mode := os.stat(path).st_mode):
        raise _refuse(mode, path)  # refused before opening: opening a device or FIFO can have effects
    # O_NONBLOCK: should a FIFO replace the file after the check, opening it does not wait for a writer.
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(info.st_mode, path)
        if info.st_size > limit:
            raise _too_big(path, limit)
        chunks, total = [], 0
        while chunk := os.read(fd, _CHUNK):  # files in /proc report size 0: the limit is kept while reading
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _too_big(path, limit)
        return b"".join(chunks), info
    finally:
        os.close(fd)


def read_bytes(path: str, limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes; OSError (with a message in `strerror`) for anything else or anything bigger."""
    return _read(path, limit)[0]


def read_text(path: str, errors: str = "replace") -> str:
    return read_bytes(path).decode("utf-8", errors)


def _stamp(data: bytes, info: os.stat_result) -> tuple[int, int, bytes]:
    import hashlib

    return info.st_dev, info.st_ino, hashlib.blake2b(data, digest_size=16).digest()


def read_source(path: str) -> Source:
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise _too_big("-", MAX_BYTES)
        return decode(data)
    data, info = _read(path, MAX_BYTES)
    return decode(data, _stamp(data, info))


def write_back(path: str, data: bytes, source: Source) -> None:
    """Write a file read as `source` with new contents, or raise OSError saying why it was not written."""
    target = os.path.realpath(path)  # a link stays a link: the file it points at is rewritten
    try:
        now, info = _read(target, MAX_BYTES)
    except FileNotFoundError:
        raise OSError(errno.ENOENT, "not rewritten: it was removed after it was read", path) from None
    if source.stamp is not None and _stamp(now, info) != source.stamp:
        raise OSError(errno.EBUSY, "not rewritten: it changed after dockerlint read it (run again)", path)
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise OSError(errno.EACCES, "not rewritten: the file is read-only", path)
    with _signals_held():
        # A new file renamed over the old one is never half-written, but it would split hard
        # links or change the owner: then (and in a folder the user cannot write) rewrite in place.
        if info.st_nlink > 1 or not _replace(target, data, info):
            _overwrite(target, data, info)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP wait until the write is over, so no temporary file is left behind."""
    import signal
    import threading

    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_all(stream: BinaryIO, data: bytes) -> None:
    """All of `data`, in pieces: one write() moves at most about 2 GiB on Linux, and may move less."""
    view = memoryview(data)
    while view:
        written = stream.write(view[:_CHUNK])
        view = view[written if written is not None else 0:]


def _replace(target: str, data: bytes, info: os.stat_result) -> bool:
    """Write a temporary file with the target's mode, owner and group, and rename it over the target;
    False (nothing changed) when that is not possible."""
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=".dockerlint-", dir=os.path.dirname(target))
    except OSError:
        return False  # a folder the user cannot write
    try:
        with os.fdopen(fd, "wb") as f:
            write_all(f, data)
            f.flush()
            if hasattr(os, "fchown"):
                os.fchown(fd, info.st_uid, info.st_gid)
            os.chmod(tmp, stat.S_IMODE(info.st_mode))  # after chown, which clears set-id bits
            os.fsync(fd)
        os.replace(tmp, target)
        return True
    except PermissionError:  # not allowed to give the file its owner or group back
        os.unlink(tmp)
        return False
    except BaseException:
        os.unlink(tmp)
        raise


def _overwrite(target: str, data: bytes, info: os.stat_result) -> None:
    with open(target, "r+b") as f:
        if os.fstat(f.fileno()).st_ino != info.st_ino:
            raise OSError(errno.EBUSY, "not rewritten: it was replaced after dockerlint read it (run again)", target)
        write_all(f, data)
        f.truncate()
        f.flush()
        os.fsync(f.fileno())
