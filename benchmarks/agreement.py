"""How far dockerlint agrees with hadolint, DL code by DL code, over the shared corpus.

    python benchmarks/agreement.py [--details CODE] [--hadolint PATH] [--batch N]

Both run with their default configuration over every corpus file (tests/corpus.py;
$DOCKERLINT_CORPUS picks another corpus). Our findings count under every DL code among
their rule's aliases. A finding agrees when both report the same code for the same file
and line; hadolint reports an instruction's first line, so ours are counted at the first
line of the instruction that holds them. Every difference should be a bug to fix or a
divergence written in the rule's metadata.

Files hadolint cannot parse (its DL1000) are left out of the rows and counted apart. ShellCheck
findings (SCxxxx, our `shellcheck` rule's sub-codes) are compared in one row by (code, file, line).
The parse rate of the RUN scripts by our shell model closes the report.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from bisect import bisect_right
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dockerlint.engine import lint  # noqa: E402
from dockerlint.rules.registry import all_rules  # noqa: E402
from tests import corpus  # noqa: E402

Key = tuple[str, int]  # (corpus path, line)


def hadolint_findings(paths: list[str], binary: str, batch: int) -> dict[str, set[Key]]:
    """code -> {(path, line)}; files are passed `batch` at a time, one by one when a batch fails."""
    found: dict[str, set[Key]] = defaultdict(set)
    by_file = {str(corpus.CORPUS / p): p for p in paths}

    def run(chunk: list[str]) -> list[dict]:
        proc = subprocess.run([binary, "--format", "json", "--no-fail", *chunk], capture_output=True, text=True)
        try:
            return json.loads(proc.stdout or "[]")
        except ValueError:
            if len(chunk) == 1:
                return []
            return [item for one in chunk for item in run([one])]

    chunks = [list(by_file)[i:i + batch] for i in range(0, len(by_file), batch)]
    with ThreadPoolExecutor() as pool:
        for items in pool.map(run, chunks):
            for item in items:
                path = by_file.get(item.get("file", ""))
                if path is not None and str(item.get("code", "")).startswith(("DL", "SC")):
                    found[item["code"]].add((path, int(item["line"])))
    return found


def our_findings(paths: list[str]) -> dict[str, set[Key]]:
    found: dict[str, set[Key]] = defaultdict(set)
    for path in paths:
        result = lint(corpus.source(path), path=str(corpus.CORPUS / path))
        starts = [ins.span.start for ins in result.dockerfile.instructions]
        for f in result.findings:
            i = bisect_right(starts, f.span.start) - 1
            inside = i >= 0 and result.dockerfile.instructions[i].span.end >= f.span.start
            offset = starts[i] if inside else f.span.start
            line = result.lines.position(offset).line
            for alias in f.rule.aliases:
                if alias.startswith("DL"):
                    found[alias].add((path, line))
            if f.sub_code is not None:
                found[f.sub_code].add((path, line))
    return found


def shellcheck_pairs(found: dict[str, set[Key]], skip: set[str]) -> set[tuple[str, str, int]]:
    return {(code, path, line) for code, keys in found.items() if code.startswith("SC")
            for path, line in keys if path not in skip}


def shell_parse_rate(paths: list[str]) -> dict[str, Counter[str]]:
    """Per corpus folder (real, invalid, ...): RUN scripts parsed cleanly, with syntax errors,
    and not analysed (PowerShell/cmd)."""
    from dockerlint.engine import Context
    from dockerlint.semantics.scripts import run_scripts
    from dockerlint.settings import Settings
    from dockerlint.syntax import nodes
    from dockerlint.syntax.parser import parse

    rates: dict[str, Counter[str]] = defaultdict(Counter)
    for path in paths:
        df = parse(corpus.source(path))
        ctx = Context(df, path, Settings())
        for ins in df.walk():
            if isinstance(ins, nodes.Run):
                for rs in run_scripts(ctx, ins):
                    state = "skipped" if rs.script.skipped_reason else ("ok" if rs.script.ok else "errors")
                    rates[path.split("/", 1)[0]][state] += 1
                    rates["all"][state] += 1
    return rates


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--details", metavar="CODE", help="list the (file, line) pairs where CODE differs")
    ap.add_argument("--hadolint", default=str(ROOT / ".venv" / "bin" / "hadolint"))
    ap.add_argument("--batch", type=int, default=40, help="files per hadolint process")
    args = ap.parse_args(argv)

    paths = [e["path"] for e in corpus.entries()]
    theirs = hadolint_findings(paths, args.hadolint, args.batch)
    ours_all = our_findings(paths)
    owners = {a: r for r in all_rules() if r.implemented for a in r.aliases if a.startswith("DL")}
    unparsed = {path for path, _ in theirs.get("DL1000", ())}
    ours = {code: {k for k in keys if k[0] not in unparsed} for code, keys in ours_all.items()}

    print(f"{len(paths)} files from {corpus.CORPUS}; {len(unparsed)} that hadolint cannot parse (DL1000) "
          f"are left out of the rows\n")
    print("| DL code | rule | hadolint | dockerlint | agreed | only hadolint | only dockerlint |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    totals: Counter[str] = Counter()
    for code in sorted(owners):
        h, o = theirs.get(code, set()), ours.get(code, set())
        row = {"hadolint": len(h), "ours": len(o), "agreed": len(h & o), "only_h": len(h - o), "only_o": len(o - h)}
        totals.update(row)
        rule = owners[code]
        print(f"| {code} | {rule.code} {rule.name} | {row['hadolint']} | {row['ours']} | {row['agreed']} | "
              f"{row['only_h']} | {row['only_o']} |")
    print(f"| total | | {totals['hadolint']} | {totals['ours']} | {totals['agreed']} | {totals['only_h']} | "
          f"{totals['only_o']} |")
    h_sc, o_sc = shellcheck_pairs(theirs, unparsed), shellcheck_pairs(ours, unparsed)
    print(f"| SCxxxx | DKL900 shellcheck | {len(h_sc)} | {len(o_sc)} | {len(h_sc & o_sc)} | {len(h_sc - o_sc)} | "
          f"{len(o_sc - h_sc)} |")
    lost = sum(1 for keys in ours_all.values() for path, _ in keys if path in unparsed)
    print(f"\nIn the {len(unparsed)} files hadolint cannot parse, dockerlint reports {lost} findings under DL/SC codes.")

    print("\nRUN scripts parsed by the shell model (dockerlint.shell):\n")
    print("| corpus | scripts | parsed | with syntax errors | parse rate | not analysed (PowerShell/cmd) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for folder, c in sorted(shell_parse_rate(paths).items()):
        n = c["ok"] + c["errors"]
        print(f"| {folder} | {n} | {c['ok']} | {c['errors']} | {100 * c['ok'] / max(n, 1):.2f}% | {c['skipped']} |")

    if args.details:
        code = args.details.upper()
        h, o = theirs.get(code, set()), ours.get(code, set())
        print(f"\n{code}: only hadolint ({len(h - o)})")
        for path, line in sorted(h - o):
            print(f"  {path}:{line}")
        print(f"{code}: only dockerlint ({len(o - h)})")
        for path, line in sorted(o - h):
            print(f"  {path}:{line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
