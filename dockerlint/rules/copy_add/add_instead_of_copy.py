from __future__ import annotations

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
    good="FROM alpine:3.20\nCOPY app.py /app/\nADD vendor.tar.gz /opt/\n",
    fix="safe",
    fix_description="Replace `ADD` with `COPY` (offered when no ADD-only flag is used).",
    divergence=(
        "Like hadolint, archives (by extension) and http(s) URLs are ADD's business; git URLs "
        "(`git@…`, `https://….git`) are too. A source whose variable has no known value is not "
        "judged (hadolint reports `ADD $URL …`). Heredoc sources are reported: COPY takes them too. "
        "Checkov flags every ADD; Trivy allows only `.tar`."
    ),
)

_ADD_ONLY_FLAGS = frozenset(("checksum", "keep-git-dir", "unpack"))


@check(META, on=nodes.Add)
def add_instead_of_copy(node: nodes.Add, ctx: Context) -> Iterator[Finding]:
    plain = 0
    for word in node.sources:
        value = word.text if is_heredoc(word, node) else expanded(word, node, ctx)
        if value is not None and not (is_archive(value) or is_remote(value)):
            plain += 1
    if not plain:
        return
    fix = None
    if plain == len(node.sources) and not any(f.key in _ADD_ONLY_FLAGS for f in node.flags):
        keyword = "copy" if node.keyword.text.islower() else "COPY"
        fix = Fix(f"Replace `{node.keyword.text}` with `{keyword}`", (replace(node.keyword.span, keyword),))
    yield ctx.finding(META, node.keyword.span, "Use COPY for local files: ADD is only needed for URLs, git repositories "
                      "and archives to unpack", fix=fix)
