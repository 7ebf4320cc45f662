from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.copy_add._helpers import expanded, is_git_url, is_http_url
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL406",
    name="add-remote-without-checksum",
    severity="warning",
    summary="ADD downloads a URL without `--checksum`, or clones git without a commit",
    rationale=(
        "Whatever the server returns today goes into the image: a compromised or changed download "
        "changes your build without any change to the Dockerfile. `ADD --checksum=sha256:…` makes "
        "BuildKit verify the download. A git source is reproducible only when pinned to a commit "
        "(`#<40-hex commit>` or `--checksum=<commit>`); a branch or tag can move."
    ),
    bad="FROM alpine:3.20\nADD https://example.com/tool-1.2.tar.gz /opt/\n",
    good=(
        "FROM alpine:3.20\n"
        "ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "
        "https://example.com/tool-1.2.tar.gz /opt/\n"
    ),
    references=("https://docs.docker.com/reference/dockerfile/#add---checksum",),
)

_COMMIT = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


def _git_ref(url: str) -> str:
    """The ref after `#` (`#ref:subdir`) or a `?ref=`/`?commit=` query, else ""."""
    if "#" in url:
        return url.split("#", 1)[1].split(":", 1)[0]
    query = re.search(r"[?&](?:commit|ref)=([^&#]+)", url)
    return query.group(1) if query else ""


@check(META, on=nodes.Add)
def add_remote_without_checksum(node: nodes.Add, ctx: Context) -> Iterator[Finding]:
    if node.flag("checksum") is not None:
        return
    for word in node.sources:
        value = expanded(word, node, ctx)
        if value is None:
            continue
        if is_git_url(value):
            if not _COMMIT.fullmatch(_git_ref(value)):
                yield ctx.finding(META, word.span, f"Pin `{word.text}` to a commit (`#<commit sha>`): a branch or tag can move")
        elif is_http_url(value):
            yield ctx.finding(
                META, word.span, f"Add `--checksum=sha256:…` so BuildKit verifies the download of `{word.text}`",
            )
