"""What a Dockerfile means, built once per parse: stages, base images, ARG/ENV scopes.

BuildKit's rules: ARGs before the first FROM are global and visible only in FROM
lines, unless a stage declares them again with `ARG NAME`; a stage's ARGs and ENVs
are visible from the instruction after their declaration; a stage built FROM an
earlier stage inherits that stage's ENV and, with BuildKit, its ARGs too. ARG values are the build
args the model is given (those a Compose service passes), else their defaults; a variable with
neither is "unknown". The automatic platform ARGs always have a value in FROM lines; a lint does
not know the platform of the build, so FROM lines are read as a build for linux/amd64 sees them
(`PLATFORM_VALUES`), as BuildKit's own checks read them on such a machine. Inside stages their
values stay unknown.
"""
from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Mapping

from dockerlint.semantics.expand import Expansion, expand
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.semantics.image_ref import ImageRef
    from dockerlint.syntax.span import Span

# Set by BuildKit for every build; visible in FROM lines without a declaration,
# and inside a stage once declared with `ARG NAME`.
PLATFORM_ARGS = (
    "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
    "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
)
# Their values in a build for linux/amd64, the platform FROM lines are read for.
PLATFORM_VALUES = {
    "TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETARCH": "amd64", "TARGETVARIANT": "",
    "BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux", "BUILDARCH": "amd64", "BUILDVARIANT": "",
}
# Predefined ARGs usable in RUN without a declaration.
PROXY_ARGS = (
    "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
    "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
)
BUILTIN_ARGS = PLATFORM_ARGS + PROXY_ARGS + (
    "BUILDKIT_CONTEXT_KEEP_GIT_DIR", "BUILDKIT_INLINE_CACHE", "BUILDKIT_MULTI_PLATFORM",
    "BUILDKIT_SANDBOX_HOSTNAME", "BUILDKIT_SYNTAX", "SOURCE_DATE_EPOCH",
)


_DEFINING = frozenset((nodes.Onbuild, nodes.Arg, nodes.Env))  # what the model looks into beyond its stage


class Variable:
    """An ARG or ENV definition as seen at some point of the file."""

    __slots__ = ("name", "value", "kind", "instruction", "pair")

    def __init__(self, name: str, value: str | None, kind: str,
                 instruction: nodes.Instruction | None = None, pair: nodes.KeyValue | None = None) -> None:
        self.name = name
        self.value = value  # expanded value; None when unknown (an ARG with no default)
        self.kind = kind  # "arg", "env", "builtin"
        self.instruction = instruction
        self.pair = pair

    def __repr__(self) -> str:
        return f"<{self.kind} {self.name}={self.value!r}>"

    @property
    def name_span(self) -> Span | None:
        return None if self.pair is None else self.pair.key.span


Scope = dict  # name -> Variable; shared between instructions until one changes it


class Stage:
    __slots__ = ("index", "node", "name", "image_text", "image", "base_stage", "instructions", "variables",
                 "platform_args")

    def __init__(self, index: int, node: nodes.From) -> None:
        self.index = index
        self.node = node
        self.name = node.stage_name.text if node.stage_name is not None else None
        self.image_text: str | None = None  # the base image after ARG expansion (for linux/amd64)
        self.platform_args: tuple[str, ...] = ()  # the automatic platform ARGs image_text depends on
        self.image: ImageRef | None = None
        self.base_stage: Stage | None = None  # FROM <an earlier stage>
        self.instructions: list[nodes.Instruction] = []  # after the FROM, up to the next
        self.variables: Scope = {}  # the ARGs and ENVs in force at the end of the stage (what child stages inherit)

    def __repr__(self) -> str:
        return f"<stage {self.index} {self.name or ''} from {self.image_text}>"

    @property
    def key(self) -> str | None:
        """The name BuildKit matches `--from=` and `FROM` against (case-insensitive)."""
        return self.name.lower() if self.name else None


def _join(cwd: str | None, target: Expansion) -> str | None:
    """`cd` semantics for WORKDIR: an absolute path replaces, a relative one extends."""
    if target.unresolved or not target.value:
        return None
    if target.value.startswith("/"):
        return posixpath.normpath(target.value)
    return None if cwd is None else posixpath.normpath(posixpath.join(cwd, target.value))


class Model:
    def __init__(self, df: nodes.Dockerfile, args: Mapping[str, str] | None = None) -> None:
        self.dockerfile = df
        self.escape = df.escape
        self.args: Mapping[str, str] = args or {}  # build args: they override the ARG defaults
        self.global_args: Scope = {}
        self.stages: list[Stage] = []
        self.leading: list[nodes.Instruction] = []  # the instructions before the first FROM: in no stage
        self._scopes: dict[int, Scope] = {}  # id(instruction) -> variables visible to it
        self._stage_of: dict[int, Stage] = {}
        self._named: dict[str, Stage] = {}
        self._values: dict[int, dict[str, str]] = {}  # id(scope) -> its known values; scopes never change once built
        self._build()

    # -- queries -----------------------------------------------------------------

    def scope(self, ins: nodes.Instruction) -> Scope:
        """Variables visible to `ins` (before its own definitions take effect)."""
        return self._scopes.get(id(ins), self.global_args)

    def stage_of(self, ins: nodes.Instruction) -> Stage | None:
        return self._stage_of.get(id(ins))

    def stage_named(self, name: str, before: int | None = None) -> Stage | None:
        stage = self._named.get(name.lower())  # the first stage of that name: BuildKit matches the first
        return stage if stage is not None and (before is None or stage.index < before) else None

    def stage_ref(self, ref: str, before: int | None = None) -> Stage | None:
        """A stage by name or index (`--from=0`), as `COPY --from` resolves it."""
        if ref.isdigit():
            i = int(ref)
            limit = len(self.stages) if before is None else before
            return self.stages[i] if i < limit else None
        return self.stage_named(ref, before)

    @property
    def final_stage(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    def expand(self, word: nodes.Word, ins: nodes.Instruction) -> Expansion:
        return expand(word.text, self.values(ins), escape=self.escape)

    def values(self, ins: nodes.Instruction) -> dict[str, str]:
        """The known values in scope at `ins`, for expansion (shared: do not modify)."""
        scope = self.scope(ins)
        known = self._values.get(id(scope))
        if known is None:
            known = self._values[id(scope)] = {k: v.value for k, v in scope.items() if v.value is not None}
        return known

    def definition(self, name: str, ins: nodes.Instruction) -> Variable | None:
        return self.scope(ins).get(name)

    def workdir(self, ins: nodes.Instruction) -> str | None:
        """The working directory `ins` runs in, from the WORKDIRs before it in its stage and in
        the stages it builds on; None when it rests on a base image's own WORKDIR (unknown
        here, `/` only for scratch) or on a variable with no known value."""
        chain: list[tuple[Stage, nodes.Instruction | None]] = []
        stage, until = self.stage_of(ins), ins
        while stage is not None:
            chain.append((stage, until))
            stage, until = stage.base_stage, None
        if not chain:
            return None
        root = chain[-1][0]
        cwd = "/" if root.image is not None and root.image.is_scratch else None
        for stage, until in reversed(chain):
            for other in stage.instructions:
                if other is until:
                    break
                if type(other) is nodes.Workdir and other.text is not None:  # type: ignore[attr-defined]
                    cwd = _join(cwd, self.expand(other.text, other))  # type: ignore[attr-defined]
        return cwd

    # -- construction --------------------------------------------------------------

    def _build(self) -> None:
        from dockerlint.semantics.image_ref import parse_image_ref

        global_scope: Scope = {n: Variable(n, None, "builtin") for n in PLATFORM_ARGS}
        global_values: dict[str, str] | None = None  # what FROM lines expand with, once the global ARGs are read
        proxies: Scope = {n: Variable(n, None, "builtin") for n in PROXY_ARGS}  # copied into every stage
        scope: Scope = global_scope
        stage: Stage | None = None
        scopes, stage_of = self._scopes, self._stage_of
        for ins in self.dockerfile.instructions:
            kind = type(ins)  # instruction classes are leaves: `is` is isinstance, cheaper over hundreds
            if kind is nodes.From:
                if stage is not None:
                    stage.variables = {k: v for k, v in scope.items() if v.kind in ("arg", "env")}
                stage = Stage(len(self.stages), ins)
                self.stages.append(stage)
                if stage.key is not None:
                    self._named.setdefault(stage.key, stage)
                self._scopes[id(ins)] = global_scope
                self._stage_of[id(ins)] = stage
                if ins.image is not None:
                    if global_values is None:
                        global_values = {**PLATFORM_VALUES,
                                         **{k: v.value for k, v in global_scope.items() if v.value is not None}}
                    expansion = expand(ins.image.text, global_values, escape=self.escape)
                    stage.image_text = expansion.value
                    stage.platform_args = tuple(dict.fromkeys(
                        r.name for r in expansion.refs
                        if r.name in PLATFORM_VALUES and global_scope[r.name].value is None))
                    stage.base_stage = self.stage_named(stage.image_text, before=stage.index)
                    if stage.base_stage is None:
                        stage.image = parse_image_ref(stage.image_text)
                scope = dict(proxies)
                if stage.base_stage is not None:
                    scope.update(stage.base_stage.variables)
                continue
            key = id(ins)
            scopes[key] = scope
            if stage is None:
                self.leading.append(ins)
                if kind is nodes.Arg:
                    global_scope = self._define_args(ins, global_scope, {})  # type: ignore[arg-type]
                    global_values = None
                    self.global_args = {k: v for k, v in global_scope.items() if v.kind == "arg"}
                continue
            stage_of[key] = stage
            stage.instructions.append(ins)
            if kind not in _DEFINING:
                continue
            if kind is nodes.Onbuild and ins.trigger is not None:  # type: ignore[attr-defined]
                scopes[id(ins.trigger)] = scope  # type: ignore[attr-defined]
                stage_of[id(ins.trigger)] = stage  # type: ignore[attr-defined]
            elif kind is nodes.Arg:
                scope = self._define_args(ins, scope, global_scope)  # type: ignore[arg-type]
            elif kind is nodes.Env:
                scope = self._define_env(ins, scope)  # type: ignore[arg-type]
        if stage is not None:
            stage.variables = {k: v for k, v in scope.items() if v.kind in ("arg", "env")}

    # All values of one ARG or ENV are expanded against the variables from before it:
    # `ENV a=bye b=$a` gives b the old value of a, as the Dockerfile reference says.

    def _define_args(self, ins: nodes.Arg, scope: Scope, global_scope: Scope) -> Scope:
        env = {k: v.value for k, v in scope.items() if v.value is not None}
        scope = dict(scope)
        for pair in ins.pairs:
            name = pair.key.text
            if name in self.args:
                value: str | None = self.args[name]
            elif pair.value is not None:
                value = expand(pair.value.text, env, escape=self.escape).value
            elif name in global_scope:
                value = global_scope[name].value
            else:
                value = None
            if name in scope and scope[name].kind == "env":
                continue  # an ENV of the same name wins over the ARG in BuildKit
            scope[name] = Variable(name, value, "arg", ins, pair)
        return scope

    def _define_env(self, ins: nodes.Env, scope: Scope) -> Scope:
        env = {k: v.value for k, v in scope.items() if v.value is not None}
        scope = dict(scope)
        for pair in ins.pairs:
            raw = pair.value.text if pair.value is not None else ""
            value = expand(raw, env, escape=self.escape).value
            scope[pair.key.text] = Variable(pair.key.text, value, "env", ins, pair)
        return scope
