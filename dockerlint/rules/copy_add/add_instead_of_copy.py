from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, Fix, RuleMeta, check, replace
from dockerlint.rules.copy_add._helpers import expanded, is_archive, is_heredoc, is_remote
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL404",
    name="add-instead-of-copy",
    severity="error",
    aliases=("DL3020", "DS005", "CKV_DOCKER_4"),
    summary="ADD of plain local files, where COPY does the same",
    rationale=(
        "ADD does more than copy: it downloads URLs, clones git repositories and unpacks local "
        "archives. For plain files that magic only surprises readers (and a file that later "
        "becomes an archive gets unpacked). COPY says what happens."
    ),
    bad="FROM alpine:3.20\nADD app.py /app/\n",
    example_context={"app.py": "print('hello')\n"},
    good="FROM alpine:3.20\nCOPY app.py /app/\nADD vendor.tar.gz /opt/\n",
    fix="sometimes",
    fix_description=(
        "Replace `ADD` with `COPY` (offered when no ADD-only flag is used). ADD unpacks a local tar "
        "archive whatever its name (BuildKit looks at the content), so the fix is safe only when the "
        "build context is at hand and every source there is a folder or a file that is no archive "
        "(neither compressed nor tar); otherwise it is unsafe."
    ),
    divergence=(
        "Like hadolint, archives (by extension) and http(s) URLs are ADD's business; git URLs "
        "(`git@…`, `https://….git`) are too. A source whose variable has no known value is not "
        "judged (hadolint reports `ADD $URL …`). Heredoc sources are reported: COPY takes them too. "
        "Checkov flags every ADD; Trivy allows only `.tar`."
    ),
)

_ADD_ONLY_FLAGS = frozenset(("checksum", "keep-git-dir", "unpack"))


# The first bytes of what BuildKit decompresses before looking for a tar header: gzip, bzip2, xz, zstd.
_COMPRESSED = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd")


@check(META)  # a whole-file check: the fix's safety depends on files in the build context
def add_instead_of_copy(ctx: Context) -> Iterator[Finding]:
    for node in ctx.of_type(nodes.Add):
        yield from _check_add(node, ctx)  # type: ignore[arg-type]


def _check_add(node: nodes.Add, ctx: Context) -> Iterator[Finding]:
    plain: list[str] = []
    for word in node.sources:
        value = word.text if is_heredoc(word, node) else expanded(word, node, ctx)
        if value is not None and not (is_archive(value) or is_remote(value)):
            plain.append("" if is_heredoc(word, node) else value)
    if not plain:
        return
    fix = None
    if len(plain) == len(node.sources) and not any(f.key in _ADD_ONLY_FLAGS for f in node.flags):
        keyword = "copy" if node.keyword.text.islower() else "COPY"
        fix = Fix(f"Replace `{node.keyword.text}` with `{keyword}`", (replace(node.keyword.span, keyword),),
                  safe=all(not value or _no_archive(ctx, value) for value in plain))
    yield ctx.finding(META, node.keyword.span, "Use COPY for local files: ADD is only needed for URLs, git repositories "
                      "and archives to unpack", fix=fix)


def _no_archive(ctx: Context, source: str) -> bool:
    """Every path `source` sends from the build context is a folder or a file ADD would not unpack."""
    build = ctx.build
    paths = None if build is None else build.expand(source)
    if not paths:
        return False  # no context, or the source is not there: what the build sees is unknown
    try:
        return all(_plain(build.root / path) for path in paths)  # type: ignore[union-attr]
    except OSError:  # unreadable: unknown
        return False


def _plain(path: Path) -> bool:
    if path.is_dir():
        return True
    with open(path, "rb") as f:
        head = f.read(512)
    return not head.startswith(_COMPRESSED) and head[257:262] != b"ustar"
