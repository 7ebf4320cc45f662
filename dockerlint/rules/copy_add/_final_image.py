"""Which of the files a COPY/ADD puts in a stage reach the image the Dockerfile builds (its last
stage): all of them when the stage is the last one or one it builds on; in an earlier stage, those
under a path the last stage (or a stage it builds on) copies `--from` it. Anything this cannot
follow (a variable of unknown value, a wildcard, a `RUN --mount=from=`, a copy by a stage that is
itself only copied from, a stage nothing uses, which `--target` may build) counts as reaching it."""
from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from dockerlint.semantics.context import has_wildcards
from dockerlint.semantics.dockerignore import clean
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.semantics.model import Model, Stage


def reaching_final_image(model: Model, node: nodes.Copy | nodes.Add, paths: list[str]) -> list[str]:
    """The `paths` (relative to the copy's destination folder) that the final image can hold."""
    stage, final = model.stage_of(node), model.final_stage
    if stage is None or final is None:
        return paths
    kept = _chain(final)
    if id(stage) in {id(s) for s in kept}:
        return paths
    sources = _copied_from(model, stage, kept)
    destination = _destination(model, node)
    if sources is None or destination is None:
        return paths
    return [p for p in paths if any(_under(clean(posixpath.join(destination, p)), source) for source in sources)]


def _chain(stage: Stage | None) -> list[Stage]:
    """`stage` and the stages it builds on (`FROM <stage>`)."""
    out = []
    while stage is not None:
        out.append(stage)
        stage = stage.base_stage
    return out


def _copied_from(model: Model, stage: Stage, kept: list[Stage]) -> list[str] | None:
    """The absolute paths the kept stages copy from `stage` (or a stage built on it); None when
    that cannot be told, or when nothing uses the stage."""
    kept_ids = {id(s) for s in kept}
    sources: list[str] = []
    for other in model.stages:
        if id(stage) in {id(s) for s in _chain(other)}:
            continue  # `stage` itself and the stages built on it
        for ins in other.instructions:
            used = _uses(model, ins, stage)
            if used is None:
                return None
            if not used:
                continue
            if id(other) not in kept_ids or not isinstance(ins, (nodes.Copy, nodes.Add)):
                return None
            for word in ins.sources:
                value = model.expand(word, ins)
                if value.unresolved or has_wildcards(value.value):
                    return None
                sources.append(clean("/" + value.value))  # from the stage's root
    return sources or None


def _uses(model: Model, ins: nodes.Instruction, stage: Stage) -> bool | None:
    """Whether `ins` reads from `stage` or a stage built on it (`COPY --from`, `RUN --mount=from=`);
    None when a variable of unknown value hides which stage."""
    refs = []
    for flag in ins.flags if isinstance(ins, (nodes.Copy, nodes.Add, nodes.Run)) else ():
        if flag.value is None:
            continue
        if flag.key == "from" and not isinstance(ins, nodes.Run):
            refs.append(flag.value.text)
        elif flag.key == "mount":
            refs += [v for k, _, v in (p.partition("=") for p in flag.value.text.split(",")) if k.strip().lower() == "from"]
    index = model.stage_of(ins).index  # type: ignore[union-attr]
    for ref in refs:
        if "$" in ref:
            return None
        used = model.stage_ref(ref, before=index)
        if used is not None and id(stage) in {id(s) for s in _chain(used)}:
            return True
    return False


def _destination(model: Model, node: nodes.Copy | nodes.Add) -> str | None:
    """The absolute folder a COPY/ADD writes to; None when it rests on an unknown value."""
    word = node.destination
    value = None if word is None else model.expand(word, node)
    if value is None or value.unresolved or not value.value:
        return None
    if value.value.startswith("/"):
        return clean(value.value)
    cwd = model.workdir(node)
    return None if cwd is None else clean(posixpath.join(cwd, value.value))


def _under(path: str, source: str) -> bool:
    return source == "/" or path == source or path.startswith(source.rstrip("/") + "/")
