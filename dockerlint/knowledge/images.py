"""What a base image is: its operating system, package managers, shell and users.

The facts come from the generated table ``_data.py`` (``scripts/image_knowledge.py`` derives it from the
images' public repositories; ``CHECKED`` is when).  ``facts_for(ref)`` answers for an image reference,
``stage_facts(model, stage)`` for a stage, following ``FROM <stage>`` to the image at its root.  An image
or tag the table does not know gets ``None``: silence, never a guess.

Tags not listed in the table are read by the official images' conventions: the operating system a tag
names (``-alpine3.20``, ``-bookworm``, ``-slim-bullseye``, ``-noble``, ``-nanoserver-ltsc2022``) and, for a
bare version (``node:14``, ``python:3.7-slim``), the operating system every bare-version tag of that image
is built on today.  Users are taken from such a tag only when every listed variant of that operating
system agrees on them.

Bitnami's tags (``bitnami/<app>``, and the same images under ``bitnamilegacy/``) are read by its own
convention: ``16``, ``16-debian-12``, ``16.4.0``, ``16.4.0-debian-12-r5`` name the ``16/debian-12`` folder of
bitnami/containers; a tag naming no known folder (or ``latest`` when no folder lists it) gets what every
known folder of the app agrees on, else nothing.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dockerlint.semantics.image_ref import ImageRef
    from dockerlint.semantics.model import Model, Stage

__all__ = ["ImageFacts", "checked", "facts_for", "minimal_variant", "os_in_tag", "published_tags", "stage_facts"]

_NO_SHELL = ""  # ImageFacts.shell when the image is known to have none


class ImageFacts:
    """What is known of one image; ``None`` in a field means not known."""

    __slots__ = ("image", "os", "os_label", "os_version", "managers", "shell", "user", "users", "sources",
                 "managers_complete", "users_need_setup", "run_by", "steps_down")

    def __init__(self, image: str, os: str | None, os_label: str | None, os_version: str | None,
                 managers: frozenset[str] | None, shell: str | None, user: str | None,
                 users: tuple[str, ...] | None, sources: tuple[str, ...], managers_complete: bool = False) -> None:
        self.image = image
        self.os = os  # "debian", "alpine", "windows-nanoserver", "distroless", ...
        self.os_label = os_label
        self.os_version = os_version
        self.managers = managers  # the package managers the image has
        self.shell = shell  # "/bin/sh", "cmd", "" (none), None (not known)
        self.user = user  # the user it runs as
        self.users = users  # the unprivileged users it ships
        self.sources = sources
        # documented as the image's only managers: a sibling of the same family (yum beside dnf) is missing
        self.managers_complete = managers_complete
        # where the image's documentation says running as its users takes configuration changes, and the
        # unprivileged image it suggests instead (nginx: nginxinc/nginx-unprivileged)
        self.users_need_setup: dict[str, str | None] | None = None
        # the tool that runs the image as an unprivileged user, whatever its USER says (AWS Lambda, Dev
        # Containers), the user when it is known, and the page that says so
        self.run_by: tuple[str, str | None, str] | None = None
        # its entrypoint starts as root and switches to the service's user (gosu, su-exec)
        self.steps_down = False

    @property
    def has_shell(self) -> bool | None:
        return None if self.shell is None else self.shell != _NO_SHELL

    @property
    def windows(self) -> bool:
        return bool(self.os and self.os.startswith("windows"))

    @property
    def runs_unprivileged(self) -> bool | None:
        if self.run_by is not None:
            return True
        if self.user is None:
            return None
        return self.user not in ("root", "0", "ContainerAdministrator")


def checked() -> str:
    from dockerlint.knowledge import _data
    return _data.CHECKED


# -- official images ---------------------------------------------------------------

_ROOT_OS = frozenset(("debian", "ubuntu", "alpine", "busybox", "fedora", "archlinux", "centos", "oraclelinux",
                      "rockylinux", "almalinux", "amazonlinux", "photon", "clearlinux", "mageia", "alt"))
_DEBIAN = ("buster", "bullseye", "bookworm", "trixie", "forky", "stretch", "jessie", "wheezy", "sid")
_UBUNTU = ("xenial", "bionic", "focal", "jammy", "noble", "oracular", "plucky", "questing", "resolute", "trusty")
_BARE_VERSION = re.compile(r"v?\d+(?:\.\d+)*(?:-slim)?|latest|slim")
_OS_TOKEN = re.compile(r"alpine(\d+\.\d+)?")


def os_in_tag(tag: str) -> tuple[str, str | None] | None:
    """The operating system a tag (or a folder of tags) names: `22-alpine3.21` -> ("alpine", "3.21"),
    `bookworm-slim`, `nanoserver-ltsc2022`; a .NET chiseled or distroless tag -> ("distroless", None)."""
    tokens = re.split(r"[-/]", tag.lower())
    if "chiseled" in tokens or "distroless" in tokens:  # .NET's shell-less variants, whatever their distro
        return "distroless", None
    for token in tokens:
        if token.startswith("azurelinux"):
            return "azurelinux", token[len("azurelinux"):] or None
        m = _OS_TOKEN.fullmatch(token)
        if m:
            return "alpine", m.group(1)
        if token in _DEBIAN:
            return "debian", token
        if token in _UBUNTU:
            return "ubuntu", token
        if token.startswith("windowsservercore"):
            return "windows-servercore", None
        if token.startswith("nanoserver"):
            return "windows-nanoserver", None
    return None


# Where the tag lists a convention is read from are published.
_LISTS = {"official": "https://github.com/docker-library/official-images/blob/master/library/{}",
          "dotnet": "https://github.com/dotnet/dotnet-docker/blob/main/manifest.json"}
_consensus_cache: dict[tuple[str, str, str | None], tuple | None] = {}


def _consensus(table: str, image: str, tags: dict[str, int], os: str | None) -> tuple | None:
    """The row every listed tag of `image` on `os` agrees on (or, with os None, every bare-version tag):
    (os, None, user, users, source), with user/users None where they differ."""
    key = (table, image, os)
    if key not in _consensus_cache:
        from dockerlint.knowledge import _data
        rows = [_data.VARIANTS[i] for t, i in tags.items()
                if (_data.VARIANTS[i][0] == os if os else _BARE_VERSION.fullmatch(t))]
        agreed = _agreed(rows)
        _consensus_cache[key] = None if agreed is None else (
            agreed[0], None, agreed[2], agreed[3], _LISTS[table].format(image))
    return _consensus_cache[key]


def _agreed(rows: list[tuple]) -> tuple | None:
    """(os, version, user, users) that `rows` agree on, None in a field where they differ; None when
    there are no rows or their operating systems differ."""
    if not rows or len({r[0] for r in rows}) != 1:
        return None
    fields = [{r[i] for r in rows} for i in (1, 2, 3)]
    return (rows[0][0], *(f.pop() if len(f) == 1 else None for f in fields))


def _row(table: str, image: str, tags: dict[str, int], tag: str) -> tuple | None:
    from dockerlint.knowledge import _data
    if tag in tags:
        return _data.VARIANTS[tags[tag]]
    named = os_in_tag(tag)
    if named is not None:
        row = _consensus(table, image, tags, named[0])
        return None if row is None else (row[0], named[1], *row[2:])
    if _BARE_VERSION.fullmatch(tag):
        return _consensus(table, image, tags, None)
    return None


def _amazon_linux(version: str | None) -> str:
    """Amazon Linux's release from a tag: AL2 and AL2023 have different package managers. `latest` is
    2023 in library/amazonlinux."""
    if version is None or version == "latest" or version.startswith("2023"):
        return "amazonlinux2023"
    return "amazonlinux2" if version == "2" or version.startswith("2.") else "amazonlinux"


def _from_row(image: str, row: tuple) -> ImageFacts:
    from dockerlint.knowledge import _data
    os, version, user, users, source = row
    if os == "amazonlinux":
        os = _amazon_linux(version)
        if version in ("2", "2023", "latest"):
            version = None  # the label says it
    info = _data.OS[os]
    shell = info["shell"]
    return ImageFacts(image, os, info["label"], version, frozenset(info["managers"]),
                      _NO_SHELL if shell is None else shell, user, users,
                      (source, info["source"]) if source != info["source"] else (source,),
                      info.get("complete", False))


def _official(name: str, tag: str) -> ImageFacts | None:
    from dockerlint.knowledge import _data
    if name in _ROOT_OS:
        named = os_in_tag(tag)
        version = named[1] if named else (None if tag == "latest" else tag.removesuffix("-slim"))
        source = f"https://github.com/docker-library/official-images/blob/master/library/{name}"
        return _from_row(name, (name, version, "root", (), source))
    tags = _data.OFFICIAL.get(name)
    if tags is None:
        return None
    row = _row("official", name, tags, tag)
    if row is None:
        return None
    facts = _from_row(name, row)
    facts.users_need_setup = _data.RUN_AS_NEEDS_SETUP.get(name)
    facts.steps_down = name in _data.STEPS_DOWN and not facts.windows
    return facts


# -- other publishers ---------------------------------------------------------------

_UBI = re.compile(r"(?:redhat/|ubi\d+/)?ubi(\d+)?(?:[-/](?:ubi-)?(minimal|micro|init))?")
_UBI_DOMAINS = ("registry.access.redhat.com", "registry.redhat.io")
_WINDOWS = {"windows/servercore": ("windows-servercore", "ContainerAdministrator"),
            "windows/server": ("windows-servercore", "ContainerAdministrator"),
            "windows/nanoserver": ("windows-nanoserver", "ContainerUser")}
_WINDOWS_SOURCE = "https://github.com/dotnet/dotnet-docker/blob/main/samples/aspnetapp/Dockerfile.windowsservercore"
_DISTROLESS_SUFFIX = re.compile(r"-debian\d+$")


def _distroless(ref: ImageRef, tag: str) -> ImageFacts | None:
    from dockerlint.knowledge import _data
    name = _DISTROLESS_SUFFIX.sub("", ref.path.removeprefix("distroless/"))
    known = {_DISTROLESS_SUFFIX.sub("", i) for i in _data.DISTROLESS["images"]}
    if name not in known:
        return None
    source = _data.DISTROLESS["source"]
    user = "nonroot" if "nonroot" in tag else "root"
    if "debug" in tag:  # busybox's shell, at /busybox/sh (there is no /bin/sh); no package manager
        return ImageFacts(ref.familiar_name, "distroless", "distroless (debug)", None, frozenset(),
                          _data.DISTROLESS["debug_shell"], user, ("nonroot",), (_data.DISTROLESS["debug_source"],))
    return ImageFacts(ref.familiar_name, "distroless", "distroless", None, frozenset(), _NO_SHELL, user,
                      ("nonroot",), (source,))


def _chainguard(ref: ImageRef, tag: str) -> ImageFacts | None:
    from dockerlint.knowledge import _data
    facts = _data.CHAINGUARD.get(ref.path.removeprefix("chainguard/"))
    if facts is None:
        return None
    dev = tag.endswith("-dev")  # the -dev variants add apk-tools, bash and busybox
    managers = frozenset(("apk",)) if dev else frozenset(facts["managers"])
    shell = "/bin/sh" if dev else (facts["shell"] or _NO_SHELL)
    return ImageFacts(ref.familiar_name, "wolfi", "Wolfi (Chainguard)", None, managers, shell, facts["user"],
                      tuple(facts["users"]), (facts["source"],))


def _ubi(ref: ImageRef) -> ImageFacts | None:
    from dockerlint.knowledge import _data
    m = _UBI.fullmatch(ref.path)
    if m is None or (ref.domain not in _UBI_DOMAINS and not ref.path.startswith("redhat/")):
        return None
    os = {"minimal": "ubi-minimal", "micro": "ubi-micro"}.get(m.group(2) or "", "ubi")
    return _from_row(ref.familiar_name, (os, m.group(1), "root", (), _data.OS[os]["source"]))


def _aws(ref: ImageRef, tag: str) -> ImageFacts | None:
    """public.ecr.aws/amazonlinux/amazonlinux (Docker Hub's `amazonlinux`, plus the `-minimal` tags) and the
    Lambda base images public.ecr.aws/lambda/<runtime>."""
    from dockerlint.knowledge import _data
    if ref.path == "amazonlinux/amazonlinux":
        if tag.endswith("-minimal") and tag.startswith("2023"):
            return _from_row(ref.familiar_name, ("amazonlinux2023-minimal", None, "root", (),
                                                 _data.OS["amazonlinux2023-minimal"]["source"]))
        return _official("amazonlinux", tag)
    if not ref.path.startswith("lambda/"):
        return None
    runtime = ref.path.removeprefix("lambda/")
    versions = _data.LAMBDA["runtimes"].get(runtime, {})
    version = next((v for v in versions if tag == v or tag.startswith((f"{v}.", f"{v}-"))), None)
    if version is None:  # a runtime or tag whose Amazon Linux the table does not know: only who runs it
        facts = ImageFacts(ref.familiar_name, None, None, None, None, None, None, None, (_data.LAMBDA["user_source"],))
    else:
        facts = _from_row(ref.familiar_name, (versions[version], None, "root", (), _data.LAMBDA["sources"][runtime]))
    facts.run_by = ("AWS Lambda", None, _data.LAMBDA["user_source"])
    return facts


def _devcontainer(ref: ImageRef, name: str, tag: str) -> ImageFacts | None:
    from dockerlint.knowledge import _data
    entry = _data.DEVCONTAINERS.get(name)
    if entry is None:
        return None
    named = os_in_tag(tag)
    os = named[0] if named else entry["default"]
    if os is None or os not in entry["oses"]:
        return None
    facts = _from_row(ref.familiar_name, (os, named[1] if named else None, "root", tuple(entry["users"]),
                                           entry["source"]))
    if entry.get("remote_user"):
        facts.run_by = ("Dev Containers", entry["remote_user"], _data.DEVCONTAINER_METADATA)
    return facts


# <version>[-<os flavour>][-r<revision>]: `16`, `16.4.0-debian-12-r5`, `21.0.5-11-debian-12`
_BITNAMI_TAG = re.compile(r"(\d+(?:\.\d+)*(?:-\d+)?)(?:-([a-z]+-\d+))?(?:-r\d+)?|latest")


def _bitnami_row(app: str, entry: dict, tag: str) -> tuple | None:
    from dockerlint.knowledge import _data
    if tag in entry["tags"]:
        return _data.VARIANTS[entry["tags"][tag]]
    m = _BITNAMI_TAG.fullmatch(tag)
    if m is None:
        return None
    version, flavour = m.groups()
    folders = {f: _data.VARIANTS[i] for f, i in entry["folders"].items()}
    same = {f: r for f, r in folders.items() if flavour is None or f.endswith(f"/{flavour}")}
    match = [r for f, r in same.items() if version is not None and (version + ".").startswith(f.split("/")[0] + ".")]
    if len(match) == 1:
        return match[0]
    if flavour is not None and not same and not flavour.startswith("debian-"):
        return None  # an OS flavour none of the app's known folders uses
    agreed = _agreed(match or list((same or folders).values()))
    if agreed is None:
        return None
    version_known = bool(match or (same and flavour))  # the codename of a flavour we have a folder of
    return (agreed[0], agreed[1] if version_known else None, agreed[2], agreed[3],
            f"https://github.com/bitnami/containers/tree/main/bitnami/{app}")


def _bitnami(ref: ImageRef, tag: str) -> ImageFacts | None:
    from dockerlint.knowledge import _data
    namespace, _, app = ref.path.partition("/")
    if namespace == "bitnami" and app == "minideb":  # the root: a Debian release by its codename
        minideb = _data.MINIDEB
        version = minideb["latest"] if tag == "latest" else tag
        if version not in minideb["dists"]:
            return None
        return _from_row(ref.familiar_name, ("minideb", version, "root", (), minideb["source"]))
    entry = _data.BITNAMI.get(f"bitnami/{app}")
    row = None if entry is None else _bitnami_row(app, entry, tag)
    return None if row is None else _from_row(ref.familiar_name, row)


def _jupyter(ref: ImageRef, tag: str) -> ImageFacts | None:
    """The Jupyter Docker Stacks: quay.io/jupyter/<name>, and the older, no longer updated Docker Hub
    jupyter/<name>. Only `latest` is known to be on the Ubuntu release the repository builds on today."""
    from dockerlint.knowledge import _data
    namespace, _, name = ref.path.partition("/")
    entry = _data.JUPYTER.get(name) if namespace == "jupyter" else None
    if entry is None:
        return None
    version = entry["version"] if ref.domain == "quay.io" and tag == "latest" else None
    return _from_row(ref.familiar_name, (entry["os"], version, entry["user"], (), entry["source"]))


def _hub_name(ref: ImageRef) -> str | None:
    """The official image a reference names through a Docker Hub mirror (`mirror.gcr.io/busybox`) or an
    architecture namespace (`arm64v8/alpine`), else None."""
    from dockerlint.knowledge import _data
    parts = ref.path.split("/")
    if ref.domain in _data.HUB_MIRRORS and (len(parts) == 1 or (len(parts) == 2 and parts[0] == "library")):
        return parts[-1]
    if ref.is_docker_hub and len(parts) == 2 and parts[0] in _data.ARCH_NAMESPACES:
        return parts[1]
    return None


def facts_for(ref: ImageRef) -> ImageFacts | None:
    """What the table knows of `ref`, or None."""
    if ref.is_scratch:
        return ImageFacts("scratch", "scratch", "empty image", None, frozenset(), _NO_SHELL, "root", (),
                          ("https://docs.docker.com/build/building/base-images/#create-a-minimal-base-image-using-scratch",))
    if ref.has_variables or not ref.valid or not ref.path:
        return None
    tag = ref.tag or "latest"
    if ref.is_official:
        return _official(ref.official_name or "", tag)
    hub = _hub_name(ref)
    if hub is not None:
        return _official(hub, tag)
    if ref.is_docker_hub and ref.path.count("/") == 1:
        from dockerlint.knowledge import _data
        if ref.path.split("/")[0] in _data.BITNAMI_NAMESPACES:
            return _bitnami(ref, tag)
    if ref.domain == "mcr.microsoft.com":
        from dockerlint.knowledge import _data
        prefix = next((p for p in _data.DEVCONTAINER_PATHS if ref.path.startswith(p)), None)
        if prefix is not None:
            return _devcontainer(ref, ref.path.removeprefix(prefix), tag)
        root = _data.MICROSOFT_ROOTS.get(ref.path)
        if root is not None:
            if root["os"] == "distroless":  # which user it runs as is not what the Dockerfiles show
                return _from_row(ref.familiar_name, ("distroless", None, None, None, root["source"]))
            return _from_row(ref.familiar_name, (root["os"], tag, "root", (), root["source"]))
        path = ref.path.replace("dotnet/core/", "dotnet/")
        tags = _data.DOTNET.get(f"mcr.microsoft.com/{path}")
        if tags is not None:
            row = _row("dotnet", path, tags, tag)
            return None if row is None else _from_row(ref.familiar_name, row)
        if ref.path in _WINDOWS:
            os, user = _WINDOWS[ref.path]
            return _from_row(ref.familiar_name, (os, tag, user, ("ContainerUser",), _WINDOWS_SOURCE))
        return None
    if ref.domain == "gcr.io" and ref.path.startswith("distroless/"):
        return _distroless(ref, tag)
    if ref.domain == "cgr.dev" and ref.path.startswith("chainguard/"):
        return _chainguard(ref, tag)
    if ref.domain == "public.ecr.aws":
        return _aws(ref, tag)
    if ref.path.startswith("jupyter/") and (ref.domain == "quay.io" or ref.is_docker_hub):
        return _jupyter(ref, tag)
    return _ubi(ref)


def stage_facts(model: Model, stage: Stage | None) -> ImageFacts | None:
    """The facts of the image at the root of `stage` (through `FROM <stage>`), or None."""
    while stage is not None and stage.base_stage is not None:
        stage = stage.base_stage
    if stage is None or stage.image is None:
        return None
    expansion = model.expand(stage.node.image, stage.node) if stage.node.image is not None else None
    if expansion is not None and expansion.unresolved:
        return None
    return facts_for(stage.image)


def published_tags(ref: ImageRef) -> frozenset[str] | None:
    """The tags official-images lists for an official image (or .NET's manifest for its images);
    None for an image whose tag list the table does not hold."""
    from dockerlint.knowledge import _data
    if ref.is_official:
        tags = _data.OFFICIAL.get(ref.official_name or "")
    elif ref.domain == "mcr.microsoft.com":
        tags = _data.DOTNET.get(f"mcr.microsoft.com/{ref.path.replace('dotnet/core/', 'dotnet/')}")
    else:
        tags = None
    return None if tags is None else frozenset(tags)


def minimal_variant(ref: ImageRef) -> str | None:
    """The official slim or Alpine tag of the same release as `ref`'s full tag, when the table lists one:
    `python:3.12` -> `3.12-slim`, `node:22-bookworm` -> `22-bookworm-slim`, `python:3.12-bookworm` ->
    `3.12-slim-bookworm`. None for a tag that is already minimal, or an image without such a variant."""
    from dockerlint.knowledge import _data
    if not ref.is_official or ref.has_variables or ref.digest is not None:
        return None
    tags = _data.OFFICIAL.get(ref.official_name or "")
    tag = ref.tag or "latest"
    if tags is None or any(m in tag for m in ("slim", "alpine", "minimal", "windows", "nano")):
        return None
    if _row("official", ref.official_name or "", tags, tag) is None:
        return None
    head, _, tail = tag.rpartition("-")
    candidates = ["slim", "alpine"] if tag == "latest" else [f"{tag}-slim", f"{tag}-alpine"]
    if head:
        candidates.append(f"{head}-slim-{tail}")
    return next((c for c in candidates if c in tags), None)
