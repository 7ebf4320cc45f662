"""What a Dockerfile means, built once per parse: stages, base images, ARG/ENV scopes.

BuildKit's rules: ARGs before the first FROM are global and visible only in FROM
lines, unless a stage declares them again with `ARG NAME`; a stage's ARGs and ENVs
are visible from the instruction after their declaration; a stage built FROM an
earlier stage inherits that stage's ENV and, with BuildKit, its ARGs too. ARG values are the build
args the model is given (those a Compose service passes), else their defaults; a variable with
neither is "unknown", and so is one whose value would be longer than `expand.MAX_EXPANSION`
(1 MiB; `ENV A=$A$A` doubles per line) or comes after the file's values add up to 64 Mi characters.
The automatic platform ARGs always have a value in FROM lines; a lint does not know the platform of
the build, so FROM lines are read as a build for linux/amd64 sees them (`PLATFORM_VALUES`), as
BuildKit's own checks read them on such a machine. Inside stages their values stay unknown.
"""
from __future__ import annotations

import posixpath
from bisect import bisect_right
from collections import ChainMap
from itertools import chain
from typing import TYPE_CHECKING, Iterator, Mapping

from dockerlint.semantics.expand import TOO_LONG, Expansion, expand
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


_VALUES_BUDGET = 64 << 20  # characters of ARG/ENV values a model keeps, all definitions together
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


class _Table:
    """The definitions of one chain of scopes (the global ARGs, or a stage and the stages built
    FROM it in turn), by name, each with the version of the scope that made it, over an
    optional parent scope (the predefined proxy ARGs every stage starts with, shared).

    A scope is a table and a version, so each ARG or ENV costs what it defines: copying the
    whole scope per instruction made 20,000 ENV lines take 76 s and 10 GB."""

    __slots__ = ("defs", "names", "firsts", "version", "parent")

    def __init__(self, seed: Mapping[str, Variable], parent: Scope | None = None) -> None:
        self.parent = parent
        self.defs: dict[str, tuple[list[int], list[Variable]]] = {n: ([0], [v]) for n, v in seed.items()}
        self.names = [n for n in seed if parent is None or n not in parent]  # new names, in the order first defined
        self.firsts = [0] * len(self.names)  # the version each of `names` was first defined in
        self.version = 0


class Scope(Mapping[str, Variable]):
    """The variables visible at one point (name -> Variable); never changes once made."""

    __slots__ = ("_table", "_version", "_values")

    def __init__(self, table: _Table, version: int) -> None:
        self._table = table
        self._version = version
        self._values: Values | None = None

    @classmethod
    def of(cls, seed: Mapping[str, Variable], parent: Scope | None = None) -> Scope:
        return cls(_Table(seed, parent), 0)

    def get(self, name: str, default: Variable | None = None) -> Variable | None:  # type: ignore[override]
        table = self._table
        entry = table.defs.get(name)
        if entry is not None:
            versions, variables = entry
            if versions[-1] <= self._version:
                return variables[-1]
            i = bisect_right(versions, self._version) - 1
            if i >= 0:
                return variables[i]
        return default if table.parent is None else table.parent.get(name, default)

    def __getitem__(self, name: str) -> Variable:
        found = self.get(name)
        if found is None:
            raise KeyError(name)
        return found

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def __iter__(self) -> Iterator[str]:
        table = self._table
        own = table.names[:bisect_right(table.firsts, self._version)]
        return iter(own) if table.parent is None else chain(table.parent, own)

    def __len__(self) -> int:
        table = self._table
        return bisect_right(table.firsts, self._version) + (0 if table.parent is None else len(table.parent))

    @property
    def values(self) -> Values:
        """The known values (name -> expanded value), for expansion."""
        if self._values is None:
            self._values = Values(self)
        return self._values

    def define(self, variables: list[Variable]) -> Scope:
        """This scope with `variables` added (later ones win), sharing the table when this is its newest scope."""
        table = self._table
        if table.version != self._version:  # a second stage built FROM the same one: branch off
            table = _Table(self)
        table.version += 1
        version = table.version
        for var in variables:
            entry = table.defs.get(var.name)
            if entry is None:
                table.defs[var.name] = ([version], [var])
                if table.parent is None or var.name not in table.parent:
                    table.names.append(var.name)
                    table.firsts.append(version)
            elif entry[0][-1] == version:
                entry[1][-1] = var
            else:
                entry[0].append(version)
                entry[1].append(var)
        return Scope(table, version)


class Values(Mapping[str, str]):
    """A scope's known values: the variables whose value is not unknown."""

    __slots__ = ("_scope",)

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def get(self, name: str, default: str | None = None) -> str | None:  # type: ignore[override]
        var = self._scope.get(name)
        return default if var is None or var.value is None else var.value

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def __iter__(self) -> Iterator[str]:
        return (name for name in self._scope if self.get(name) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


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
        self.variables: Scope = _EMPTY  # in force at the end of the stage (what child stages inherit)

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
        self.global_args: Scope = _EMPTY
        self.stages: list[Stage] = []
        self.leading: list[nodes.Instruction] = []  # the instructions before the first FROM: in no stage
        self._scopes: dict[int, Scope] = {}  # id(instruction) -> variables visible to it
        self._stage_of: dict[int, Stage] = {}
        self._named: dict[str, Stage] = {}
        self._budget = _VALUES_BUDGET
        self._workdirs: dict[int, str | None] | None = None  # id(instruction) -> working directory
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

    def values(self, ins: nodes.Instruction) -> Values:
        """The known values in scope at `ins`, for expansion."""
        return self.scope(ins).values

    def definition(self, name: str, ins: nodes.Instruction) -> Variable | None:
        return self.scope(ins).get(name)

    def workdir(self, ins: nodes.Instruction) -> str | None:
        """The working directory `ins` runs in, from the WORKDIRs before it in its stage and in
        the stages it builds on; None when it rests on a base image's own WORKDIR (unknown
        here, `/` only for scratch) or on a variable with no known value."""
        if self._workdirs is None:  # one pass for all: rules ask per RUN
            self._workdirs = self._working_directories()
        return self._workdirs.get(id(ins))

    def _working_directories(self) -> dict[int, str | None]:
        out: dict[int, str | None] = {}
        ends: dict[int, str | None] = {}  # id(stage) -> its working directory at its end
        for stage in self.stages:  # a base stage comes before the stages built on it
            if stage.base_stage is not None:
                cwd = ends.get(id(stage.base_stage))
            else:
                cwd = "/" if stage.image is not None and stage.image.is_scratch else None
            for ins in stage.instructions:
                out[id(ins)] = cwd
                if type(ins) is nodes.Workdir and ins.text is not None:  # type: ignore[attr-defined]
                    cwd = _join(cwd, self.expand(ins.text, ins))  # type: ignore[attr-defined]
            ends[id(stage)] = cwd
        return out

    # -- construction --------------------------------------------------------------

    def _build(self) -> None:
        from dockerlint.semantics.image_ref import parse_image_ref

        global_scope = Scope.of({n: Variable(n, None, "builtin") for n in PLATFORM_ARGS})
        scope = global_scope
        stage: Stage | None = None
        scopes, stage_of = self._scopes, self._stage_of
        for ins in self.dockerfile.instructions:
            kind = type(ins)  # instruction classes are leaves: `is` is isinstance, cheaper over hundreds
            if kind is nodes.From:
                if stage is not None:
                    stage.variables = scope
                stage = Stage(len(self.stages), ins)
                self.stages.append(stage)
                if stage.key is not None:
                    self._named.setdefault(stage.key, stage)
                self._scopes[id(ins)] = global_scope
                self._stage_of[id(ins)] = stage
                if ins.image is not None:
                    known = ChainMap(global_scope.values, PLATFORM_VALUES)  # type: ignore[arg-type]
                    expansion = expand(ins.image.text, known, escape=self.escape)
                    stage.image_text = expansion.value
                    stage.platform_args = tuple(dict.fromkeys(
                        r.name for r in expansion.refs
                        if r.name in PLATFORM_VALUES and global_scope[r.name].value is None))
                    stage.base_stage = self.stage_named(stage.image_text, before=stage.index)
                    if stage.base_stage is None:
                        stage.image = parse_image_ref(stage.image_text)
                # A stage FROM an earlier one goes on from that one's variables (proxies included).
                scope = stage.base_stage.variables if stage.base_stage is not None else Scope.of({}, _PROXIES)
                continue
            key = id(ins)
            scopes[key] = scope
            if stage is None:
                self.leading.append(ins)
                if kind is nodes.Arg:
                    global_scope = scope = self._define_args(ins, global_scope, _EMPTY)  # type: ignore[arg-type]
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
            stage.variables = scope
        self.global_args = Scope.of({k: v for k, v in global_scope.items() if v.kind == "arg"})

    def _value(self, expansion: Expansion) -> str | None:
        """A definition's value; unknown when longer than expand's cap (self-doubling ENVs) or
        once the file's values add up to _VALUES_BUDGET characters (`ENV Bn=x$BIG` on each line)."""
        value = expansion.value
        if TOO_LONG in expansion.errors or len(value) > self._budget:
            return None
        self._budget -= len(value)
        return value

    # All values of one ARG or ENV are expanded against the variables from before it:
    # `ENV a=bye b=$a` gives b the old value of a, as the Dockerfile reference says.

    def _define_args(self, ins: nodes.Arg, scope: Scope, global_scope: Scope) -> Scope:
        env = scope.values
        defined: list[Variable] = []
        for pair in ins.pairs:
            name = pair.key.text
            if name in self.args:
                value: str | None = self.args[name]
            elif pair.value is not None:
                value = self._value(expand(pair.value.text, env, escape=self.escape))
            else:
                declared = global_scope.get(name)
                value = None if declared is None else declared.value
            existing = scope.get(name)
            if existing is not None and existing.kind == "env":
                continue  # an ENV of the same name wins over the ARG in BuildKit
            defined.append(Variable(name, value, "arg", ins, pair))
        return scope.define(defined) if defined else scope

    def _define_env(self, ins: nodes.Env, scope: Scope) -> Scope:
        env = scope.values
        defined = [Variable(pair.key.text, self._value(expand(pair.value.text if pair.value is not None else "", env,
                                                         escape=self.escape)), "env", ins, pair)
                   for pair in ins.pairs]
        return scope.define(defined) if defined else scope


_EMPTY = Scope.of({})
_PROXIES = Scope.of({n: Variable(n, None, "builtin") for n in PROXY_ARGS})  # every stage starts with them
