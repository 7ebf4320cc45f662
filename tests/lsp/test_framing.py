"""Raw bytes on the server's stdin: the framing of messages, and the exit codes of the lifecycle.

A header that does not say where its message ends, or a body that is not a message, is
answered (Parse error / Invalid Request, with id null when the id cannot be read) and the
messages after it are read as usual: the server never goes silent.
"""
from __future__ import annotations

import json
import random
import subprocess

import pytest

from tests.lsp.conftest import SERVER


def _frame(message: dict | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


INITIALIZE = _frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                     "params": {"processId": None, "rootUri": None, "capabilities": {}}})
SHUTDOWN = _frame({"jsonrpc": "2.0", "id": "last", "method": "shutdown"})
EXIT = _frame({"jsonrpc": "2.0", "method": "exit"})


def _session(*chunks: bytes) -> tuple[list[dict], int]:
    """Everything the server wrote for these bytes on its stdin, parsed, and its exit code."""
    proc = subprocess.run(SERVER, input=b"".join(chunks), capture_output=True, timeout=60)
    replies, out = [], proc.stdout
    while out:
        head, _, rest = out.partition(b"\r\n\r\n")
        length = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
        replies.append(json.loads(rest[:length]))
        out = rest[length:]
    return replies, proc.returncode


def _answer(replies: list[dict], msg_id: object) -> dict:
    return next(r for r in replies if "method" not in r and r.get("id") == msg_id)


BAD_HEADERS = [
    b"Content-Length: -5\r\n\r\n{}",
    b"Content-Length: abc\r\n\r\n{}",
    b"Content-Length: 1e3\r\n\r\n{}",
    b"Content-Type: application/vscode-jsonrpc\r\n\r\n{\"jsonrpc\": \"2.0\", \"id\": 5}",  # no Content-Length
    b"Content-Length: 99999999999999999999\r\n\r\n{}",  # over the limit: not waited for
    b"Content-Length: 70000000\r\n\r\n{}",
    b"hello\r\n\r\n",
]


def _hover(msg_id: str) -> bytes:
    return _frame({"jsonrpc": "2.0", "id": msg_id, "method": "textDocument/hover",
                   "params": {"textDocument": {"uri": "file:///nowhere"}, "position": {"line": 0, "character": 0}}})


def test_a_bad_header_is_answered_and_the_next_message_read():
    chunks = [INITIALIZE]
    for i, bad in enumerate(BAD_HEADERS):
        chunks += [bad, _hover(f"after-{i}")]
    replies, code = _session(*chunks, SHUTDOWN, EXIT)
    assert [r["error"]["code"] for r in replies if r.get("id", 0) is None] == [-32700] * len(BAD_HEADERS)
    assert all(_answer(replies, f"after-{i}")["result"] is None for i in range(len(BAD_HEADERS)))
    assert _answer(replies, "last")["result"] is None
    assert code == 0


BAD_BODIES = [  # (body, error code, the id the error answers)
    (b'{"jsonrpc": "2.0", "id": 7, "method": ', -32700, None),
    (b"\xff\xfe{}", -32700, None),
    (b"[" * 100_000, -32700, None),
    (b"", -32700, None),
    (b"[1, 2]", -32600, None),
    (b"5", -32600, None),
    (b'{"jsonrpc": "1.0", "id": 3, "method": "shutdown"}', -32600, 3),
    (b'{"jsonrpc": "2.0", "id": [3], "method": "shutdown"}', -32600, None),
    (b'{"jsonrpc": "2.0", "id": 4, "method": 4}', -32600, 4),
    (b'{"jsonrpc": "2.0"}', -32600, None),
]


def test_a_body_that_is_not_a_message_is_answered():
    replies, code = _session(INITIALIZE, *(_frame(body) for body, _, _ in BAD_BODIES), SHUTDOWN, EXIT)
    errors = [(r["error"]["code"], r["id"]) for r in replies if "error" in r]
    assert errors == [(code, msg_id) for _, code, msg_id in BAD_BODIES]
    assert _answer(replies, "last")["result"] is None
    assert code == 0


def test_requests_after_shutdown_are_refused():
    hover = {"jsonrpc": "2.0", "id": "late", "method": "textDocument/hover",
             "params": {"textDocument": {"uri": "file:///x"}, "position": {"line": 0, "character": 0}}}
    replies, code = _session(INITIALIZE, SHUTDOWN, _frame(hover), EXIT)
    assert _answer(replies, "late")["error"]["code"] == -32600
    assert code == 0


def test_exit_without_shutdown_exits_1():
    assert _session(INITIALIZE, EXIT)[1] == 1
    assert _session(INITIALIZE, SHUTDOWN, EXIT)[1] == 0


URI = "file:///tmp/lsp-tests/fuzz/Dockerfile"
TEXT = "# syntax=docker/dockerfile:1\nARG BASE=alpine:3.19\nFROM ${BASE} as build\nENV APP=/app\nRUN echo $APP\n"
AT = {"line": 4, "character": 11}
RANGE = {"start": {"line": 0, "character": 0}, "end": {"line": 4, "character": 5}}
DOC_ID = {"uri": URI}
FORMAT = {"tabSize": 4, "insertSpaces": True}
REQUESTS = {  # method -> valid params, the starting point of each mutation
    "textDocument/hover": {"textDocument": DOC_ID, "position": AT},
    "textDocument/completion": {"textDocument": DOC_ID, "position": AT, "context": {"triggerKind": 1}},
    "textDocument/definition": {"textDocument": DOC_ID, "position": AT},
    "textDocument/references": {"textDocument": DOC_ID, "position": AT, "context": {"includeDeclaration": True}},
    "textDocument/documentHighlight": {"textDocument": DOC_ID, "position": AT},
    "textDocument/prepareRename": {"textDocument": DOC_ID, "position": AT},
    "textDocument/rename": {"textDocument": DOC_ID, "position": AT, "newName": "OTHER"},
    "textDocument/semanticTokens/full": {"textDocument": DOC_ID},
    "textDocument/semanticTokens/range": {"textDocument": DOC_ID, "range": RANGE},
    "textDocument/documentSymbol": {"textDocument": DOC_ID},
    "textDocument/foldingRange": {"textDocument": DOC_ID},
    "textDocument/documentLink": {"textDocument": DOC_ID},
    "textDocument/inlayHint": {"textDocument": DOC_ID, "range": RANGE},
    "textDocument/signatureHelp": {"textDocument": DOC_ID, "position": AT},
    "textDocument/formatting": {"textDocument": DOC_ID, "options": FORMAT},
    "textDocument/rangeFormatting": {"textDocument": DOC_ID, "range": RANGE, "options": FORMAT},
    "textDocument/onTypeFormatting": {"textDocument": DOC_ID, "position": AT, "ch": "\n", "options": FORMAT},
    "textDocument/codeAction": {"textDocument": DOC_ID, "range": RANGE,
                                "context": {"diagnostics": [], "only": ["source.fixAll"], "triggerKind": 1}},
    "textDocument/diagnostic": {"textDocument": DOC_ID},
}
ODD = [None, -1, 2**40, -(2**63), 1.5, "", "x" * 1000, "\ud800", True, [], {}, [{"line": 0}], {"line": "0"}]


def _mutated(params: object, rng: random.Random) -> object:
    """`params` with one value somewhere inside replaced by an odd one (or a key dropped)."""
    if not isinstance(params, dict) or not params or rng.random() < 0.3:
        return rng.choice(ODD)
    params = dict(params)
    key = rng.choice(sorted(params))
    if rng.random() < 0.2:
        del params[key]
    else:
        params[key] = _mutated(params[key], rng)
    return params


def test_odd_requests_are_all_answered():
    rng = random.Random(14)
    opened = {"jsonrpc": "2.0", "method": "textDocument/didOpen",
              "params": {"textDocument": {**DOC_ID, "languageId": "dockerfile", "version": 1, "text": TEXT}}}
    chunks, ids = [INITIALIZE, _frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}), _frame(opened)], []
    for n in range(300):
        method = rng.choice(sorted(REQUESTS))
        ids.append(f"fuzz-{n}")
        chunks.append(_frame({"jsonrpc": "2.0", "id": ids[-1], "method": method,
                              "params": _mutated(REQUESTS[method], rng)}))
        if n % 10 == 0:  # and odd notifications between them, which must not take the server down
            changed = {"textDocument": {**DOC_ID, "version": n + 2},
                       "contentChanges": [{"range": RANGE, "text": "FROM a\n"}]}
            chunks.append(_frame({"jsonrpc": "2.0", "method": "textDocument/didChange",
                                  "params": _mutated(changed, rng)}))
    replies, code = _session(*chunks, _hover("alive"), SHUTDOWN, EXIT)
    answered = {r.get("id") for r in replies if "method" not in r}
    assert [i for i in ids if i not in answered] == []
    assert _answer(replies, "alive").get("error") is None
    assert code == 0
