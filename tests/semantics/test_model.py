"""Stages, base images and ARG/ENV scopes as BuildKit resolves them."""
from __future__ import annotations

from dockerlint.semantics.model import Model
from dockerlint.syntax import nodes
from dockerlint.syntax.parser import parse


def model(src: str) -> Model:
    return Model(parse(src))


def test_stages_and_base_images() -> None:
    m = model("ARG V=3.20\nFROM alpine:${V} AS base\nFROM base AS build\nFROM scratch\nCOPY --from=build /x /x\n")
    assert [s.name for s in m.stages] == ["base", "build", None]
    assert m.stages[0].image_text == "alpine:3.20" and m.stages[0].image.tag == "3.20"
    assert m.stages[1].base_stage is m.stages[0] and m.stages[1].image is None
    assert m.stage_ref("build") is m.stages[1] and m.stage_ref("0") is m.stages[0]
    assert m.stage_named("BASE") is m.stages[0]
    assert m.final_stage is m.stages[2]


def test_global_args_are_visible_in_from_only_unless_redeclared() -> None:
    df = parse("ARG A=1\nARG B=2\nFROM x\nARG A\nRUN echo\n")
    m = Model(df)
    run = df.instructions[-1]
    assert m.values(run).get("A") == "1"
    assert "B" not in m.values(run)
    assert m.global_args.keys() == {"A", "B"}


def test_env_is_inherited_from_a_parent_stage_and_expanded() -> None:
    df = parse("FROM a AS one\nENV P=/opt\nENV X=$P/bin\nFROM one\nRUN x\n")
    m = Model(df)
    run = df.instructions[-1]
    assert m.values(run)["X"] == "/opt/bin"
    assert m.definition("P", run).kind == "env"


def test_scope_is_taken_before_the_instruction() -> None:
    df = parse("FROM a\nENV A=1\nENV A=2 B=$A\nRUN x\n")
    m = Model(df)
    second_env = df.instructions[2]
    assert m.values(second_env)["A"] == "1"
    assert m.values(df.instructions[3])["B"] == "1"


def test_arg_without_default_is_unknown_and_platform_args_are_builtin() -> None:
    df = parse("FROM --platform=$BUILDPLATFORM a\nARG VERSION\nARG TARGETARCH\nRUN x\n")
    m = Model(df)
    run = df.instructions[-1]
    assert m.definition("VERSION", run).value is None
    assert "TARGETARCH" in m.scope(run)
    assert m.scope(df.instructions[0])["BUILDPLATFORM"].kind == "builtin"


def test_onbuild_triggers_share_the_stage() -> None:
    df = parse("FROM a\nONBUILD RUN x\n")
    m = Model(df)
    trigger = df.instructions[1].trigger
    assert isinstance(trigger, nodes.Run) and m.stage_of(trigger) is m.stages[0]


def test_args_are_inherited_by_child_stages_as_buildkit_does() -> None:
    df = parse("FROM alpine:3.22 AS base\nARG NAME=joe\nFROM base\nRUN echo $NAME\n")
    m = Model(df)
    assert m.values(df.instructions[-1])["NAME"] == "joe"


def test_workdir_follows_workdir_instructions_through_base_stages() -> None:
    df = parse("FROM scratch AS a\nRUN x\nWORKDIR app\nARG D=/srv\nFROM a AS b\nWORKDIR ${D}/../opt\nRUN x\n"
               "FROM debian:12\nRUN x\nWORKDIR $UNSET\nRUN x\nWORKDIR /abs\nWORKDIR rel\nRUN x\n")
    m = Model(df)
    runs = [i for i in df.instructions if isinstance(i, nodes.Run)]
    assert [m.workdir(r) for r in runs] == ["/", "/opt", None, None, "/abs/rel"]


def test_from_lines_read_platform_args_as_a_linux_amd64_build() -> None:
    m = model("FROM alpine:3 AS base-amd64\nFROM base-${TARGETARCH}\nARG TARGETOS=x\nFROM img:${TARGETOS}\n")
    assert m.stages[1].base_stage is m.stages[0] and m.stages[1].platform_args == ("TARGETARCH",)
    assert m.stages[2].image_text == "img:linux"
