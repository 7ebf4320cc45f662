from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.copy_add._helpers import is_archive, is_heredoc
from dockerlint.semantics.scripts import commands
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.shell import Command

META = RuleMeta(
    code="DKL405",
    name="copy-then-extract-archive",
    severity="info",
    aliases=("DL3010",),
    summary="An archive is copied in and then unpacked by a later RUN",
    rationale=(
        "The copied archive stays in its own layer even after the RUN unpacks it (and usually "
        "deletes it), so the image carries it twice. `ADD archive.tar.gz /dest/` unpacks local "
        "tar archives in one step and one layer."
    ),
    bad="FROM alpine:3.20\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n",
    good="FROM alpine:3.20\nADD app.tar.gz /opt/\n",
)

_DECOMPRESSORS = frozenset(("unzip", "gunzip", "bunzip2", "unlzma", "unxz", "zgz", "uncompress", "zcat", "gzcat"))


def _extracts(cmd: Command) -> bool:
    if cmd.name in _DECOMPRESSORS:
        return True
    if cmd.name != "tar" or not cmd.args:
        return False
    first = cmd.args[0].value or ""
    return cmd.has_flag("-x", "--extract", "--get") or (not first.startswith("-") and "x" in first)


def _basename(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


@check(META)
def copy_then_extract_archive(ctx: Context) -> Iterator[Finding]:
    # only the stages that copy an archive have anything to report
    for stage in ctx.stages_of([ins for ins in ctx.of_type(nodes.Copy) if any(is_archive(w.text) for w in ins.args)]):
        pending: dict[str, nodes.Word] = {}  # archive basename -> the COPY source that brought it
        reported: set[int] = set()
        for ins in stage.instructions:
            if isinstance(ins, nodes.Copy) and ins.flag("from") is None and ins.destination is not None:
                dest = ins.destination.text
                for word in ins.sources:
                    if is_heredoc(word, ins):
                        continue
                    for path in (word.text, dest):
                        if is_archive(path) and not path.endswith("/"):
                            pending[_basename(path)] = word
                continue
            if not isinstance(ins, nodes.Run) or not pending:
                continue
            for _, cmd in commands(ctx, ins):
                if not _extracts(cmd):
                    continue
                for arg in cmd.args:
                    source = pending.get(_basename(arg.value or ""))
                    if source is not None and id(source) not in reported:
                        reported.add(id(source))
                        line = ctx.lines.position(ins.span.start).line
                        yield ctx.finding(
                            META, source.span,
                            f"`{source.text}` is unpacked on line {line}: `ADD` it to the target directory instead "
                            "(one layer, no archive left behind)",
                        )
