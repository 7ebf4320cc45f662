"""What dockerlint prints: text that cannot drive the terminal, JSON that is valid UTF-8,
and writes that either finish or fail with a message.

File names and contents are the user's (or an attacker's) bytes: escape sequences in them
would retitle, clear or recolour the terminal, and bytes that are not UTF-8 (kept as lone
surrogates by `surrogateescape`) cannot be encoded. Human-readable output shows them as
backslash escapes; JSON shows them as `\\uXXXX` escapes.
"""
from __future__ import annotations

import re
import sys
from typing import Any

from dockerlint.cli import OutputError
from dockerlint.files import write_all

# C0 controls (tab and, in `_UNSAFE_TEXT`, newline excepted), DEL, C1 controls, bidirectional
# overrides and isolates (they reorder what is shown), and lone surrogates.
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE_NAME = re.compile(f"[\n{_UNSAFE}]")
_UNSAFE_TEXT = re.compile(f"[{_UNSAFE}]")
_UNSAFE_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")  # json.dumps escapes C0 itself
_NAMED = {"\n": "\\n", "\r": "\\r", "\x1b": "\\e"}


def _escaped(match: re.Match[str]) -> str:
    c = match.group()
    code = ord(c)
    if c in _NAMED:
        return _NAMED[c]
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte that is not UTF-8, as surrogateescape kept it
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def name(text: str) -> str:
    """A file name or any one-line value, with every unsafe character (newline too) escaped."""
    return _UNSAFE_NAME.sub(_escaped, text) if _UNSAFE_NAME.search(text) else text


def text(value: str) -> str:
    """Lines of text for the terminal: newlines and tabs kept, every other unsafe character escaped."""
    return _UNSAFE_TEXT.sub(_escaped, value) if _UNSAFE_TEXT.search(value) else value


def frame(line: str) -> str:
    """A source line for a code frame: one column per character, so that markers stay aligned."""
    if not _UNSAFE_NAME.search(line):
        return line
    return _UNSAFE_NAME.sub(lambda m: " " if m.group() < "\x80" else "\ufffd", line)


def dumps(value: Any, indent: int | None = None) -> str:
    """JSON that is valid UTF-8 and safe on a terminal: non-ASCII text stays readable, the
    characters `_UNSAFE_JSON` names (which `json.dumps` leaves raw) become `\\uXXXX` escapes."""
    import json

    out = json.dumps(value, indent=indent, ensure_ascii=False)
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", out) if _UNSAFE_JSON.search(out) else out


def write(data: bytes, path: str | None = None) -> None:
    """`data` to standard output (or the file `path`), all of it: a short write or a full disk is
    an `OutputError`, never a silently cut report."""
    try:
        if path is None:
            sys.stdout.flush()
            write_all(sys.stdout.buffer, data)
            sys.stdout.buffer.flush()
        else:
            with open(path, "wb") as f:
                write_all(f, data)
    except BrokenPipeError:
        raise
    except OSError as err:
        where = "standard output" if path is None else f"--output {path}"
        raise OutputError(f"cannot write {name(where)}: {err.strerror or err}") from None
