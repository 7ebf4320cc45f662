"""Regenerate dockerlint/knowledge/_data.py, the table of what popular base images are.

Run by hand (never at install or lint time) over fetched git snapshots, e.g.::

    python scripts/image_knowledge.py --official-images /work/.mirror/docker-library+official-images/repo \
        --repo nodejs/docker-node=/work/.mirror/nodejs+docker-node/repo ... \
        --dotnet /work/.mirror/dotnet+dotnet-docker/repo \
        --distroless /work/.mirror/GoogleContainerTools+distroless/repo \
        --chainguard /work/.mirror/chainguard-dev+images/repo \
        --devcontainers /work/.mirror/devcontainers+images/repo \
        --docs /work/.mirror/docker-library+docs/repo \
        --jupyter /work/.mirror/jupyter+docker-stacks/repo \
        --bitnami GITDIR --minideb /work/.mirror/bitnami+minideb/repo > dockerlint/knowledge/_data.py

Where the facts come from:

* Docker Official Images: every ``library/<name>`` file of docker-library/official-images lists its
  tags with the ``GitRepo``/``Directory`` of the Dockerfile that builds them.  That Dockerfile (read from the
  image repository's snapshot, at ``GitCommit`` when the snapshot has it, else at its newest commit) gives
  the base image (followed through other official images down to an operating-system image), the
  ``USER`` the image runs as, and the users it creates (``useradd``/``adduser``).  Without a snapshot of
  the image repository only the operating system named in the tag or directory (``alpine3.22``,
  ``bookworm``) is recorded.
* quay.io/jupyter/*: jupyter/docker-stacks ``images/<name>/Dockerfile``, each built on another down to
  ``docker-stacks-foundation`` (Ubuntu, ``USER ${NB_UID}``).
* docker-library/docs: which images need configuration changes to run as their own unprivileged user
  (``RUN_AS_NEEDS_SETUP``).
* Operating-system images (``debian``, ``alpine``, ...) and Windows base images are the roots, in
  ``ROOTS`` and ``OS`` below, each with the documentation page that says which package manager it has.
* mcr.microsoft.com/dotnet/*: dotnet/dotnet-docker's ``manifest.json`` (tags -> Dockerfile folders) and
  those Dockerfiles.
* gcr.io/distroless/*: GoogleContainerTools/distroless (README: no shell, no package manager; ``:debug``
  adds busybox; ``common/variables.bzl``: the ``nonroot`` user 65532).
* public.ecr.aws/lambda/* and public.ecr.aws/amazonlinux/amazonlinux: AWS's documentation (``LAMBDA`` and
  ``OS`` below).
* cgr.dev/chainguard/*: chainguard-dev/images ``configs/*.apko.yaml`` (packages, ``accounts``, ``run-as``)
  and ``tflib/dev-subvariant`` (what ``-dev`` tags add).
* bitnami/* on Docker Hub: bitnami/containers ``bitnami/<app>/<branch>/<os flavour>/Dockerfile`` (the base,
  ``FROM docker.io/bitnami/minideb:<codename>``, the ``USER`` -- often the numeric ``1001`` -- and the users
  created) with the rolling tags of the folder's ``tags-info.yaml`` and the immutable tag of its
  ``org.opencontainers.image.ref.name`` label.  Folders on another base are left out (silence).  The
  repository is larger than some snapshot stores allow: a git dir holding only those files (verbatim
  excerpts: FROM, SHELL, USER, user-creating lines, the ref.name label) serves as well, and SNAPSHOTS then
  names that git dir's commit.  bitnami/minideb itself is a root: bitnami/minideb's ``mkimage`` (which
  writes the ``install_packages`` helper, an ``apt-get`` wrapper) and ``.github/workflows/cd.yml`` (the
  releases it publishes and which one is ``latest``).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from datetime import date
from pprint import pformat

from dockerlint.knowledge.images import os_in_tag
from dockerlint.semantics.image_ref import parse_image_ref
from dockerlint.semantics.model import Model
from dockerlint.syntax import nodes
from dockerlint.syntax.parser import parse

# Operating systems: package managers present, shell, the page that documents them.  "complete": the
# page says these are *all* its managers (`microdnf` instead of `dnf`), so a sibling manager of the same
# family is known to be missing; elsewhere which of dnf/yum/microdnf an RPM image carries is not judged.
DOCS = "https://github.com/docker-library/docs/blob/master/{}/content.md"
AL2023_DOCS = "https://docs.aws.amazon.com/linux/al2023/ug"
OS: dict[str, dict] = {
    "debian": {"label": "Debian", "managers": ["apt-get", "apt", "dpkg"], "shell": "/bin/sh",
               "source": DOCS.format("debian")},
    "ubuntu": {"label": "Ubuntu", "managers": ["apt-get", "apt", "dpkg"], "shell": "/bin/sh",
               "source": DOCS.format("ubuntu")},
    "alpine": {"label": "Alpine Linux", "managers": ["apk"], "shell": "/bin/sh",
               "source": DOCS.format("alpine")},
    "busybox": {"label": "BusyBox", "managers": [], "shell": "/bin/sh", "source": DOCS.format("busybox")},
    "fedora": {"label": "Fedora", "managers": ["dnf", "rpm"], "shell": "/bin/sh", "source": DOCS.format("fedora")},
    "archlinux": {"label": "Arch Linux", "managers": ["pacman"], "shell": "/bin/sh",
                  "source": DOCS.format("archlinux")},
    "centos": {"label": "CentOS", "managers": ["yum", "rpm"], "shell": "/bin/sh",
               "source": "https://github.com/docker-library/official-images/blob/master/library/centos"},
    "oraclelinux": {"label": "Oracle Linux", "managers": ["dnf", "yum", "microdnf", "rpm"], "shell": "/bin/sh",
                    "source": DOCS.format("oraclelinux")},
    "rockylinux": {"label": "Rocky Linux", "managers": ["dnf", "yum", "microdnf", "rpm"], "shell": "/bin/sh",
                   "source": DOCS.format("rockylinux")},
    "almalinux": {"label": "AlmaLinux", "managers": ["dnf", "microdnf", "rpm"], "shell": "/bin/sh",
                  "source": DOCS.format("almalinux")},
    "amazonlinux": {"label": "Amazon Linux", "managers": ["dnf", "yum", "rpm"], "shell": "/bin/sh",
                    "source": DOCS.format("amazonlinux")},
    # AL2 has yum alone; AL2023 has dnf, with `yum` kept as a name for it; the AL2023 *minimal* image (which
    # the Lambda base images are built on) has microdnf, also under the name `dnf`, and no yum.
    "amazonlinux2": {"label": "Amazon Linux 2", "managers": ["yum", "rpm"], "complete": True, "shell": "/bin/sh",
                     "source": f"{AL2023_DOCS}/compare-with-al2.html#package-manager"},
    "amazonlinux2023": {"label": "Amazon Linux 2023", "managers": ["dnf", "yum", "rpm"], "shell": "/bin/sh",
                        "source": f"{AL2023_DOCS}/package-management.html"},
    "amazonlinux2023-minimal": {"label": "Amazon Linux 2023 minimal", "managers": ["microdnf", "dnf", "rpm"],
                                "complete": True, "shell": "/bin/sh",
                                "source": "https://docs.aws.amazon.com/lambda/latest/dg/runtimes-provided.html"},
    "photon": {"label": "VMware Photon OS", "managers": ["tdnf", "yum", "rpm"], "shell": "/bin/sh",
               "source": DOCS.format("photon")},
    "clearlinux": {"label": "Clear Linux", "managers": ["swupd"], "shell": "/bin/sh",
                   "source": DOCS.format("clearlinux")},
    "mageia": {"label": "Mageia", "managers": ["dnf", "urpmi", "rpm"], "shell": "/bin/sh",
               "source": DOCS.format("mageia")},
    "alt": {"label": "ALT Linux", "managers": ["apt-get", "apt", "rpm"], "shell": "/bin/sh",
            "source": DOCS.format("alt")},
    "ubi": {"label": "Red Hat UBI", "managers": ["dnf", "yum", "rpm"], "shell": "/bin/sh",
            "source": "https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/10/html/"
                      "building_running_and_managing_containers/characteristics-of-ubi-images"},
    "ubi-minimal": {"label": "Red Hat UBI minimal", "managers": ["microdnf", "rpm"], "complete": True,
                    "shell": "/bin/sh",
                    "source": "https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/10/html/"
                              "building_running_and_managing_containers/understanding-the-ubi-minimal-images"},
    "ubi-micro": {"label": "Red Hat UBI micro", "managers": [], "shell": None,
                  "source": "https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/10/html/"
                            "building_running_and_managing_containers/understanding-the-ubi-micro-images"},
    "azurelinux": {"label": "Azure Linux", "managers": ["tdnf", "rpm"], "shell": "/bin/sh",
                   "source": "https://github.com/dotnet/dotnet-docker/tree/main/src/runtime-deps"},
    "wolfi": {"label": "Wolfi", "managers": ["apk"], "shell": "/bin/sh",
              "source": "https://github.com/chainguard-dev/images/tree/main/tflib/dev-subvariant"},
    "minideb": {"label": "Debian (Bitnami minideb)", "managers": ["apt-get", "apt", "dpkg", "install_packages"],
                "shell": "/bin/sh", "source": "https://github.com/bitnami/minideb/blob/master/README.md"},
    "distroless": {"label": "distroless", "managers": [], "shell": None,
                   "source": "https://github.com/GoogleContainerTools/distroless#why-should-i-use-distroless-images"},
    "windows-servercore": {"label": "Windows Server Core", "managers": [], "shell": "cmd",
                           "source": "https://github.com/dotnet/dotnet-docker/tree/main/src/runtime"},
    "windows-nanoserver": {"label": "Windows Nano Server", "managers": [], "shell": "cmd",
                           "source": "https://github.com/dotnet/dotnet-docker/tree/main/src/runtime"},
}
# Official images that are operating systems themselves (built from a root file system, not a FROM).
ROOTS = {name: name for name in ("debian", "ubuntu", "alpine", "busybox", "fedora", "archlinux", "centos", "oraclelinux",
                                  "rockylinux", "almalinux", "amazonlinux", "photon", "clearlinux", "mageia", "alt")}
# The Windows base images the official Windows variants are built FROM, as dotnet-docker's Dockerfiles use
# them: nanoserver images switch to ContainerAdministrator to install and back to `USER ContainerUser`;
# servercore ones run as ContainerAdministrator, and samples/aspnetapp/Dockerfile.windowsservercore
# switches to the `ContainerUser` account it also has.
WINDOWS = {"mcr.microsoft.com/windows/servercore": ("windows-servercore", "ContainerAdministrator"),
           "mcr.microsoft.com/windows/nanoserver": ("windows-nanoserver", "ContainerUser"),
           "mcr.microsoft.com/windows/server": ("windows-servercore", "ContainerAdministrator")}
WINDOWS_USERS = ["ContainerUser"]
# public.ecr.aws/lambda/<runtime>: the Amazon Linux each tag is built on (AWS Lambda's "base images for
# <language>" tables; tags are `<version>`, `<version>.<date>`, `<version>-<arch>`).
LAMBDA = {
    "runtimes": {
        "provided": {"al2023": "amazonlinux2023-minimal", "al2": "amazonlinux2"},
        "python": {"3.14": "amazonlinux2023-minimal", "3.13": "amazonlinux2023-minimal",
                   "3.12": "amazonlinux2023-minimal", "3.11": "amazonlinux2", "3.10": "amazonlinux2",
                   "3.9": "amazonlinux2", "3.8": "amazonlinux2"},
        "nodejs": {"24": "amazonlinux2023-minimal", "22": "amazonlinux2023-minimal", "20": "amazonlinux2023-minimal",
                   "18": "amazonlinux2", "16": "amazonlinux2"},
    },
    # "Lambda follows security best practices by defining a default Linux user with least-privileged
    # permissions": the function never runs as the image's root.
    "user_source": "https://docs.aws.amazon.com/lambda/latest/dg/images-create.html#images-reqs",
    "sources": {"provided": "https://docs.aws.amazon.com/lambda/latest/dg/runtimes-provided.html",
                "python": "https://docs.aws.amazon.com/lambda/latest/dg/python-image.html",
                "nodejs": "https://docs.aws.amazon.com/lambda/latest/dg/nodejs-image.html"},
}

_USER_NAME = re.compile(r"^[a-z_][a-z0-9_.-]*$")
# Users an image creates for a mechanism, not to run as: docker's `dockremap` (--userns-remap=default).
_NOT_TO_RUN_AS = frozenset(("dockremap",))
_ADD_USER = re.compile(r"\b(?:useradd|adduser)\b([^;&|\n]*)")


def git_show(gitdir: str, commit: str, path: str) -> str | None:
    for rev in (commit, "HEAD"):
        out = subprocess.run(["git", f"--git-dir={gitdir}", "show", f"{rev}:{path}"], capture_output=True,
                             text=True)
        if out.returncode == 0:
            return out.stdout
    return None


def head(gitdir: str) -> str:
    return subprocess.run(["git", f"--git-dir={gitdir}", "log", "-1", "--format=%h %cs"], capture_output=True,
                          text=True).stdout.strip()


def analyse(text: str) -> dict:
    """Base image, USER and created users of a Dockerfile's final stage."""
    model = Model(parse(text))
    final = model.final_stage
    assert final is not None
    users: list[str] = []
    all_users = [u for stage in model.stages for ins in stage.instructions if isinstance(ins, nodes.Run)
                 for u in _created(ins)]
    user = None
    for ins in final.instructions:
        if isinstance(ins, nodes.Run):
            users.extend(u for u in _created(ins) if u not in users)
        if isinstance(ins, nodes.User) and ins.text is not None:
            value = model.expand(ins.text, ins)
            user = None if value.unresolved else value.value.split(":", 1)[0]
    entrypoints = [ins for ins in final.instructions if isinstance(ins, nodes.Entrypoint)]
    first = next(iter(entrypoints[-1].words()), None) if entrypoints else None
    entrypoint = (first.text.split() or [None])[0] if first is not None else None
    base = final.base_stage
    while base is not None and final.image is None:
        final = base
        base = final.base_stage
    return {"base": final.image_text, "user": user, "users": users, "all_users": list(dict.fromkeys(all_users)),
            "entrypoint": entrypoint}


_STEP_DOWN = re.compile(r"\b(?:gosu|su-exec)\b")


def steps_down(gitdir: str, commit: str, directory: str, entrypoint: str | None) -> bool:
    """Whether the image's ENTRYPOINT is a script of its folder that switches to an unprivileged user with
    gosu or su-exec (the official database images start as root, fix permissions, then step down)."""
    if not entrypoint:
        return False
    script = git_show(gitdir, commit, f"{directory}/{entrypoint.rsplit('/', 1)[-1]}".lstrip("./"))
    return script is not None and _STEP_DOWN.search(script) is not None


def _created(run: nodes.Run) -> list[str]:
    """The users a RUN creates with useradd/adduser (the name is their last argument)."""
    script = " ".join(w.text for w in run.words()) + "".join(h.content for h in run.heredocs)
    out = []
    for m in _ADD_USER.finditer(script):
        words = [w.strip("'\"") for w in m.group(1).split()]
        if words and _USER_NAME.match(words[-1]) and words[-1] not in _NOT_TO_RUN_AS:
            out.append(words[-1])
    return out


class Official:
    def __init__(self, official: str, repos: dict[str, str]) -> None:
        self.gitdir = official
        self.repos = repos
        self.entries: dict[str, list[dict]] = {}
        self.memo: dict[tuple[str, str], dict | None] = {}

    def library(self, name: str) -> list[dict]:
        if name not in self.entries:
            text = git_show(self.gitdir, "HEAD", f"library/{name}") or ""
            entries, common, cur = [], {}, None
            for line in text.splitlines():
                if line.startswith("#"):
                    continue
                if not line.strip():
                    if cur:
                        entries.append({**common, **cur})
                    cur = None
                    continue
                if line.startswith(" ") and cur is not None:
                    continue
                key, _, value = line.partition(":")
                if cur is None and key == "Tags":
                    cur = {}
                (cur if cur is not None else common)[key] = value.strip()
            if cur:
                entries.append({**common, **cur})
            self.entries[name] = entries
        return self.entries[name]

    def names(self) -> list[str]:
        out = subprocess.run(["git", f"--git-dir={self.gitdir}", "ls-tree", "--name-only", "HEAD", "library/"],
                             capture_output=True, text=True).stdout.split()
        return [p.split("/", 1)[1] for p in out]

    def entry_for(self, name: str, tag: str) -> dict | None:
        entries = self.library(name)
        for key in ("Tags", "SharedTags"):
            hits = [e for e in entries if tag in [t.strip() for t in e.get(key, "").split(",")]]
            if hits:
                return hits[0]
        return None

    def facts(self, name: str, tag: str, depth: int = 0) -> dict | None:
        key = (name, tag)
        if key not in self.memo:
            self.memo[key] = None
            self.memo[key] = self._facts(name, tag, depth)
        return self.memo[key]

    def _facts(self, name: str, tag: str, depth: int) -> dict | None:
        if name in ROOTS:
            family = ROOTS[name]
            shown = os_in_tag(tag)
            return {"os": family, "version": shown[1] if shown else tag.removesuffix("-slim"), "user": "root", "users": [],
                    "source": f"https://github.com/docker-library/official-images/blob/master/library/{name}"}
        entry = self.entry_for(name, tag)
        if entry is None or depth > 6:
            return None
        repo = entry.get("GitRepo", "").removeprefix("https://github.com/").removesuffix(".git")
        directory = entry.get("Directory", ".")
        path = f"{directory}/{entry.get('File', 'Dockerfile')}".lstrip("./")
        source = f"https://github.com/{repo}/blob/{entry.get('GitCommit', 'HEAD')}/{path}"
        gitdir = self.repos.get(repo)
        text = git_show(gitdir, entry.get("GitCommit", "HEAD"), path) if gitdir else None
        if text is None:
            shown = os_in_tag(directory) or os_in_tag(tag)
            if shown is None:
                return None
            return {"os": shown[0], "version": shown[1], "user": None, "users": None,
                    "source": f"https://github.com/docker-library/official-images/blob/master/library/{name}"}
        got = analyse(text)
        base = parse_image_ref(got["base"] or "")
        parent: dict | None
        if got["base"] in (None, "scratch") or not base.valid:
            return None
        if base.name in WINDOWS:
            family, user = WINDOWS[base.name]
            parent = {"os": family, "version": base.tag, "user": user, "users": WINDOWS_USERS}
        elif base.is_official:
            parent = self.facts(base.official_name or "", base.tag or "latest", depth + 1)
        else:
            parent = None
        if parent is None:
            return None
        users = list(parent["users"] or []) + [u for u in got["users"] if u not in (parent["users"] or [])]
        return {"os": parent["os"], "version": parent["version"], "user": got["user"] or parent["user"],
                "users": users if parent["users"] is not None else None, "source": source,
                "steps_down": steps_down(gitdir, entry.get("GitCommit", "HEAD"), directory, got["entrypoint"])
                if got["entrypoint"] else bool(parent.get("steps_down"))}  # no ENTRYPOINT: the base image's


def stepping_down(table: dict[str, dict]) -> list[str]:
    """The official images whose every Linux tag read from its Dockerfile steps down from root in its
    entrypoint (Windows variants run as ContainerAdministrator or ContainerUser and never do)."""
    return sorted(name for name, tags in table.items()
                  if {f.get("steps_down") for f in tags.values()
                      if "steps_down" in f and not f["os"].startswith("windows")} == {True})


def official_table(off: Official) -> dict[str, dict]:
    table: dict[str, dict] = {}
    for name in off.names():
        tags: dict[str, dict] = {}
        for entry in off.library(name):
            for tag in [t.strip() for t in entry.get("Tags", "").split(",") if t.strip()]:
                facts = off.facts(name, tag)
                if facts is not None:
                    tags[tag] = facts
            for tag in [t.strip() for t in entry.get("SharedTags", "").split(",") if t.strip()]:
                if tag in tags:
                    continue
                # A shared tag is a multi-platform manifest: a Linux daemon pulls its Linux entry.
                sharing = [off.facts(name, e["Tags"].split(",")[0].strip()) for e in off.library(name)
                           if tag in [t.strip() for t in e.get("SharedTags", "").split(",")]]
                linux = [f for f in sharing if f is not None and not f["os"].startswith("windows")]
                if linux and len({f["os"] for f in linux}) == 1 and len(linux) == len(
                        [f for f in sharing if f is None or not f["os"].startswith("windows")]):
                    tags[tag] = linux[0]
                elif sharing and all(f is not None and f["os"] == sharing[0]["os"] for f in sharing):
                    tags[tag] = sharing[0]  # type: ignore[assignment]
        if tags:
            table[name] = tags
    return table


def dotnet_table(gitdir: str) -> dict[str, dict]:
    manifest = json.loads(git_show(gitdir, "HEAD", "manifest.json") or "{}")
    table: dict[str, dict] = {}
    # runtime-deps creates the users (and sets the USER) the images built on it inherit
    deps_users: dict[tuple[str, str], list[str]] = {}
    deps_user: dict[tuple[str, str], str | None] = {}
    for repo in manifest.get("repos", []):
        name = repo["name"]
        if name.split("/")[1] not in ("sdk", "aspnet", "runtime", "runtime-deps"):
            continue
        tags: dict[str, dict] = {}
        for image in repo.get("images", []):
            for platform in image.get("platforms", []):
                folder = platform["dockerfile"]
                text = git_show(gitdir, "HEAD", f"{folder}/Dockerfile")
                if text is None:
                    continue
                variant = folder.split("/")[3]
                got = analyse(text)
                shown = os_in_tag(variant)
                if "chiseled" in variant or "distroless" in variant:
                    family, version = "distroless", variant
                elif variant.startswith("azurelinux"):
                    family, version = "azurelinux", variant[len("azurelinux"):]
                elif shown is not None:
                    family, version = shown
                else:
                    continue
                parts = folder.split("/")
                key = (parts[2], parts[3].replace("-composite", ""))  # composite images sit on runtime-deps
                user = got["user"]
                if user is not None and user.isdigit() and len(got["all_users"]) == 1:
                    user = got["all_users"][0]  # USER $APP_UID: the one user the Dockerfile creates
                if parts[1] == "runtime-deps":
                    # chiseled images copy /etc/passwd from the stage that creates the user: any stage counts
                    deps_users[key] = got["all_users"]
                    deps_user[key] = user
                users = deps_users.get(key, got["users"])
                user = user or deps_user.get(key)
                if user is None:
                    user = {"windows-nanoserver": "ContainerUser",
                            "windows-servercore": "ContainerAdministrator"}.get(family, "root")
                if family.startswith("windows"):
                    users = WINDOWS_USERS
                facts = {"os": family, "version": version, "user": user, "users": users,
                         "source": f"https://github.com/dotnet/dotnet-docker/blob/main/{folder}/Dockerfile"}
                for tag in list(image.get("sharedTags", {})) + list(platform.get("tags", {})):
                    m = re.fullmatch(r"\$\((?:dotnet|sdk)\|([\d.]+)\|minor-tag\)(.*)", tag)
                    if m is None or re.search(r"-(amd64|arm64v8|arm32v7)$", m.group(2)):
                        continue  # per-architecture tags: the shared tag says the same
                    tags.setdefault(m.group(1) + m.group(2), facts)
        table[f"mcr.microsoft.com/{name}"] = tags
    return table


def distroless_facts(gitdir: str) -> dict:
    readme = git_show(gitdir, "HEAD", "README.md") or ""
    images = sorted(set(re.findall(r"gcr\.io/distroless/([a-z0-9-]+)", readme)))
    variables = git_show(gitdir, "HEAD", "common/variables.bzl") or ""
    nonroot = re.search(r"NONROOT\s*=\s*(\d+)", variables)
    assert "do not contain package managers, shells" in readme and nonroot
    # The :debug images' tests: busybox's shell at /busybox/sh, and no /bin/sh.
    debug = "java/testdata/java_base_debug.yaml"
    tests = git_show(gitdir, "HEAD", debug) or ""
    assert re.search(r'path: "/busybox/sh"\s*shouldExist: true', tests)
    assert re.search(r'path: "/bin/sh"\s*shouldExist: false', tests)
    return {"images": images, "nonroot_uid": int(nonroot.group(1)), "debug_shell": "/busybox/sh",
            "source": "https://github.com/GoogleContainerTools/distroless/blob/main/README.md",
            "debug_source": f"https://github.com/GoogleContainerTools/distroless/blob/main/{debug}"}


def chainguard_facts(gitdir: str) -> dict[str, dict]:
    out = subprocess.run(["git", f"--git-dir={gitdir}", "ls-tree", "-r", "--name-only", "HEAD", "images/"],
                         capture_output=True, text=True).stdout.split()
    table: dict[str, dict] = {}
    for path in out:
        m = re.fullmatch(r"images/([a-z0-9-]+)/configs/([^/]+)\.apko\.yaml", path)
        if m is None:
            continue
        text = git_show(gitdir, "HEAD", path) or ""
        packages = re.findall(r"^\s+- ([a-z0-9.+_-]+)\s*$", text.split("accounts:")[0], re.M)
        run_as = re.search(r"run-as:\s*['\"]?(\w+)", text)
        users = re.findall(r"username:\s*(\S+)", text)
        uid = {u: i for u, i in re.findall(r"username:\s*(\S+)\s*\n\s*uid:\s*(\d+)", text)}
        by_uid = {v: k for k, v in uid.items()}
        user = run_as.group(1) if run_as else "root"
        user = by_uid.get(user, user)
        shell = "/bin/sh" if {"busybox", "bash", "wolfi-base", "alpine-base"} & set(packages) else None
        managers = ["apk"] if "apk-tools" in packages or "wolfi-base" in packages else []
        previous = table.get(m.group(1))
        facts = {"user": user, "users": [u for u in users if u != "root"], "shell": shell, "managers": managers,
                 "source": f"https://github.com/chainguard-dev/images/blob/main/{path}"}
        if previous is None or previous != facts and m.group(2) > previous.get("_config", ""):
            table[m.group(1)] = {**facts, "_config": m.group(2)}
    for facts in table.values():
        facts.pop("_config")
    return table


_NON_ROOT_SECTION = re.compile(r"^(#+) Running (?:%%IMAGE%%|\S+) as a non-root user\n(.*?)(?=^#{1,2} |\Z)", re.M | re.S)


def run_as_needs_setup(gitdir: str, names: list[str]) -> dict[str, dict]:
    """Official images whose documentation (docker-library/docs) says that running them as a non-root user
    takes configuration changes (nginx: pid and temp paths), with the unprivileged image it points to."""
    table: dict[str, dict] = {}
    for name in names:
        text = git_show(gitdir, "HEAD", f"{name}/content.md") or ""
        m = _NON_ROOT_SECTION.search(text)
        if m is None or "requires modification" not in m.group(2):
            continue
        instead = re.search(r"https://hub\.docker\.com/r/([a-z0-9._-]+/[a-z0-9._-]+)\)", m.group(2))
        anchor = re.sub(r"[^a-z0-9 -]", "", m.group(0).splitlines()[0].lstrip("# ").replace("%%IMAGE%%", name).lower())
        table[name] = {"source": f"https://github.com/docker-library/docs/blob/master/{name}/content.md#"
                                 + anchor.replace(" ", "-"),
                       "instead": instead.group(1) if instead else None}
    assert "nginx" in table, "docker-library/docs no longer says how nginx runs as non-root"
    return table


def arch_namespaces(gitdir: str) -> list[str]:
    """The Docker Hub namespaces that carry the official images per architecture (official-images README)."""
    readme = git_show(gitdir, "HEAD", "README.md") or ""
    section = readme.split("## Architectures other than amd64?", 1)[1].split("\n## ", 1)[0]
    return sorted(set(re.findall(r"https://hub\.docker\.com/u/([a-z0-9]+)/", section)))


def devcontainers_table(gitdir: str) -> dict[str, dict]:
    """mcr.microsoft.com/devcontainers/<name>: the OS of each variant, the user the images create."""
    out = subprocess.run(["git", f"--git-dir={gitdir}", "ls-tree", "--name-only", "HEAD", "src/"],
                         capture_output=True, text=True).stdout.split()
    table: dict[str, dict] = {}
    for folder in out:
        manifest = json.loads(git_show(gitdir, "HEAD", f"{folder}/manifest.json") or "{}")
        config = git_show(gitdir, "HEAD", f"{folder}/.devcontainer/devcontainer.json") or ""
        build = manifest.get("build", {})
        name = build.get("tags", [":"])[0].split(":", 1)[0]
        user = re.search(r'"(?:username|remoteUser)":\s*"([a-z_][a-z0-9_-]*)"', config)
        variants = manifest.get("variants") or []
        latest = build.get("latest") if isinstance(build.get("latest"), str) else (variants[0] if variants else "")
        root = {"debian": "debian", "alpine": "alpine"}.get(build.get("rootDistro", ""))
        if not name or root is None:
            continue
        entry = table.setdefault(name, {"oses": [], "users": [], "default": None,
                                        "source": f"https://github.com/devcontainers/images/tree/main/{folder}"})
        for variant in variants:
            shown = os_in_tag(variant) or (("alpine", variant) if root == "alpine" else None)
            if shown and shown[0] not in entry["oses"]:
                entry["oses"].append(shown[0])
        shown = os_in_tag(latest) if latest else None
        if entry["default"] is None and shown is not None and (name != "base" or folder.endswith("debian")):
            entry["default"] = shown[0]  # `base:1` is the Debian one (variantTags of src/base-debian)
        if user and user.group(1) not in entry["users"]:
            entry["users"].append(user.group(1))
        # built by the Dev Containers CLI, which stores remoteUser in the image's devcontainer.metadata label
        remote = re.search(r'"remoteUser":\s*"([a-z_][a-z0-9_-]*)"', config)
        if remote and "remote_user" not in entry:
            entry["remote_user"] = remote.group(1)
    return table


_BITNAMI_DOCKERFILE = re.compile(r"bitnami/([a-z0-9][a-z0-9._-]*)/([^/]+)/([a-z]+-\d+)/Dockerfile")
_REF_NAME = re.compile(r'org\.opencontainers\.image\.ref\.name="([^"]+)"')
_ROLLING = re.compile(r"^\s*-\s*['\"]?([A-Za-z0-9._-]+)['\"]?\s*$", re.M)


def bitnami_table(gitdir: str) -> dict[str, dict]:
    """bitnami/<app>: its tags and its branch/flavour folders -> facts of the folder's Dockerfile."""
    out = subprocess.run(["git", f"--git-dir={gitdir}", "ls-tree", "-r", "--name-only", "HEAD", "bitnami/"],
                         capture_output=True, text=True).stdout.split()
    table: dict[str, dict] = {}
    for path in out:
        m = _BITNAMI_DOCKERFILE.fullmatch(path)
        if m is None:
            continue
        app, branch, flavour = m.groups()
        text = git_show(gitdir, "HEAD", path) or ""
        got = analyse(text)
        base = parse_image_ref(got["base"] or "")
        if not base.valid or base.name != "docker.io/bitnami/minideb" or base.tag is None:
            continue  # another base: not known, so not said
        facts = {"os": "minideb", "version": base.tag, "user": got["user"] or "root", "users": got["users"],
                 "source": f"https://github.com/bitnami/containers/blob/main/{path}"}
        entry = table.setdefault(f"bitnami/{app}", {"tags": {}, "folders": {}})
        entry["folders"][f"{branch}/{flavour}"] = facts
        folder = path.rsplit("/", 1)[0]
        info = git_show(gitdir, "HEAD", f"{folder}/tags-info.yaml") or ""
        tags = _ROLLING.findall(info.split("rolling-tags:", 1)[1]) if "rolling-tags:" in info else []
        tags += _REF_NAME.findall(text)
        for tag in tags:
            if entry["tags"].setdefault(tag, facts) != facts:
                entry["tags"][tag] = None  # two folders claim it (an old `latest`): not known
    for entry in table.values():
        entry["tags"] = {t: f for t, f in entry["tags"].items() if f is not None}
    return table


def minideb_facts(gitdir: str) -> dict:
    """The Debian releases bitnami/minideb publishes, which one `latest` is, and its install_packages."""
    mkimage = git_show(gitdir, "HEAD", "mkimage") or ""
    assert '"$rootfsDir/usr/sbin/install_packages"' in mkimage and "apt-get install" in mkimage
    cd = git_show(gitdir, "HEAD", ".github/workflows/cd.yml") or ""
    dists = re.search(r"dist:\s*\[([^\]]+)\]", cd)
    latest = re.search(r"^\s*LATEST:\s*(\w+)", cd, re.M)
    assert dists and latest
    return {"dists": [d.strip() for d in dists.group(1).split(",")], "latest": latest.group(1),
            "source": "https://github.com/bitnami/minideb/blob/master/.github/workflows/cd.yml"}


# The metadata reference: properties marked as storable in the image label (remoteUser is one) are merged
# into every dev container made from the image.
DEVCONTAINER_METADATA = "https://containers.dev/implementors/json_reference/"


def jupyter_table(gitdir: str) -> dict[str, dict]:
    """quay.io/jupyter/<name>: jupyter/docker-stacks' images/<name>/Dockerfile, each built on the one
    before down to docker-stacks-foundation (Ubuntu, `USER ${NB_UID}`, 1000)."""
    out = subprocess.run(["git", f"--git-dir={gitdir}", "ls-tree", "--name-only", "HEAD", "images/"],
                         capture_output=True, text=True).stdout.split()
    found = {folder.split("/")[1]: analyse(git_show(gitdir, "HEAD", f"{folder}/Dockerfile") or "FROM scratch\n")
             for folder in out}
    table: dict[str, dict] = {}

    def facts(name: str, depth: int = 0) -> dict | None:
        got = found.get(name)
        if got is None or depth > 12:
            return None
        if name not in table:
            base = parse_image_ref(got["base"] or "")
            if base.is_official and base.official_name == "ubuntu":
                parent = {"os": "ubuntu", "version": base.tag, "user": "root"}
            elif base.domain == "quay.io" and base.path.startswith("jupyter/"):
                parent = facts(base.path.removeprefix("jupyter/"), depth + 1)
            else:
                parent = None
            if parent is None:
                return None
            # `USER ${NB_UID}` reads the ENV the foundation image sets: the same user as the base's
            table[name] = {"os": parent["os"], "version": parent["version"], "user": got["user"] or parent["user"],
                           "source": f"https://github.com/jupyter/docker-stacks/blob/main/images/{name}/Dockerfile"}
        return table[name]

    for name in found:
        facts(name)
    assert table.get("base-notebook", {}).get("user") not in (None, "root"), "jupyter images no longer run unprivileged"
    return table


def devcontainer_paths(gitdir: str) -> dict[str, str]:
    """The repository paths the dev container images are published under: `devcontainers/` and the
    older `vscode/devcontainers/` that their release notes still list."""
    notes = subprocess.run(["git", f"--git-dir={gitdir}", "grep", "-l", "mcr.microsoft.com/vscode/devcontainers/",
                            "HEAD", "--", "src/*/history/*.md"], capture_output=True, text=True).stdout.split()
    assert notes, "devcontainers/images no longer lists the vscode/devcontainers/ names"
    return {"devcontainers/": "https://github.com/devcontainers/images",
            "vscode/devcontainers/": "https://github.com/devcontainers/images/blob/main/" + notes[0].split(":", 1)[1]}


_MS_ROOT = re.compile(r"^FROM\s+mcr\.microsoft\.com/((?:azurelinux|cbl-mariner)(?:-beta)?/(?:base/core|distroless/[a-z-]+))"
                      r":\S+", re.M)


def microsoft_roots(gitdir: str) -> dict[str, dict]:
    """The Azure Linux / CBL-Mariner images dotnet/dotnet-docker's Dockerfiles build on: `base/core` (whose
    stages install with tdnf) and `distroless/*` (no shell, no package manager)."""
    out = subprocess.run(["git", f"--git-dir={gitdir}", "ls-tree", "-r", "--name-only", "HEAD", "src/"],
                         capture_output=True, text=True).stdout.split()
    roots: dict[str, dict] = {}
    for path in out:
        if not path.endswith("/Dockerfile"):
            continue
        text = git_show(gitdir, "HEAD", path) or ""
        for m in _MS_ROOT.finditer(text):
            name = m.group(1)
            distroless = "/distroless/" in name
            if name in roots or not (distroless or "tdnf install" in text):
                continue
            roots[name] = {"os": "distroless" if distroless else "azurelinux",
                           "source": f"https://github.com/dotnet/dotnet-docker/blob/main/{path}"}
    return roots


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--official-images", required=True)
    ap.add_argument("--repo", action="append", default=[], help="owner/name=GITDIR of an image repository")
    ap.add_argument("--dotnet", required=True)
    ap.add_argument("--distroless", required=True)
    ap.add_argument("--chainguard", required=True)
    ap.add_argument("--devcontainers", required=True)
    ap.add_argument("--bitnami", required=True, help="GITDIR of bitnami/containers")
    ap.add_argument("--minideb", required=True, help="GITDIR of bitnami/minideb")
    ap.add_argument("--docs", required=True, help="GITDIR of docker-library/docs")
    ap.add_argument("--jupyter", required=True, help="GITDIR of jupyter/docker-stacks")
    args = ap.parse_args()
    repos = dict(r.split("=", 1) for r in args.repo)
    off = Official(args.official_images, repos)
    snapshots = {"docker-library/official-images": head(args.official_images),
                 "dotnet/dotnet-docker": head(args.dotnet),
                 "GoogleContainerTools/distroless": head(args.distroless),
                 "chainguard-dev/images": head(args.chainguard),
                 "devcontainers/images": head(args.devcontainers),
                 "bitnami/containers": head(args.bitnami),
                 "bitnami/minideb": head(args.minideb),
                 "docker-library/docs": head(args.docs),
                 "jupyter/docker-stacks": head(args.jupyter),
                 **{r: head(g) for r, g in sorted(repos.items())}}
    variants: list[tuple] = []
    index: dict[tuple, int] = {}

    def intern(table: dict[str, dict]) -> dict[str, dict[str, int]]:
        """Each distinct fact row once, in VARIANTS; tags point at their row."""
        out: dict[str, dict[str, int]] = {}
        for name, tags in table.items():
            for tag, f in tags.items():
                row = (f["os"], f["version"], f["user"], tuple(f["users"]) if f["users"] is not None else None,
                       f["source"])
                if row not in index:
                    index[row] = len(variants)
                    variants.append(row)
                out.setdefault(name, {})[tag] = index[row]
        return out

    official_facts = official_table(off)
    official = intern(official_facts)
    dotnet = intern(dotnet_table(args.dotnet))
    bitnami = {name: {part: intern({name: entry[part]}).get(name, {}) for part in ("tags", "folders")}
               for name, entry in bitnami_table(args.bitnami).items()}
    data = {
        "CHECKED": date.today().isoformat(),
        "SNAPSHOTS": snapshots,
        "OS": OS,
        "VARIANTS": variants,
        "OFFICIAL": official,
        "DOTNET": dotnet,
        "DISTROLESS": distroless_facts(args.distroless),
        "CHAINGUARD": chainguard_facts(args.chainguard),
        "DEVCONTAINERS": devcontainers_table(args.devcontainers),
        "BITNAMI": bitnami,
        "MINIDEB": minideb_facts(args.minideb),
        # Docker Hub namespaces that carry bitnami/containers' images: bitnamilegacy holds every image and
        # tag moved out of bitnami/ (bitnami/containers#83267). bitnamisecure's hardened images are built
        # from other sources, so they are not listed.
        "BITNAMI_NAMESPACES": {"bitnami": "https://github.com/bitnami/containers",
                               "bitnamilegacy": "https://github.com/bitnami/containers/issues/83267"},
        "LAMBDA": LAMBDA,
        "DEVCONTAINER_PATHS": devcontainer_paths(args.devcontainers),
        "DEVCONTAINER_METADATA": DEVCONTAINER_METADATA,
        "MICROSOFT_ROOTS": microsoft_roots(args.dotnet),
        "JUPYTER": jupyter_table(args.jupyter),
        "RUN_AS_NEEDS_SETUP": run_as_needs_setup(args.docs, sorted(official)),
        # official images whose entrypoint starts as root and steps down to the service's user
        "STEPS_DOWN": stepping_down(official_facts),
        "ARCH_NAMESPACES": arch_namespaces(args.official_images),
        # Registries that serve Docker Hub's images under the same names.
        "HUB_MIRRORS": {"mirror.gcr.io": "https://cloud.google.com/artifact-registry/docs/pull-cached-dockerhub-images"},
    }
    sys.stdout.write('"""GENERATED by scripts/image_knowledge.py from public repositories; do not edit."""\n')
    sys.stdout.write("# fmt: off\n")
    for key, value in data.items():
        sys.stdout.write(f"{key} = {pformat(value, width=120, compact=True, sort_dicts=True)}\n")


if __name__ == "__main__":
    main()
