"""How much of the corpus the image table knows, and what the rules built on it say there.

    python benchmarks/image_knowledge.py [--details] [--unknown N]

Over every real corpus file (tests/corpus.py; $DOCKERLINT_CORPUS picks another corpus), each FROM
line is counted once as: a stage of the same file, `scratch`, an image whose reference still holds a
variable without a default, an image the table knows, or one it does not (the most common of those
are listed). Then the findings of the rules that read the table, all rules enabled (full-base-image
is off by default), with `--details` printing every one of them to be read.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dockerlint.engine import lint  # noqa: E402
from dockerlint.knowledge.images import facts_for  # noqa: E402
from dockerlint.semantics.model import Model  # noqa: E402
from dockerlint.settings import Settings  # noqa: E402
from dockerlint.syntax.parser import parse  # noqa: E402
from tests import corpus  # noqa: E402

RULES = ("DKL111", "DKL112", "DKL113", "DKL301", "DKL302")


def classify(model: Model) -> list[tuple[str, str]]:
    """(kind, image text) for each FROM of the model."""
    out = []
    for stage in model.stages:
        node = stage.node
        text = node.image.text if node.image is not None else ""
        if stage.base_stage is not None:
            out.append(("stage", text))
        elif stage.image is None or (node.image is not None and model.expand(node.image, node).unresolved):
            out.append(("variable", text))
        elif stage.image.is_scratch:
            out.append(("scratch", text))
        else:
            known = facts_for(stage.image)
            out.append(("known" if known is not None and known.os is not None else "unknown", stage.image_text or text))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--details", action="store_true", help="print every finding of the image rules")
    ap.add_argument("--unknown", type=int, default=15, help="how many unknown images to list")
    args = ap.parse_args()
    paths = [row["path"] for row in corpus.entries() if row["path"].startswith("real/")]
    kinds: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    details: list[str] = []
    settings = Settings(select=list(RULES))
    for path in paths:
        text = corpus.source(path)
        df = parse(text)
        for kind, image in classify(Model(df)):
            kinds[kind] += 1
            if kind == "unknown":
                unknown[image.split(":", 1)[0].split("@", 1)[0]] += 1
        for f in lint(text, settings=settings, dockerfile=df).findings:
            findings[f.rule.code] += 1
            if args.details:
                details.append(f"{f.rule.code} {path}:{f.span.start}: {f.message}")
    outside = kinds["known"] + kinds["unknown"]
    print(f"{len(paths)} files, {sum(kinds.values())} FROM lines: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    print(f"the table knows {kinds['known']} of {outside} FROM lines naming an outside image "
          f"({100 * kinds['known'] / max(outside, 1):.0f}%)")
    print("most common unknown: " + ", ".join(f"{name} {n}" for name, n in unknown.most_common(args.unknown)))
    print("findings (all rules of the table on, no build context): "
          + ", ".join(f"{code} {findings[code]}" for code in RULES))
    for line in details:
        print(line)


if __name__ == "__main__":
    main()
