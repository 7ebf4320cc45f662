"""The language server's memory over a long editing session, as VS Code drives it while you type.

    python benchmarks/lsp_memory.py [--edits 5000] [--lines 300] [--every 500]

Opens a Dockerfile stitched together from the real-world corpus (--lines), then per edit: a
`didChange` (a character typed at the end of a RUN line, or deleted again), then
`semanticTokens/full` and a `hover` on a stage or variable name, both awaited. Prints the
server's RSS (and its peak) every --every edits. A server that frees replaced versions
stays flat after the first few hundred edits.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.lsp import CAPABILITIES, Client, corpus_document  # noqa: E402


def _status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _hover_target(lines: list[str]) -> dict[str, int]:
    """A position on a `$VARIABLE` use (or a stage name), which hover resolves through the index."""
    for i, line in enumerate(lines):
        found = re.search(r"\$\{?([A-Za-z_]\w*)", line)
        if found:
            return {"line": i, "character": found.start(1)}
    return {"line": 0, "character": 1}


async def session(edits: int, lines_wanted: int, every: int) -> list[tuple[int, float, float, float]]:
    client = await Client.start([sys.executable, "-m", "dockerlint", "lsp"])
    pid = client.proc.pid
    await client.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": CAPABILITIES,
                                        "initializationOptions": {"settings": {"shellcheck": {"enable": False}}}})
    client.notify("initialized", {})
    uri = "file:///bench/memory/Dockerfile"
    doc = corpus_document(lines_wanted)
    lines = doc.split("\n")
    opened = client.diagnostics_for(uri)
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1,
                                                            "text": doc}})
    await asyncio.wait_for(opened, 120)
    run_lines = [i for i, line in enumerate(lines) if line.startswith("RUN ")] or [0]
    target = _hover_target(lines)
    rows = [(0, 0.0, _status_mb(pid, "VmRSS"), _status_mb(pid, "VmHWM"))]
    start = time.perf_counter()
    for n in range(1, edits + 1):
        line = run_lines[((n - 1) // 2) % len(run_lines)]  # typed at edit n, deleted at n + 1
        end = len(lines[line])
        if n % 2:
            change = {"range": {"start": {"line": line, "character": end}, "end": {"line": line, "character": end}},
                      "text": "x"}
            lines[line] += "x"
        else:
            change = {"range": {"start": {"line": line, "character": end - 1},
                                "end": {"line": line, "character": end}}, "text": ""}
            lines[line] = lines[line][:-1]
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": n + 1},
                                                 "contentChanges": [change]})
        await client.request("textDocument/semanticTokens/full", {"textDocument": {"uri": uri}})
        await client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": target})
        if n % every == 0 or n == edits:
            rows.append((n, time.perf_counter() - start, _status_mb(pid, "VmRSS"), _status_mb(pid, "VmHWM")))
            print(f"{n:>6} edits {rows[-1][1]:8.1f} s  RSS {rows[-1][2]:8.1f} MB  peak {rows[-1][3]:8.1f} MB",
                  flush=True)
    await client.close()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--edits", type=int, default=5000)
    ap.add_argument("--lines", type=int, default=300, help="size of the edited document (whole corpus files)")
    ap.add_argument("--every", type=int, default=500, help="print RSS every this many edits")
    args = ap.parse_args()
    asyncio.run(session(args.edits, args.lines, args.every))


if __name__ == "__main__":
    main()
