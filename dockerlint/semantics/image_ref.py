"""Docker image references, parsed the way ``distribution/reference`` does.

``parse_image_ref`` follows ``ParseNormalizedNamed`` (normalize.go) and the grammar in
regexp.go: ``[domain[:port]/]path[:tag][@digest]`` with Docker Hub normalization
(``node`` -> ``docker.io/library/node``, ``index.docker.io`` -> ``docker.io``).
Unlike the Go code it never raises: it always returns an ``ImageRef`` whose
``valid``/``error`` say what the daemon would say, and which carries source offsets of
every part so a diagnostic can underline just the tag or the digest.

References that still contain ``$VAR`` / ``${VAR}`` (an ``ARG`` not expanded yet) are
split structurally -- ``${...}`` is treated as opaque -- and are never reported invalid.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["DEFAULT_DOMAIN", "ImageRef", "parse_image_ref"]

DEFAULT_DOMAIN = "docker.io"
LEGACY_DEFAULT_DOMAIN = "index.docker.io"
OFFICIAL_PREFIX = "library/"
NAME_TOTAL_LENGTH_MAX = 255

# regexp.go, transcribed.  re.ASCII because Go's \w is ASCII-only.
_ALNUM = r"[a-z0-9]+"
_SEPARATOR = r"(?:[._]|__|[-]+)"
_PATH_COMPONENT = rf"{_ALNUM}(?:{_SEPARATOR}{_ALNUM})*"
_REMOTE_NAME = rf"{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN_NAME = rf"{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*"
_IPV6 = r"\[(?:[a-fA-F0-9:]+)\]"
_DOMAIN_AND_PORT = rf"(?:{_DOMAIN_NAME}|{_IPV6})(?::[0-9]+)?"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}"

_REFERENCE_RE = re.compile(
    rf"((?:{_DOMAIN_AND_PORT}/)?{_REMOTE_NAME})(?::({_TAG}))?(?:@({_DIGEST}))?",
    re.ASCII,
)
_IDENTIFIER_RE = re.compile(r"[a-f0-9]{64}")
_TAG_RE = re.compile(_TAG, re.ASCII)

# go-digest: the algorithms distribution registers, and their encoded form.
_DIGEST_ALGORITHMS = {"sha256": 64, "sha384": 96, "sha512": 128}
_HEX_LOWER = frozenset("0123456789abcdef")


# A plain slotted class, not a dataclass: this module is imported by every lint.
class ImageRef:
    __slots__ = ("raw", "registry", "repository", "tag", "digest", "domain", "path", "valid", "error",
                 "has_variables", "registry_start", "registry_end", "repository_start", "repository_end",
                 "tag_start", "tag_end", "digest_start", "digest_end")

    def __init__(self, raw: str, registry: str | None, repository: str, tag: str | None, digest: str | None,
                 domain: str, path: str, valid: bool = True, error: str | None = None, has_variables: bool = False,
                 registry_start: int | None = None, registry_end: int | None = None, repository_start: int = 0,
                 repository_end: int = 0, tag_start: int | None = None, tag_end: int | None = None,
                 digest_start: int | None = None, digest_end: int | None = None) -> None:
        self.raw = raw
        self.registry = registry  # domain as written, None when implied (Docker Hub)
        self.repository = repository  # path as written, without registry, tag or digest
        self.tag = tag
        self.digest = digest
        self.domain = domain  # normalized: "docker.io" when implied or "index.docker.io"
        self.path = path  # normalized: "library/node" for "node"
        self.valid = valid
        self.error = error
        self.has_variables = has_variables
        # Offsets into ``raw`` (end-exclusive); None when the part is absent.
        self.registry_start = registry_start
        self.registry_end = registry_end
        self.repository_start = repository_start
        self.repository_end = repository_end
        self.tag_start = tag_start
        self.tag_end = tag_end
        self.digest_start = digest_start
        self.digest_end = digest_end

    @classmethod
    def parse(cls, raw: str) -> ImageRef:
        return parse_image_ref(raw)

    @property
    def name(self) -> str:
        """Fully qualified name without tag/digest: ``docker.io/library/node``."""
        return f"{self.domain}/{self.path}"

    @property
    def is_docker_hub(self) -> bool:
        return self.domain == DEFAULT_DOMAIN

    @property
    def is_official(self) -> bool:
        """A Docker Official Image (``docker.io/library/<name>``)."""
        return (
            self.domain == DEFAULT_DOMAIN
            and "$" not in self.repository  # "${IMAGE}" could be anything
            and self.path.startswith(OFFICIAL_PREFIX)
            and "/" not in self.path[len(OFFICIAL_PREFIX) :]
        )

    @property
    def official_name(self) -> str | None:
        """``node`` for any spelling of the official node image, else None."""
        return self.path[len(OFFICIAL_PREFIX) :] if self.is_official else None

    @property
    def familiar_name(self) -> str:
        """The short form the Docker CLI shows: ``node``, ``myorg/app``, ``ghcr.io/x/y``."""
        if self.domain != DEFAULT_DOMAIN:
            return f"{self.domain}/{self.path}"
        if self.is_official:
            return self.path[len(OFFICIAL_PREFIX) :]
        return self.path

    @property
    def is_scratch(self) -> bool:
        # BuildKit special-cases exactly the base name "scratch".
        return self.raw == "scratch"


def _opaque_spans(raw: str) -> list[bool]:
    """Mask of characters inside ``${...}`` (nesting-aware), where separators
    such as ':' (``${V:-x}``) and '/' (``${V/a/b}``) are not structural."""
    mask = [False] * len(raw)
    depth = 0
    i = 0
    while i < len(raw):
        if raw.startswith("${", i):
            depth += 1
            mask[i] = True
            mask[i + 1] = True
            i += 2
            continue
        if depth:
            mask[i] = True
            if raw[i] == "}":
                depth -= 1
        i += 1
    return mask


def _find(raw: str, ch: str, start: int, end: int, mask: list[bool]) -> int:
    for i in range(start, end):
        if raw[i] == ch and not mask[i]:
            return i
    return -1


def _split_domain(first: str, has_slash: bool) -> bool:
    """splitDockerDomain: is the first '/'-separated component a registry?"""
    if not has_slash:
        return False
    return (
        first == "localhost"
        or first == LEGACY_DEFAULT_DOMAIN
        or any(c in first for c in ".:")
        or first.lower() != first
    )


def _validate_digest(digest: str) -> str | None:
    algorithm, _, encoded = digest.partition(":")
    size = _DIGEST_ALGORITHMS.get(algorithm)
    if size is None:
        return "unsupported digest algorithm"
    if len(encoded) != size:
        return "invalid checksum digest length"
    if not set(encoded) <= _HEX_LOWER:
        return "invalid checksum digest format"
    return None


@lru_cache(maxsize=4096)  # ImageRefs are never changed: an editor's re-lint shares them
def parse_image_ref(raw: str) -> ImageRef:
    """Parse ``raw`` (as written after ``FROM`` / ``--from=``); never raises."""
    has_vars = "$" in raw
    mask = _opaque_spans(raw) if has_vars else [False] * len(raw)
    n = len(raw)

    # Structural split first, so offsets exist even for invalid references.
    at = _find(raw, "@", 0, n, mask)
    name_end = at if at >= 0 else n
    slash = _find(raw, "/", 0, name_end, mask)
    registry: str | None = None
    reg_start = reg_end = None
    repo_start = 0
    if slash >= 0 and _split_domain(raw[:slash], True):
        registry = raw[:slash]
        reg_start, reg_end = 0, slash
        repo_start = slash + 1
    colon = _find(raw, ":", repo_start, name_end, mask)
    repo_end = colon if colon >= 0 else name_end
    repository = raw[repo_start:repo_end]
    tag = raw[colon + 1 : name_end] if colon >= 0 else None
    digest = raw[at + 1 :] if at >= 0 else None

    if registry is None or registry == LEGACY_DEFAULT_DOMAIN:
        domain = DEFAULT_DOMAIN
    else:
        domain = registry
    path = repository
    if domain == DEFAULT_DOMAIN and "/" not in path:
        path = OFFICIAL_PREFIX + path

    error: str | None = None
    if has_vars:
        pass  # cannot be judged before ARG expansion
    elif not raw:
        error = "repository name must have at least one component"
    elif _IDENTIFIER_RE.fullmatch(raw):
        error = f"invalid repository name ({raw}), cannot specify 64-byte hexadecimal strings"
    elif repository.lower() != repository:
        error = f"invalid reference format: repository name ({repository}) must be lowercase"
    else:
        error = _check_grammar(f"{domain}/{raw[repo_start:]}", path)

    return ImageRef(
        raw=raw,
        registry=registry,
        repository=repository,
        tag=tag,
        digest=digest,
        domain=domain,
        path=path,
        valid=error is None,
        error=error,
        has_variables=has_vars,
        registry_start=reg_start,
        registry_end=reg_end,
        repository_start=repo_start,
        repository_end=repo_end,
        tag_start=colon + 1 if colon >= 0 else None,
        tag_end=name_end if colon >= 0 else None,
        digest_start=at + 1 if at >= 0 else None,
        digest_end=n if at >= 0 else None,
    )


def _check_grammar(normalized: str, path: str) -> str | None:
    """reference.Parse on the normalized string; returns the Go error text or None."""
    m = _REFERENCE_RE.fullmatch(normalized)
    if m is None:
        lowered = normalized.lower()
        if lowered != normalized and _REFERENCE_RE.fullmatch(lowered):
            return "repository name must be lowercase"
        # Say which part is wrong when we can: more useful than Go's generic message.
        _, _, rest = normalized.partition("/")
        name_part = rest.split("@", 1)[0]
        if ":" in name_part:
            tag = name_part.rsplit(":", 1)[1]
            if tag and not _TAG_RE.fullmatch(tag) and len(tag) <= 128:
                return f"invalid reference format: invalid tag {tag!r}"
            if len(tag) > 128:
                return "invalid reference format: tag is longer than 128 characters"
        return "invalid reference format"
    if len(path) > NAME_TOTAL_LENGTH_MAX:
        return f"repository name must not be more than {NAME_TOTAL_LENGTH_MAX} characters"
    if m.group(3):
        return _validate_digest(m.group(3))
    return None
