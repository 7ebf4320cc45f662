from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.rules.copy_add._helpers import context_is_known, context_sources, ignoring_pattern
from dockerlint.semantics.context import has_wildcards

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.context import BuildContext, Match
    from dockerlint.semantics.dockerignore import DockerIgnore

META = RuleMeta(
    code="DKL409",
    name="copy-source-missing",
    severity="error",
    summary="COPY or ADD source that matches nothing in the build context",
    rationale=(
        "A COPY or ADD source that is not in the build context fails the build (`failed to compute "
        "cache key: ... not found`): minutes into a build, or only in CI, where the context differs "
        "from your checkout.\n\n"
        "The source is looked up the way BuildKit does: after ARG and ENV expansion, relative to "
        "the context root (a leading `/` too), on what the builder receives: without the paths "
        "`.dockerignore` (or `<Dockerfile>.dockerignore` beside the Dockerfile, which takes "
        "precedence) excludes, but with a folder that an `!` exception lets something back into. "
        "The message says whether the source is not there at all or is there but excluded, and by "
        "which line of the ignore file; a source that copy-ignored-file (DKL407) already reports is "
        "left to it.\n\n"
        "A wildcard that matches nothing copies nothing and the build goes on (BuildKit allows an "
        "empty wildcard), so it is not reported; the folder the wildcard is matched in (`src` in "
        "`src/*.py`, matched one path segment at a time as Go's `filepath.Match` does) must be "
        "there, and is checked. With `COPY --parents`, a source without wildcards must be there "
        "(the `/./` that marks where the kept folders start names no folder of its own), and so "
        "must the folder before `/./`, which is what is copied; the rest, where `**` spans any "
        "number of folders, only selects within it. `--exclude` only leaves paths out of what a "
        "source copies, and a source whose every file it leaves out copies an empty folder: it "
        "never makes the build fail, and is not looked at.\n\n"
        "The build context is the Dockerfile's folder, the `context` configured for the file, or, "
        "when a Compose file in the Dockerfile's folder or above builds it, each service's context "
        "(with its `args` as ARG values; the override file beside it merged, values interpolated "
        "from its `.env`), and likewise each dev container configuration that builds it "
        "(`devcontainer.json` beside it or in a `.devcontainer` folder beside it: `build.context`, "
        "`build.args`); with several builds, a finding names the ones it comes from. The "
        "Dockerfile's folder is only taken for the context when it holds a `.dockerignore` or "
        "another of the file's sources, named without wildcards, and no source it lacks is in a "
        "folder above it (a Dockerfile in `docker/` is often built with `docker build -f "
        "docker/Dockerfile .`): configure `context` otherwise. Not checked: sources with a variable "
        "of unknown value, `--from`, URLs, Git sources, heredocs, ONBUILD triggers (they run in "
        "another build), and "
        "Dockerfiles without a context on disk (standard input, unsaved buffers)."
    ),
    bad="FROM python:3.12-slim\nCOPY requirements.txt /app/\nCOPY src/ /app/src/\n",
    good="FROM python:3.12-slim\nCOPY requirements.txt /app/\n",
    example_context={"requirements.txt": "flask\n"},
)


# A whole-file check, run on every lint: it reads the build context, which can change while the
# Dockerfile does not (the folder listings it needs are cached, checked by modification time).
@check(META)
def copy_source_missing(ctx: Context) -> Iterator[Finding]:
    build = ctx.build
    if build is None:
        return
    ignore = build.ignore()
    if ignore is None:
        return
    checked = list(context_sources(ctx, build))
    if not context_is_known(build, ignore, checked):
        return
    for required in checked:
        source, found = required.source, required.found
        if found and found[0].ignored_by is None:
            continue
        if found and ignoring_pattern(ignore, source.value) is not None:
            continue  # copy-ignored-file says so
        what = _what(source.word.text, source.value, required.path)
        message = _excluded(build, ignore, what, found[0]) if found else _absent(build, what)
        yield ctx.finding(META, source.word.span, message)


def _what(text: str, value: str, path: str) -> str:
    """The source as written (and expanded), and the folder it needs when that is not itself."""
    shown = f"`{text}`" + (f" (`{value}`)" if value != text else "")
    return shown if not has_wildcards(value) else f"{shown} is read from `{path}`, which"


def _absent(build: BuildContext, what: str) -> str:
    return f"{what} is not in the build context{_where(build)}: the build fails"


def _excluded(build: BuildContext, ignore: DockerIgnore, what: str, match: Match) -> str:
    pattern = match.ignored_by
    assert pattern is not None
    name = ignore.path.name if ignore.path is not None else ".dockerignore"
    line = build.ignore_line(pattern)
    by = f"`{pattern.text}` ({name}" + (f" line {line})" if line else ")")
    return f"{what} is in the build context but excluded by {by}: the build fails"


def _where(build: BuildContext) -> str:
    """The context folder, when it is not the Dockerfile's own."""
    folder = build.root if build.dockerfile is None else build.dockerfile.parent
    return "" if build.root == folder else f" `{os.path.relpath(build.root, folder)}`"
