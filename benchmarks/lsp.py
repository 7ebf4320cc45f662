"""Language-server latency and memory: dockerlint vs dockerfile-language-server-nodejs, same run.

    python benchmarks/lsp.py [--edits 100] [--lines 1000] [--debounce 50] [--no-node] [--services 3]

On a ~1,000-line Dockerfile (--lines) stitched together from the real-world corpus files, it
measures over many edits the time from `didChange` to the `publishDiagnostics` for
it, completion latency and hover latency (p50, p95), and the server's RSS after
opening 200 documents. Edits (a character typed and deleted, a line break inserted and
removed, at the ends of RUN lines) are paced like typing (--gap ms apart). The node server
is installed on first use with npm into benchmarks/node_modules/.lsp (git-ignored).
A stdlib-only JSON-RPC client drives both servers identically.

With --services N, the document is saved in a temporary folder beside a Compose file whose N
services build it, each from a context of its own with its own value for the document's first
ARG: dockerlint checks it once per service (without, the document has no build context).

Diagnostics count as arrived when the last byte of the publication for that version
has been read; the second row adds this client's JSON decoding of it (Python's json
takes ~2 ms for the ~120 KB of 300 diagnostics; an editor's JSON.parse far less).

The last row calibrates the machine: a fixed ~4 ms of pure-Python work, run after the same
idle gap as the edits. On a virtual machine whose processor sleeps when idle, its p95 can
be three times its p50 (against 1.5 times back to back, the row below): that share of a
server's tail is the machine's.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NODE_PREFIX = ROOT / "benchmarks" / "node_modules" / ".lsp"
NODE_SERVER = NODE_PREFIX / "node_modules" / ".bin" / "docker-langserver"
sys.path.insert(0, str(ROOT))


def corpus_document(lines: int = 1000) -> str:
    """Real-world corpus Dockerfiles, whole, one after another until `lines` lines."""
    from tests.corpus import entries, source

    out: list[str] = []
    count = 0
    for entry in entries():
        if not entry["path"].startswith("real/") or entry["parser"] != "ok":
            continue
        text = source(entry["path"])
        if "\r" in text or not text.isascii():
            continue
        text = text if text.endswith("\n") else text + "\n"
        out.append(text)
        count += text.count("\n")
        if count >= lines:
            break
    return "".join(out)


class Client:
    """A minimal LSP client over a subprocess's stdio."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.next_id = 0
        self.pending: dict[int, asyncio.Future[Any]] = {}
        self.waiters: list[tuple[str, asyncio.Future[Any]]] = []
        self.reader = asyncio.ensure_future(self._read())

    @classmethod
    async def start(cls, cmd: list[str]) -> Client:
        proc = await asyncio.create_subprocess_exec(*cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                                    stderr=subprocess.DEVNULL, limit=2**26)
        return cls(proc)

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    async def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        self._send({"id": self.next_id, "method": method, "params": params})
        return await future

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def wait(self, method: str) -> asyncio.Future[Any]:
        future = asyncio.get_running_loop().create_future()
        self.waiters.append((method, future))
        return future

    async def _read(self) -> None:
        stream = self.proc.stdout
        while True:
            length = 0
            while True:
                line = await stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = await stream.readexactly(length)
            received = time.perf_counter()
            message = json.loads(body)
            if "method" in message and "id" in message:  # a request from the server
                result = [None] * len(message["params"]["items"]) if message["method"] == "workspace/configuration" else None
                self._send({"id": message["id"], "result": result})
            elif "method" in message:
                for waiter in [w for w in self.waiters if w[0] == message["method"]]:
                    self.waiters.remove(waiter)
                    if not waiter[1].done():
                        waiter[1].set_result((message["params"], received))
            elif message.get("id") in self.pending:
                self.pending.pop(message["id"]).set_result(message.get("result"))

    async def diagnostics_for(self, uri: str, version: int | None = None) -> float:
        """When the diagnostics of that document (and version, when the server says which) arrived."""
        while True:
            params, received = await self.wait("textDocument/publishDiagnostics")
            if params["uri"] == uri and (version is None or params.get("version") in (None, version)):
                return received

    async def close(self) -> None:
        try:
            await asyncio.wait_for(self.request("shutdown", None), 10)
            self.notify("exit", None)
            await asyncio.wait_for(self.proc.wait(), 10)
        except (asyncio.TimeoutError, ConnectionError):
            self.proc.kill()
        self.reader.cancel()


CAPABILITIES = {
    "textDocument": {
        "synchronization": {"didSave": True},
        "publishDiagnostics": {"versionSupport": True},
        "completion": {"completionItem": {"snippetSupport": True}},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
    },
    "workspace": {"configuration": True},
}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def compose_project(folder: Path, doc: str, services: int) -> str:
    """The document saved in `folder/docker/` with a Compose file whose `services` services build it,
    each from its own context folder, passing its own value to the document's first ARG; its URI."""
    import re

    dockerfile = folder / "docker" / "Dockerfile"
    dockerfile.parent.mkdir(parents=True)
    dockerfile.write_text(doc)
    arg = re.search(r"^ARG ([A-Za-z_][A-Za-z0-9_]*)", doc, re.MULTILINE)
    lines = ["services:"]
    for i in range(services):
        (folder / f"ctx{i}").mkdir()
        lines += [f"  s{i}:", "    build:", f"      context: ./ctx{i}", "      dockerfile: ../docker/Dockerfile"]
        if arg is not None:
            lines += ["      args:", f"        {arg.group(1)}: value{i}"]
    (folder / "compose.yaml").write_text("\n".join(lines) + "\n")
    return dockerfile.as_uri()


async def measure(cmd: list[str], doc: str, args: argparse.Namespace, options: Any, uri: str) -> dict[str, Any]:
    client = await Client.start(cmd)
    await client.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": CAPABILITIES,
                                        "initializationOptions": options})
    client.notify("initialized", {})
    opened = client.diagnostics_for(uri)
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1,
                                                            "text": doc}})
    await asyncio.wait_for(opened, 120)
    lines = doc.split("\n")
    run_lines = [i for i, line in enumerate(lines) if line.startswith("RUN ")]
    # Edits at the end of RUN lines, alternating add and delete: typing an "x" and deleting it,
    # and every other pair a line break (Enter, then Backspace), which moves every line below.
    diag_times: list[float] = []
    decoded_times: list[float] = []
    version = 1
    for n in range(args.edits):
        line = run_lines[(n // 2) % len(run_lines)]
        end = len(lines[line])
        typed = "x" if n % 4 < 2 else "\n"
        if n % 2 == 0:  # type it at the end of the line...
            change = {"range": {"start": {"line": line, "character": end}, "end": {"line": line, "character": end}},
                      "text": typed}
            lines[line] += "x" if typed == "x" else ""
            if typed == "\n":
                lines.insert(line + 1, "")
        elif typed == "x":  # ...and delete it
            change = {"range": {"start": {"line": line, "character": end - 1},
                                "end": {"line": line, "character": end}}, "text": ""}
            lines[line] = lines[line][:-1]
        else:
            change = {"range": {"start": {"line": line, "character": end}, "end": {"line": line + 1, "character": 0}},
                      "text": ""}
            del lines[line + 1]
        version += 1
        waiting = client.diagnostics_for(uri, version)
        start = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [change]})
        received = await asyncio.wait_for(waiting, 60)
        diag_times.append((received - start) * 1000)
        decoded_times.append((time.perf_counter() - start) * 1000)
        await asyncio.sleep(args.gap / 1000)

    async def latency(method: str, params: dict[str, Any]) -> list[float]:
        times = []
        for _ in range(args.requests):
            start = time.perf_counter()
            await client.request(method, params)
            times.append((time.perf_counter() - start) * 1000)
        return times

    # stage names after `COPY --from=`, or instruction keywords at the start of the file
    from_line = next((i for i, line in enumerate(lines) if line.startswith("COPY --from=")), None)
    completion = await latency("textDocument/completion", {"textDocument": {"uri": uri}, "position": (
        {"line": 0, "character": 0} if from_line is None else {"line": from_line, "character": len("COPY --from=")})})
    hover = await latency("textDocument/hover", {
        "textDocument": {"uri": uri}, "position": {"line": run_lines[len(run_lines) // 2], "character": 1}})
    # Memory: 200 more documents open.
    for i in range(200):
        other = f"file:///bench/{i}/Dockerfile"
        waiting = client.diagnostics_for(other)
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": other, "languageId": "dockerfile", "version": 1, "text": doc[: 2_000 + 50 * i]}})
        await asyncio.wait_for(waiting, 120)
    rss = _rss_mb(client.proc.pid)
    await client.close()
    return {"diagnostics": diag_times, "decoded": decoded_times, "completion": completion, "hover": hover, "rss": rss}


def _rss_mb(pid: int) -> float:
    """RSS of the process and its children (the node server may fork), in MB."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        found = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return found + [g for c in found for g in _children(c)]


def _fixed_work() -> int:
    total, seen = 0, {}
    for i in range(20_000):
        seen[i % 500] = total
        total += i * 3 % 7
    return total


def calibration(gap_ms: float, rounds: int = 100) -> list[float]:
    """Times of a fixed piece of work, each after `gap_ms` idle, as an edit follows typing."""
    times = []
    for _ in range(rounds):
        time.sleep(gap_ms / 1000)
        start = time.perf_counter()
        _fixed_work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def ensure_node_server() -> list[str] | None:
    if not NODE_SERVER.exists():
        if shutil.which("npm") is None:
            return None
        NODE_PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(NODE_PREFIX), "--no-audit", "--no-fund",
                        "dockerfile-language-server-nodejs@0.15.0"], check=False, capture_output=True)
    return [str(NODE_SERVER), "--stdio"] if NODE_SERVER.exists() else None


def row(name: str, ours: list[float] | float, theirs: list[float] | float | None) -> str:
    if isinstance(ours, float):
        them = f"{theirs:8.1f}" if isinstance(theirs, float) else "       -"
        ratio = f"{ours / theirs:6.2f}x" if isinstance(theirs, float) and theirs else "      -"
        return f"{name:<28} {ours:8.1f} {'':8} {them} {'':8} {ratio}"
    cells = [pct(ours, 50), pct(ours, 95)]
    if theirs:
        cells += [pct(theirs, 50), pct(theirs, 95)]
        ratio = f"{cells[1] / cells[3]:6.2f}x" if cells[3] else "      -"
        return f"{name:<28} {cells[0]:8.2f} {cells[1]:8.2f} {cells[2]:8.2f} {cells[3]:8.2f} {ratio}"
    return f"{name:<28} {cells[0]:8.2f} {cells[1]:8.2f} {'-':>8} {'-':>8}"


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--edits", type=int, default=100)
    ap.add_argument("--lines", type=int, default=1000, help="size of the edited document (whole corpus files)")
    ap.add_argument("--requests", type=int, default=100)
    ap.add_argument("--gap", type=float, default=120, help="ms between edits (typing pace)")
    ap.add_argument("--debounce", type=float, default=None, help="dockerlint's debounce setting, ms (default: its own)")
    ap.add_argument("--no-shellcheck", action="store_true", help="run dockerlint without ShellCheck")
    ap.add_argument("--no-node", action="store_true")
    ap.add_argument("--services", type=int, default=0, help="Compose services that build the document (see above)")
    args = ap.parse_args()
    doc = corpus_document(args.lines)
    print(f"document: {doc.count(chr(10))} lines, {len(doc)} characters, from the corpus")
    with tempfile.TemporaryDirectory() as folder:
        uri = compose_project(Path(folder), doc, args.services) if args.services else "file:///bench/Dockerfile"
        await compare(doc, args, uri)


async def compare(doc: str, args: argparse.Namespace, uri: str) -> None:
    settings: dict[str, Any] = {}
    if args.debounce is not None:
        settings["debounce"] = args.debounce
    if args.no_shellcheck:
        settings["shellcheck"] = {"enable": False}
    ours = await measure([sys.executable, "-m", "dockerlint", "lsp"], doc, args, {"settings": settings}, uri)
    node = None if args.no_node else ensure_node_server()
    theirs = await measure(node, doc, args, None, uri) if node else None
    print(f"{'ms':<28} {'p50':>8} {'p95':>8} {'node p50':>8} {'node p95':>8} {'p95 ratio':>8}")
    for key, name in (("diagnostics", "didChange → diagnostics"), ("decoded", "  + client's JSON decode"),
                      ("completion", "completion"), ("hover", "hover")):
        print(row(name, ours[key], theirs[key] if theirs else None))
    print(row("RSS after 200 docs (MB)", ours["rss"], theirs["rss"] if theirs else None))
    print(row("machine: fixed work after idle", calibration(args.gap), None))
    print(row("  ... back to back", calibration(0), None))


if __name__ == "__main__":
    asyncio.run(main())
