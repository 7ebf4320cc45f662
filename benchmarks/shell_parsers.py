"""Compare shell parsers for RUN scripts on the shared Dockerfile corpus.

Candidates:

* ``tree-sitter``  tree-sitter + tree-sitter-bash (a tree with ERROR/MISSING
  nodes counts as a failure)
* ``bashlex``      bashlex.parse (an exception counts as a failure)
* ``dockerlint``   our own recursive-descent parser, ``dockerlint.shell``
  (full command model: parse + wrappers + ``sh -c`` + pipefail); a script
  with ``Script.errors`` counts as a failure

For each: parse rate, time per script, and import cost (``python -X
importtime``).  When ``bash`` is installed, ``bash -n`` is used as the
reference for which scripts are valid shell, and each candidate's agreement
with it is reported too.  The corpus is every shell-form RUN (value[0], or
the heredoc body for ``RUN <<EOF``; ``cmd <<EOF`` forms get their bodies
appended as a real shell would see them), split by the dialect the stage's
SHELL / Windows base image implies.

Usage: python benchmarks/shell_parsers.py [--corpus DIR] [--json]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

_HEREDOC_ONLY = re.compile(r"\s*<<-?(['\"]?)([A-Za-z0-9_]+)\1\s*")
_WINDOWS_IMAGE = re.compile(r"windows|nanoserver|servercore", re.I)


@dataclass
class RunScript:
    path: str
    text: str
    dialect: str  # "posix" or "windows"
    category: str  # "real", "invalid", "buildkit-parser", ...


def shell_dialect(shell: list[str]) -> str:
    exe = shell[0].replace("\\", "/").rsplit("/", 1)[-1].lower() if shell else "sh"
    exe = exe.removesuffix(".exe")
    return "windows" if exe in ("powershell", "pwsh", "cmd") else "posix"


def load_corpus(corpus: Path) -> list[RunScript]:
    """Every shell-form RUN script of the corpus, with its dialect."""
    out: list[RunScript] = []
    with open(corpus / "MANIFEST.tsv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for row in rows:
        path = row["path"]
        expected = json.loads((corpus / "expected" / (path + ".json")).read_text(encoding="utf-8"))
        if not isinstance(expected, list):
            continue
        category = path.split("/", 1)[0]
        stage_dialect: dict[str, str] = {}
        dialect = "posix"
        current_stage: str | None = None
        for ins in expected:
            cmd = (ins.get("cmd") or "").upper()
            value = ins.get("value") or []
            if cmd == "FROM" and value:
                base = value[0].lower()
                if base in stage_dialect:
                    dialect = stage_dialect[base]
                else:
                    dialect = "windows" if _WINDOWS_IMAGE.search(base) else "posix"
                if len(value) >= 3 and value[1].lower() == "as":
                    stage_dialect[value[2].lower()] = dialect
                    current_stage = value[2].lower()
                else:
                    current_stage = None
                continue
            if cmd == "SHELL" and ins.get("json") and value:
                dialect = shell_dialect(value)
                if current_stage:
                    stage_dialect[current_stage] = dialect
                continue
            if cmd != "RUN" or ins.get("json") or not value:
                continue
            text = value[0]
            heredocs = ins.get("heredocs") or []
            if heredocs:
                if _HEREDOC_ONLY.fullmatch(text):
                    text = heredocs[0]["content"]
                else:
                    text = text + "\n" + "".join(h["content"] + h["name"] + "\n" for h in heredocs)
            out.append(RunScript(path, text, dialect, category))
    return out


# -- candidates -----------------------------------------------------------------

def make_treesitter():
    from tree_sitter import Language, Parser
    import tree_sitter_bash

    parser = Parser(Language(tree_sitter_bash.language()))

    def parse(text: str) -> bool:
        return not parser.parse(text.encode("utf-8")).root_node.has_error

    def parse_and_walk(text: str) -> bool:
        # the cost of visiting every node from Python, as a model builder must
        tree = parser.parse(text.encode("utf-8"))
        cursor = tree.walk()
        visited = True
        while visited:
            _ = cursor.node.type
            if cursor.goto_first_child() or cursor.goto_next_sibling():
                continue
            visited = False
            while cursor.goto_parent():
                if cursor.goto_next_sibling():
                    visited = True
                    break
        return not tree.root_node.has_error

    def names(text: str) -> list[str]:
        tree = parser.parse(text.encode("utf-8"))
        out: list[str] = []
        stack = [tree.root_node]
        while stack:
            node = stack.pop()
            if node.type == "command":
                name = node.child_by_field_name("name")
                if name is not None:
                    out.append(name.text.decode("utf-8", "replace"))
            elif node.type in ("declaration_command", "unset_command"):
                out.append(node.children[0].text.decode())
            stack.extend(node.children)
        return sorted(out)

    return parse, parse_and_walk, names


def make_bashlex():
    import bashlex

    def parse(text: str) -> bool:
        try:
            bashlex.parse(text)
            return True
        except Exception:
            return False

    return parse


def make_dockerlint():
    from dockerlint.shell import parse_script
    from dockerlint.shell.rdparser import RDParser

    def parse(text: str) -> bool:
        return not parse_script(text).errors

    def parse_only(text: str) -> bool:
        return not RDParser(text).run().errors

    def names(text: str) -> list[str]:
        out = []
        for c in parse_script(text).commands:
            if c.words and not {"sh -c", "sh heredoc"} & set(c.context) and c.words[0].text != "[":
                out.append(c.words[0].text)
        return sorted(out)

    return parse, parse_only, names


def bash_accepts(text: str) -> bool | None:
    bash = shutil.which("bash")
    if bash is None:
        return None
    r = subprocess.run([bash, "-n"], input=text.encode("utf-8"), capture_output=True, timeout=20)
    return r.returncode == 0


# -- measurement ------------------------------------------------------------------

def import_cost_ms(stmt: str, runs: int = 7) -> float:
    """Median extra import time of ``stmt`` over a bare interpreter, from
    ``-X importtime`` (sum of the self times of every module it loads)."""

    # measure with byte-code caches, as an installed package has them (the
    # caches go to a temporary prefix so the source tree stays clean)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "dockerlint-bench-pycache")

    def total(code: str) -> float:
        r = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                           capture_output=True, text=True, cwd=REPO, env=env)
        us = 0
        for line in r.stderr.splitlines():
            m = re.match(r"import time:\s+(\d+)\s*\|", line)
            if m:
                us += int(m.group(1))
        return us / 1000

    total(stmt)  # warm the byte-code cache
    base = statistics.median(total("pass") for _ in range(runs))
    return max(0.0, statistics.median(total(stmt) for _ in range(runs)) - base)


def time_per_script(fn, scripts: list[str], repeat: int = 3) -> tuple[float, list[bool]]:
    best = float("inf")
    results: list[bool] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        results = [fn(s) for s in scripts]
        best = min(best, time.perf_counter() - t0)
    return best / max(1, len(scripts)) * 1e6, results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.environ.get("DOCKERLINT_CORPUS", str(REPO.parent / "shared" / "corpus")))
    ap.add_argument("--json", action="store_true", help="print machine-readable results")
    ap.add_argument("--no-bash", action="store_true", help="skip the bash -n reference")
    args = ap.parse_args(argv)

    corpus = load_corpus(Path(args.corpus))
    posix = [s for s in corpus if s.dialect == "posix"]
    texts = [s.text for s in posix]
    print(f"corpus: {len(corpus)} shell-form RUN scripts, {len(posix)} POSIX "
          f"({sum(s.category == 'real' for s in posix)} from real/), "
          f"{len(corpus) - len(posix)} Windows (skipped)")

    reference: list[bool | None] = [None] * len(texts)
    if not args.no_bash and shutil.which("bash"):
        reference = [bash_accepts(t) for t in texts]
        print(f"bash -n accepts {sum(bool(r) for r in reference)}/{len(texts)} POSIX scripts")

    ts_parse, ts_walk, ts_names = make_treesitter()
    dl_parse, dl_parse_only, dl_names = make_dockerlint()
    candidates = {
        "tree-sitter-bash": (ts_parse, "import tree_sitter, tree_sitter_bash"),
        "tree-sitter-bash + node walk": (ts_walk, "import tree_sitter, tree_sitter_bash"),
        "bashlex": (make_bashlex(), "import bashlex"),
        "dockerlint.shell (RD parse only)": (dl_parse_only, "import dockerlint.shell.rdparser"),
        "dockerlint.shell (full model)": (dl_parse, "import dockerlint.shell"),
    }
    results = {}
    real_idx = [i for i, s in enumerate(posix) if s.category == "real"]
    for name, (fn, stmt) in candidates.items():
        us, ok = time_per_script(fn, texts, repeat=1 if name == "bashlex" else 3)
        rate = sum(ok) / len(ok)
        real_rate = sum(ok[i] for i in real_idx) / max(1, len(real_idx))
        agree = None
        if reference[0] is not None:
            agree = sum(o == r for o, r in zip(ok, reference)) / len(ok)
        results[name] = {
            "parse_rate": rate, "parse_rate_real": real_rate, "parsed": sum(ok), "scripts": len(ok),
            "us_per_script": us, "import_ms": import_cost_ms(stmt), "agreement_with_bash_n": agree,
            "failures": [posix[i].path for i, o in enumerate(ok) if not o][:200],
        }

    # do the command names agree with tree-sitter where both parse?
    same = both = 0
    for t in texts:
        if ts_parse(t) and dl_parse(t):
            both += 1
            same += ts_names(t) == dl_names(t)
    cross = {"both_parse": both, "same_command_names": same}

    if args.json:
        print(json.dumps({"candidates": results, "dockerlint_vs_tree_sitter": cross}, indent=1))
        return 0
    hdr = f"{'candidate':34} {'parsed':>11} {'rate':>7} {'real/':>7} {'bash -n agr.':>12} {'us/script':>10} {'import ms':>10}"
    print(hdr)
    print("-" * len(hdr))
    for name, r in results.items():
        agr = "-" if r["agreement_with_bash_n"] is None else f"{r['agreement_with_bash_n']:.1%}"
        print(f"{name:34} {r['parsed']:>5}/{r['scripts']:<5} {r['parse_rate']:>7.1%} {r['parse_rate_real']:>7.1%} "
              f"{agr:>12} {r['us_per_script']:>10.1f} {r['import_ms']:>10.1f}")
    print(f"\ncommand names identical to tree-sitter's on {same}/{both} scripts both parse")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
