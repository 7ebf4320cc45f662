from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from dockerlint.rules._suggest import closest
from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context
    from dockerlint.semantics.expand import VarRef
    from dockerlint.semantics.image_ref import ImageRef
    from dockerlint.semantics.model import Stage

META = RuleMeta(
    code="DKL502",
    name="undefined-var",
    severity="warning",
    aliases=("UndefinedVar",),
    summary="A variable is used where it is not defined",
    rationale=(
        "Docker expands `$VAR` itself in ADD, COPY, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, "
        "WORKDIR, ARG defaults and `RUN --mount` options, and an undefined variable silently "
        "becomes an empty string: `COPY app /opt/$APP_DIR` copies to `/opt/`. The usual causes are "
        "a typo, a variable defined later in the stage, and a global ARG (declared before the "
        "first `FROM`) used inside a stage without `ARG NAME` in that stage. Shell-form "
        "RUN/CMD/ENTRYPOINT are expanded by the shell at run time and are not checked here.\n\n"
        "The ENV of an external base image is not known offline. Names that the official images "
        "set (PATH, HOME, JAVA_HOME, GOPATH, NODE_VERSION, PYTHON_VERSION, GEM_HOME, PGDATA, "
        "APP_UID and others) count as defined in stages built on an image, and the `known-env` "
        "option adds more. On a Docker Official Image or `scratch` any other name is reported; on "
        "other images, whose ENV could hold anything, only the sure cases are: a global or "
        "platform ARG not redeclared in the stage, a variable defined later, and a near-miss of a "
        "known name."
    ),
    bad="FROM python:3.13-slim\nARG APP_HOME=/srv/app\nWORKDIR $APP_HOEM\n",
    good="FROM python:3.13-slim\nARG APP_HOME=/srv/app\nWORKDIR $APP_HOME\n",
    options={"known-env": "extra variable names your base images define (list)"},
    divergence=(
        "BuildKit reads the base image's ENV from the registry; we use the allow-list and the rules "
        "above instead. A reference with a default (`${UID:-1000}`) is deliberate and not reported "
        "(BuildKit reports it). ARGs of a stage are visible in the stages built FROM it, as in BuildKit. "
        "A variable set by an earlier `key=value` of the same ENV is left to `env-self-reference`. "
        "ONBUILD triggers are not checked (they run in another build). `FROM` lines are "
        "`undefined-arg-in-from`'s."
    ),
)

_EXPANDED = (
    nodes.Add, nodes.Copy, nodes.Env, nodes.Expose, nodes.Label, nodes.Stopsignal, nodes.User,
    nodes.Volume, nodes.Workdir, nodes.Arg, nodes.Run,
)
_EXPANDED_FLAGS = ("chown", "chmod", "from", "mount")
# Operators that use the variable's value as is, or only test it (`${V:+x}`).
_PLAIN_OPERATORS = ("", ":+", "+", "#", "##", "%", "%%", "/", "//")


@check(META, on=_EXPANDED)
def undefined_var(node: nodes.Instruction, ctx: Context) -> Iterator[Finding]:
    if ctx.in_onbuild(node):
        return
    stage = ctx.model.stage_of(node)
    if stage is None:
        return  # global ARGs: only FROM lines see them
    from dockerlint.semantics.expand import find_refs

    known = set(ctx.model.scope(node)) | {"PATH"} | set(ctx.options(META).get("known-env", ()))
    base = _root_image(stage)
    if base is not None and not base.is_scratch:
        from dockerlint.rules.args_env._base_env import BASE_IMAGE_ENV

        known |= BASE_IMAGE_ENV
    env_unknown = base is not None and not base.is_scratch and not base.is_official
    for word, defined_here in _words(node):
        for ref in find_refs(word.text, escape=ctx.model.escape):
            if ref.name in known or ref.name in defined_here or not ref.name.isidentifier():
                continue
            if ref.operator not in _PLAIN_OPERATORS:
                continue  # a default (`${UID:-1000}`) is deliberate; a bad modifier is a syntax error
            message = _message(ref, node, known, ctx, env_unknown)
            if message is not None:
                yield ctx.finding(META, word.sub_span(ref.start, ref.end), message)
            known.add(ref.name)  # once per instruction


def _words(node: nodes.Instruction) -> Iterator[tuple[nodes.Word, set[str]]]:
    """The words Docker expands, each with the names set earlier in the same instruction."""
    for flag in node.flags:
        if flag.key in _EXPANDED_FLAGS and flag.value is not None:
            yield flag.value, set()
    if isinstance(node, nodes.Run):
        return
    if isinstance(node, (nodes.Env, nodes.Arg, nodes.Label)):
        earlier: set[str] = set()
        for pair in node.pairs:
            if isinstance(node, nodes.Label):
                yield pair.key, earlier
            if pair.value is not None:
                yield pair.value, set(earlier)
            if not isinstance(node, nodes.Label):
                earlier.add(pair.key.text)
        return
    for word in node.words():
        if not word.text.startswith("<<"):
            yield word, set()


def _root_image(stage: Stage) -> ImageRef | None:
    while stage.base_stage is not None:
        stage = stage.base_stage
    return stage.image


def _message(ref: VarRef, node: nodes.Instruction, known: set[str], ctx: Context, env_unknown: bool) -> str | None:
    """What to say, or None when the base image (whose ENV we cannot see) may well define it."""
    from dockerlint.semantics.model import PLATFORM_ARGS

    name = f"`${ref.name}`"
    if ref.name in ctx.model.global_args or ref.name in PLATFORM_ARGS:
        what = "a global ARG" if ref.name in ctx.model.global_args else "a platform ARG"
        return f"{name} is {what}, which is not visible inside a stage: add `ARG {ref.name}` to this stage before this line"
    later = _defined_later(ref.name, node, ctx)
    if later is not None:
        # No line number: the finding is reused while the lines around it move (see dockerlint/reuse.py).
        return f"{name} is defined only later in this stage, by `{later} {ref.name}`: move that definition above this line"
    match = closest(ref.name, known)
    if match is None and env_unknown:
        return None
    hint = f"did you mean `${match}`? Otherwise " if match else ""
    return f"{name} is not defined here and expands to an empty string: {hint}define it with `ARG` or `ENV` first"


def _defined_later(name: str, node: nodes.Instruction, ctx: Context) -> str | None:
    """The keyword (ARG or ENV) of a definition of `name` after `node` in its stage."""
    stage = ctx.model.stage_of(node)
    if stage is None:
        return None
    for ins in stage.instructions:
        if ins.span.start > node.span.start and isinstance(ins, (nodes.Arg, nodes.Env)):
            if any(p.key.text == name for p in ins.pairs):
                return ins.keyword.text.upper()
    return None
