"""Random edits of real Dockerfiles, for tests that compare incremental work with work from scratch."""
from __future__ import annotations

import random
from typing import Iterator

from tests.corpus import entries, source

# Pieces that change how the text around them lexes and means, besides plain typing.
PIECES = (
    "x", "\n", "\\", "\\\n", " ", "#", "# c\n", "RUN a\n", "<<EOF", "\nEOF\n", "EOF", "'", '"', "[", "]",
    "FROM b AS c\n", "\r\n", "\t", "ONBUILD ", "$", "`", "\n\n", "ENV A=1\n", "ARG B\n",
    'SHELL ["bash","-c"]\n', "WORKDIR /x\n", "$A", "${B}", "USER root\n", "apt-get install -y foo", " && ",
    "sudo ", "# escape=`\n", "CMD a\n",
)


def edit(text: str, rnd: random.Random) -> str:
    """Replace a random stretch (often empty, sometimes whole lines) with a few pieces."""
    if rnd.random() < 0.5:
        start = rnd.randrange(len(text) + 1)
    else:  # at a line start, where instructions begin and end
        lines = text.split("\n")
        start = min(len(text), sum(len(line) + 1 for line in lines[: rnd.randrange(len(lines))]))
    end = min(len(text), start + rnd.choice((0, 0, 1, 2, 5, 20, 60)))
    return text[:start] + "".join(rnd.choice(PIECES) for _ in range(rnd.choice((0, 1, 1, 2, 3)))) + text[end:]


def sessions(seed: int, files: int, edits: int) -> Iterator[tuple[str, list[str]]]:
    """(corpus path, successive versions of its text after each random edit)."""
    rnd = random.Random(seed)
    paths = sorted(e["path"] for e in entries())
    for path in rnd.sample(paths, files):
        text = source(path)
        versions = [text]
        for _ in range(edits):
            text = edit(text, rnd)
            versions.append(text)
        yield path, versions
