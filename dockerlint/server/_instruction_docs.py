"""What every instruction, flag, mount option and parser directive does: the table behind
completion, hover and signature help. Plain data, no LSP imports."""
from __future__ import annotations

from typing import NamedTuple

DOCS = "https://docs.docker.com/reference/dockerfile/"


class InstructionDoc(NamedTuple):
    summary: str
    signature: str  # parameters are the bracketed / angled pieces after the keyword
    snippet: str  # LSP snippet inserted after the keyword
    anchor: str


class FlagDoc(NamedTuple):
    summary: str
    value: str  # placeholder shown in docs; "" for a boolean flag
    values: tuple[str, ...] = ()  # common values offered by completion


INSTRUCTIONS: dict[str, InstructionDoc] = {
    "FROM": InstructionDoc("Start a build stage from a base image (or an earlier stage).",
                           "FROM [--platform=<platform>] <image> [AS <name>]", " ${1:image}:${2:tag}", "from"),
    "RUN": InstructionDoc("Run a command in a new layer on top of the current image.",
                          "RUN [--mount=<mount>] [--network=<mode>] [--security=<mode>] <command>", " ${1:command}", "run"),
    "CMD": InstructionDoc("The default command of a container started from the image.",
                          'CMD ["executable", "param"...]', ' ["${1:executable}"]', "cmd"),
    "LABEL": InstructionDoc("Add metadata key-value pairs to the image.",
                            "LABEL <key>=<value> [<key>=<value>...]", " ${1:key}=${2:value}", "label"),
    "MAINTAINER": InstructionDoc("Deprecated: set the image author. Use `LABEL org.opencontainers.image.authors=...`.",
                                 "MAINTAINER <name>", " ${1:name}", "maintainer-deprecated"),
    "EXPOSE": InstructionDoc("Document the ports the container listens on (it publishes nothing).",
                             "EXPOSE <port>[/<protocol>]...", " ${1:port}", "expose"),
    "ENV": InstructionDoc("Set environment variables, kept in the image and visible to later instructions.",
                          "ENV <key>=<value> [<key>=<value>...]", " ${1:key}=${2:value}", "env"),
    "ADD": InstructionDoc("Copy files, URLs or git repositories into the image; unpacks local archives.",
                          "ADD [--chown=<user>:<group>] [--chmod=<perms>] [--link] [--checksum=<digest>] "
                          "[--keep-git-dir] [--exclude=<path>] <src>... <dest>", " ${1:source} ${2:dest}", "add"),
    "COPY": InstructionDoc("Copy files from the build context, a stage or an image into the image.",
                           "COPY [--from=<stage>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] [--parents] "
                           "[--exclude=<path>] <src>... <dest>", " ${1:source} ${2:dest}", "copy"),
    "ENTRYPOINT": InstructionDoc("The executable a container runs; CMD supplies its default arguments.",
                                 'ENTRYPOINT ["executable", "param"...]', ' ["${1:executable}"]', "entrypoint"),
    "VOLUME": InstructionDoc("Declare mount points for externally mounted volumes.",
                             "VOLUME <path>...", " ${1:/data}", "volume"),
    "USER": InstructionDoc("Set the user (and group) for later RUN, CMD and ENTRYPOINT instructions.",
                           "USER <user>[:<group>]", " ${1:user}", "user"),
    "WORKDIR": InstructionDoc("Set the working directory for later instructions (created if missing).",
                              "WORKDIR <path>", " ${1:/path}", "workdir"),
    "ARG": InstructionDoc("Declare a build argument, set with `--build-arg`; before the first FROM it is global.",
                          "ARG <name>[=<default>]...", " ${1:name}", "arg"),
    "ONBUILD": InstructionDoc("Register an instruction to run when the image is used as a base.",
                              "ONBUILD <instruction>", " ${1:INSTRUCTION}", "onbuild"),
    "STOPSIGNAL": InstructionDoc("The signal sent to stop the container.",
                                 "STOPSIGNAL <signal>", " ${1:SIGTERM}", "stopsignal"),
    "HEALTHCHECK": InstructionDoc("How to test that the container still works (or NONE to disable the base's check).",
                                  "HEALTHCHECK [--interval=<duration>] [--timeout=<duration>] [--start-period=<duration>] "
                                  "[--start-interval=<duration>] [--retries=<n>] CMD <command>",
                                  " --interval=${1:30s} --timeout=${2:30s} --retries=${3:3} CMD ${4:command}", "healthcheck"),
    "SHELL": InstructionDoc("The shell used by the shell form of RUN, CMD and ENTRYPOINT.",
                            'SHELL ["executable", "parameters"]', ' ["${1:/bin/sh}", "${2:-c}"]', "shell"),
}

# Instructions an ONBUILD may not trigger.
NOT_IN_ONBUILD = frozenset({"ONBUILD", "FROM", "MAINTAINER"})

PLATFORMS = (
    "linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6", "linux/386", "linux/ppc64le",
    "linux/s390x", "linux/riscv64", "windows/amd64", "$BUILDPLATFORM", "$TARGETPLATFORM",
)
_DURATIONS = ("30s", "5s", "10s", "1m", "5m")
_BOOL = ("true", "false")

_FROM = FlagDoc("Choose the platform of a multi-platform base image; "
                "`$BUILDPLATFORM` runs the stage natively for cross-compiling.", "<platform>", PLATFORMS)
_CHOWN = FlagDoc("Owner of the copied files (user and group names or IDs).", "<user>:<group>",
                 ("root:root", "1000:1000", "nobody:nogroup"))
_CHMOD = FlagDoc("Permission bits of the copied files (octal, or symbolic with BuildKit 1.14+).", "<perms>",
                 ("0644", "0755", "0600", "0700", "u=rwX,go=rX"))
_LINK = FlagDoc("Copy into an independent layer, so the layer is reused when earlier layers change.", "")
_EXCLUDE = FlagDoc("Leave out paths matching the pattern (repeatable; dockerfile 1.7+).", "<path>")
_DURATION = "<duration>"

FLAGS: dict[str, dict[str, FlagDoc]] = {
    "FROM": {"platform": _FROM},
    "RUN": {
        "mount": FlagDoc("Mount a cache, a bind from another stage or the context, a secret, an SSH agent "
                         "socket or a tmpfs for this command only.", "type=<type>[,<option>=<value>...]",
                         ("type=cache,target=", "type=bind,source=,target=", "type=secret,id=",
                          "type=ssh", "type=tmpfs,target=")),
        "network": FlagDoc("The network the command runs in.", "<mode>", ("default", "none", "host")),
        "security": FlagDoc("`insecure` runs the command privileged (needs the `security.insecure` entitlement).",
                            "<mode>", ("sandbox", "insecure")),
    },
    "COPY": {
        "from": FlagDoc("Copy from a build stage (name or index), an image or a named context, "
                        "instead of the build context.", "<stage|image|context>"),
        "chown": _CHOWN, "chmod": _CHMOD, "link": _LINK,
        "parents": FlagDoc("Keep the source paths' parent directories under the destination (dockerfile 1.7+).", ""),
        "exclude": _EXCLUDE,
    },
    "ADD": {
        "chown": _CHOWN, "chmod": _CHMOD, "link": _LINK, "exclude": _EXCLUDE,
        "checksum": FlagDoc("Verify the checksum of a remote source.", "<algorithm>:<digest>", ("sha256:",)),
        "keep-git-dir": FlagDoc("Keep the `.git` directory when adding a git repository.", "<bool>", _BOOL),
        "unpack": FlagDoc("Whether to unpack an archive source (dockerfile 1.17+).", "<bool>", _BOOL),
    },
    "HEALTHCHECK": {
        "interval": FlagDoc("Time between checks (default 30s).", _DURATION, _DURATIONS),
        "timeout": FlagDoc("A check taking longer than this fails (default 30s).", _DURATION, _DURATIONS),
        "start-period": FlagDoc("Time for the container to start; failures then do not count (default 0s).",
                                _DURATION, _DURATIONS),
        "start-interval": FlagDoc("Time between checks during the start period (default 5s).", _DURATION, _DURATIONS),
        "retries": FlagDoc("Consecutive failures before the container is unhealthy (default 3).", "<n>", ("3", "5")),
    },
}

MOUNT_TYPES: dict[str, str] = {
    "bind": "Bind a directory of the context or of another stage or image, read-only by default.",
    "cache": "A persistent cache directory shared between builds (package manager and compiler caches).",
    "tmpfs": "A tmpfs filesystem, empty and gone after the command.",
    "secret": "A secret file (or environment variable) that is never stored in the image.",
    "ssh": "Access to the SSH agent socket forwarded with `docker build --ssh`.",
}

_TARGET = "Where the mount appears in the container."
_SOURCE = "Path in `from` (the context by default) to mount."
_FROM_MOUNT = "The stage, image or named context the mount's source comes from."
_ID_SECRET = "The secret's id (`docker build --secret id=...`); default: the target's base name."
_MODE = "File mode of the mount point (octal)."
_IDS = "User and group ID of the mount point."
_REQUIRED = "Fail the build when the secret or SSH socket is missing."

MOUNT_OPTIONS: dict[str, dict[str, str]] = {
    "bind": {"target": _TARGET, "source": _SOURCE, "from": _FROM_MOUNT,
             "rw": "Allow writes (they are discarded).", "readwrite": "Allow writes (they are discarded)."},
    "cache": {"target": _TARGET, "id": "Cache id, to share a cache between mounts (default: the target).",
              "sharing": "`shared` (default), `private` or `locked` between concurrent builds.",
              "from": "Stage or image used as the cache's initial content.", "source": _SOURCE,
              "mode": _MODE, "uid": _IDS, "gid": _IDS, "ro": "Read-only.", "readonly": "Read-only."},
    "tmpfs": {"target": _TARGET, "size": "Maximum size of the filesystem."},
    "secret": {"id": _ID_SECRET, "target": "Where the secret file appears (default /run/secrets/<id>).",
               "env": "Expose the secret as this environment variable instead of a file.",
               "required": _REQUIRED, "mode": _MODE, "uid": _IDS, "gid": _IDS},
    "ssh": {"id": "The SSH agent id (`docker build --ssh id=...`); default `default`.",
            "target": "Path of the socket (default /run/buildkit/ssh_agent.N).",
            "required": _REQUIRED, "mode": _MODE, "uid": _IDS, "gid": _IDS},
}
MOUNT_VALUES: dict[str, tuple[str, ...]] = {
    "type": tuple(MOUNT_TYPES),
    "sharing": ("shared", "private", "locked"),
    "required": _BOOL, "rw": _BOOL, "readwrite": _BOOL, "ro": _BOOL, "readonly": _BOOL,
    "mode": ("0400", "0644", "0755"),
}

DIRECTIVES: dict[str, tuple[str, tuple[str, ...]]] = {
    "syntax": ("The BuildKit frontend that builds this file (`docker/dockerfile:1` for the latest stable syntax).",
               ("docker/dockerfile:1", "docker/dockerfile:1-labs", "docker/dockerfile-upstream:master")),
    "escape": ("The escape character of this file: `\\` (default) or `` ` `` (handy on Windows).", ("\\", "`")),
    "check": ("Configure BuildKit's build checks: `skip=<rule>,...` (or `skip=all`) and `error=true`.",
              ("skip=", "error=true", "skip=all")),
}

# Sub-words with their own hover: HEALTHCHECK's CMD/NONE, FROM's AS.
KEYWORD_WORDS: dict[str, str] = {
    "AS": "Names this build stage, so `COPY --from=<name>` and `FROM <name>` can use it.",
    "NONE": "Disable any health check inherited from the base image.",
    "CMD": "The command to run to check the container's health (exit 0: healthy, 1: unhealthy).",
}


def url(keyword: str) -> str:
    doc = INSTRUCTIONS.get(keyword.upper())
    return DOCS + ("#" + doc.anchor if doc else "")


def instruction_markdown(keyword: str) -> str | None:
    doc = INSTRUCTIONS.get(keyword.upper())
    if doc is None:
        return None
    return f"**{keyword.upper()}**: {doc.summary}\n\n```dockerfile\n{doc.signature}\n```\n\n[Docs]({url(keyword)})"


def flag_markdown(keyword: str, flag: str) -> str | None:
    doc = FLAGS.get(keyword.upper(), {}).get(flag.lower())
    if doc is None:
        return None
    form = f"--{flag.lower()}" + (f"={doc.value}" if doc.value else "")
    return f"`{form}`: {doc.summary}\n\n[Docs]({url(keyword)})"


def mount_option_markdown(mount_type: str | None, option: str) -> str | None:
    if option == "type":
        return "`type`: " + ", ".join(f"`{t}`" for t in MOUNT_TYPES) + " (default `bind`)."
    for kind in ((mount_type,) if mount_type in MOUNT_OPTIONS else tuple(MOUNT_OPTIONS)):
        doc = MOUNT_OPTIONS[kind].get(option)
        if doc is not None:
            return f"`{option}` ({kind} mount): {doc}"
    return None
