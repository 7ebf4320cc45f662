from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules._suggest import did_you_mean
from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL622",
    name="invalid-flag-value",
    severity="error",
    summary="A flag value BuildKit rejects: `--chmod`, `--network`, `--security`, `--mount`, `--checksum`, HEALTHCHECK timings",
    rationale=(
        "These values are only checked when the build reaches the instruction, possibly after "
        "minutes of work: `--chmod` takes an octal mode (`0755`) or a symbolic one (`u+x`); "
        "`RUN --network` is `default`, `none` or `host`; `RUN --security` is `sandbox` or "
        "`insecure`; `RUN --mount` has a `type` (bind, cache, tmpfs, secret, ssh) and options that "
        "type accepts; `ADD --checksum` is a digest such as `sha256:<64 hex>`; HEALTHCHECK "
        "durations are Go durations of at least 1ms (`30s`, `1m30s`) and `--retries` is a "
        "non-negative integer. Values with variables are not judged."
    ),
    bad="FROM alpine:3.20\nRUN --mount=type=cahce,target=/root/.cache pip install -r requirements.txt\n",
    good="FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt\n",
    references=("https://docs.docker.com/reference/dockerfile/#run---mount",),
)

_OCTAL = re.compile(r"[0-7]{1,4}")
_SYMBOLIC = re.compile(r"[ugoa]*([-+=]([rwxXst]*|[ugo]))+(,[ugoa]*([-+=]([rwxXst]*|[ugo]))+)*")
_DIGEST = {"sha256": 64, "sha384": 96, "sha512": 128}
_GO_DURATION = re.compile(r"[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+")
_DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")
_UNIT_NS = {"ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9}
_NETWORKS = ("default", "none", "host")
_SECURITY = ("sandbox", "insecure")
_MOUNT_TYPES = ("bind", "cache", "tmpfs", "secret", "ssh")
_MOUNT_KEYS = ("type", "from", "source", "src", "target", "dst", "destination", "readonly", "ro", "readwrite",
               "rw", "id", "sharing", "required", "mode", "uid", "gid", "size", "env")
_BOOLS = frozenset(("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"))


def _chmod(value: str) -> str | None:
    if _OCTAL.fullmatch(value) or _SYMBOLIC.fullmatch(value):
        return None
    return f"`{value}` is not a file mode: write it in octal (`0755`) or symbolically (`u=rwx,go=rx`)"


def _duration(name: str, value: str) -> str | None:
    if value == "0":
        return None
    if not _GO_DURATION.fullmatch(value):
        return f"`{value}` is not a duration for `--{name}`: write e.g. `30s`, `1m30s` or `500ms`"
    total = sum(float(n) * _UNIT_NS[u] for n, u in _DURATION_PART.findall(value))
    if value.startswith("-") or 0 < total < 1e6:
        return f"`--{name}` must be at least 1ms (or 0 for the default)"
    return None


def _retries(value: str) -> str | None:
    if re.fullmatch(r"[-+]?\d+", value) and 0 <= int(value) < 2**31:
        return None
    return f"`--retries` takes a whole number of attempts, not `{value}`"


def _checksum(value: str) -> str | None:
    algorithm, _, digest = value.partition(":")
    if not digest and re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", value):
        return None  # a git commit
    length = _DIGEST.get(algorithm)
    if length is not None and re.fullmatch(f"[0-9a-f]{{{length}}}", digest):
        return None
    return f"`{value}` is not a digest: write `sha256:<64 hex digits>` (or sha384/sha512)"


def _mount(value: str) -> Iterator[str]:
    fields = [f.strip() for f in value.split(",")]
    mount_type = "bind"
    values: dict[str, str] = {}
    for field in fields:
        key, equals, val = field.partition("=")
        key = key.lower()
        if key == "type" and val:
            mount_type = val.lower()
        if equals:
            values[key] = val
    if mount_type not in _MOUNT_TYPES:
        yield f"`{mount_type}` is not a mount type: use {', '.join(_MOUNT_TYPES)}{did_you_mean(mount_type, _MOUNT_TYPES)}"
        return
    for field in fields:
        key, equals, val = field.partition("=")
        low = key.lower()
        if not equals:
            if low in ("readonly", "ro", "readwrite", "rw") or (low == "required" and mount_type in ("secret", "ssh")):
                continue
            if low == "required":
                yield f"`required` is only for secret and ssh mounts, not {mount_type}"
            else:
                yield f"`{field}` must be a `key=value` pair"
            continue
        if low not in _MOUNT_KEYS:
            yield f"`{key}` is not a mount option{did_you_mean(low, _MOUNT_KEYS)}"
        elif low in ("readonly", "ro", "readwrite", "rw", "required") and val not in _BOOLS:
            yield f"`{key}` takes true or false, not `{val}`"
        elif low == "required" and mount_type not in ("secret", "ssh"):
            yield f"`required` is only for secret and ssh mounts, not {mount_type}"
        elif low == "sharing" and val.lower() not in ("shared", "private", "locked"):
            yield f"`sharing` is shared, private or locked, not `{val}`"
        elif low == "sharing" and mount_type != "cache":
            yield f"`sharing` is only for cache mounts, not {mount_type}"
        elif low == "mode" and not _OCTAL.fullmatch(val):
            yield f"`mode` is an octal file mode, not `{val}`"
        elif low in ("uid", "gid") and not val.isdigit():
            yield f"`{low}` is a numeric id, not `{val}`"
        elif low in ("mode", "uid", "gid") and mount_type not in ("cache", "secret", "ssh"):
            yield f"`{low}` is not allowed for {mount_type} mounts"
    if mount_type == "secret" and "from" in values:
        yield "a secret mount cannot have `from`"


def _problems(ins: nodes.Instruction, flag: nodes.Flag) -> Iterator[str]:
    value = flag.value.text if flag.value is not None else None
    if value is None or "$" in value:
        return
    key = flag.key
    if isinstance(ins, (nodes.Copy, nodes.Add)) and key == "chmod":
        problem = _chmod(value)
    elif isinstance(ins, nodes.Add) and key == "checksum":
        problem = _checksum(value)
    elif isinstance(ins, nodes.Run) and key == "network":
        problem = None if value in _NETWORKS else \
            f"`{value}` is not a network mode: use {', '.join(_NETWORKS)}{did_you_mean(value, _NETWORKS)}"
    elif isinstance(ins, nodes.Run) and key == "security":
        problem = None if value in _SECURITY else f"`{value}` is not a security mode: use sandbox or insecure"
    elif isinstance(ins, nodes.Run) and key == "mount":
        yield from _mount(value)
        return
    elif isinstance(ins, nodes.Healthcheck) and key == "retries":
        problem = _retries(value)
    elif isinstance(ins, nodes.Healthcheck) and key in ("interval", "timeout", "start-period", "start-interval"):
        problem = _duration(key, value)
    else:
        return
    if problem is not None:
        yield problem


@check(META, on=(nodes.Copy, nodes.Add, nodes.Run, nodes.Healthcheck))
def invalid_flag_value(node: nodes.Instruction, ctx: Context) -> Iterator[Finding]:
    for flag in node.flags:
        for message in _problems(node, flag):
            span = flag.value.span if flag.value is not None else flag.span
            yield ctx.finding(META, span, message)
