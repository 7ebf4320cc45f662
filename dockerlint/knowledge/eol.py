"""End-of-life data for popular base images, shipped as data (never fetched).

``EOL_TABLE_DATE`` is when the table was last checked.  Dates are the end of *free /
community* security support as published by upstream (mirrored by endoflife.date),
with these deliberate choices, made so that a warning means "this image no longer gets
fixes":

* Debian: end of Debian LTS (the official ``debian`` images keep receiving LTS
  updates), not the earlier end of regular security support.
* Ubuntu: end of standard support (ESM is a paid add-on not present in the images).
* ``openjdk``: the Docker Official Image was deprecated; GA tags stopped receiving
  updates after July 2022 whatever the Java version.

A cycle whose end date could not be confirmed when the table was checked is simply
absent (``lookup`` then says nothing) rather than guessed: a linter must not invent
deadlines.  Dates marked ``approx=True`` are known to the month only; they are all in
the past relative to ``EOL_TABLE_DATE`` so the imprecision cannot flip a verdict.
"""

from __future__ import annotations

import re
from datetime import date

from dockerlint.semantics.image_ref import ImageRef

__all__ = [
    "EOL_TABLE_DATE",
    "PRODUCTS",
    "Cycle",
    "EolInfo",
    "Product",
    "describe",
    "lookup",
]

EOL_TABLE_DATE = "2026-12-06"


# Plain slotted classes, not dataclasses: this module is imported by every lint.
class Cycle:
    __slots__ = ("cycle", "eol", "lts", "codename", "approx")

    def __init__(self, cycle: str, eol: date | None, lts: bool = True, codename: str | None = None,
                 approx: bool = False) -> None:
        self.cycle = cycle
        self.eol = eol  # None: supported, no end date announced/confirmed
        self.lts = lts  # False for releases nobody should be told to move *to*
        self.codename = codename
        self.approx = approx


class Product:
    __slots__ = ("key", "label", "sources", "cycles", "granularity", "note")

    def __init__(self, key: str, label: str, sources: tuple[str, ...], cycles: tuple[Cycle, ...],
                 granularity: int = 2, note: str | None = None) -> None:
        self.key = key
        self.label = label
        self.sources = sources  # endoflife.date page first, then upstream policy
        self.cycles = cycles
        self.granularity = granularity  # version components in a cycle: node "14" = 1, python "3.7" = 2
        self.note = note

    def cycle_map(self) -> dict[str, Cycle]:
        return {c.cycle: c for c in self.cycles}

    def latest_supported(self, today: date) -> str | None:
        alive = [c for c in self.cycles if c.lts and (c.eol is None or c.eol > today)]
        if not alive:
            return None
        return max(alive, key=lambda c: _version_key(c.cycle)).cycle


class EolInfo:
    __slots__ = ("product", "cycle", "eol_date", "source_url", "latest_supported", "label", "note", "approx",
                 "base")

    def __init__(self, product: str, cycle: str, eol_date: date | None, source_url: str,
                 latest_supported: str | None, label: str = "", note: str | None = None,
                 approx: bool = False, base: EolInfo | None = None) -> None:
        self.product = product  # Product.key, e.g. "python"
        self.cycle = cycle
        self.eol_date = eol_date
        self.source_url = source_url
        self.latest_supported = latest_supported
        self.label = label
        self.note = note
        self.approx = approx
        self.base = base  # distro named in the tag suffix

    def is_eol(self, today: date) -> bool:
        return self.eol_date is not None and today >= self.eol_date

    def with_base(self, base: EolInfo | None) -> EolInfo:
        return EolInfo(self.product, self.cycle, self.eol_date, self.source_url, self.latest_supported,
                       self.label, self.note, self.approx, base)


def _d(s: str) -> date:
    return date.fromisoformat(s)


def _version_key(cycle: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else -1 for p in cycle.split("."))


def _cycles(*rows: tuple) -> tuple[Cycle, ...]:
    out = []
    for row in rows:
        name, eol, *rest = row
        kwargs = rest[0] if rest else {}
        out.append(Cycle(name, _d(eol) if eol else None, **kwargs))
    return tuple(out)


_NL = {"lts": False}
_APPROX = {"approx": True}
_NL_APPROX = {"lts": False, "approx": True}

# fmt: off
PRODUCTS: dict[str, Product] = {
    "nodejs": Product(
        "nodejs", "Node.js",
        ("https://endoflife.date/nodejs", "https://nodejs.org/en/about/previous-releases",
         "https://github.com/nodejs/release#release-schedule"),
        _cycles(
            ("0.10", "2016-10-31"), ("0.12", "2016-12-31"),
            ("4", "2018-04-30", {"codename": "argon"}), ("5", "2016-06-30", _NL),
            ("6", "2019-04-30", {"codename": "boron"}), ("7", "2017-06-30", _NL),
            ("8", "2019-12-31", {"codename": "carbon"}), ("9", "2018-06-30", _NL),
            ("10", "2021-04-30", {"codename": "dubnium"}), ("11", "2019-06-01", _NL),
            ("12", "2022-04-30", {"codename": "erbium"}), ("13", "2020-06-01", _NL),
            ("14", "2023-04-30", {"codename": "fermium"}), ("15", "2021-06-01", _NL),
            ("16", "2023-09-11", {"codename": "gallium"}), ("17", "2022-06-01", _NL),
            ("18", "2025-04-30", {"codename": "hydrogen"}), ("19", "2023-06-01", _NL),
            ("20", "2026-04-30", {"codename": "iron"}), ("21", "2024-06-01", _NL),
            ("22", "2027-04-30", {"codename": "jod"}), ("23", "2025-06-01", _NL),
            ("24", "2028-04-30", {"codename": "krypton"}), ("25", "2026-06-01", _NL),
            ("26", "2029-04-30"),
        ),
        granularity=1,
    ),
    "python": Product(
        "python", "Python",
        ("https://endoflife.date/python", "https://devguide.python.org/versions/"),
        _cycles(
            ("2.6", "2013-10-29"), ("2.7", "2020-01-01"), ("3.2", "2016-02-20"),
            ("3.3", "2017-09-29"), ("3.4", "2019-03-18"), ("3.5", "2020-09-30"),
            ("3.6", "2021-12-23"), ("3.7", "2023-06-27"), ("3.8", "2024-10-07"),
            ("3.9", "2025-10-31"), ("3.10", "2026-10-31"), ("3.11", "2027-10-31"),
            ("3.12", "2028-10-31"), ("3.13", "2029-10-31"), ("3.14", "2030-10-31"),
        ),
    ),
    "ubuntu": Product(
        "ubuntu", "Ubuntu",
        ("https://endoflife.date/ubuntu", "https://ubuntu.com/about/release-cycle"),
        _cycles(
            ("12.04", "2017-04-28", {"codename": "precise"}),
            ("14.04", "2019-04-25", {"codename": "trusty"}),
            ("16.04", "2021-04-30", {"codename": "xenial"}),
            ("16.10", "2017-07-20", {"codename": "yakkety", "lts": False}),
            ("17.04", "2018-01-13", {"codename": "zesty", "lts": False}),
            ("17.10", "2018-07-19", {"codename": "artful", "lts": False}),
            ("18.04", "2023-05-31", {"codename": "bionic"}),
            ("18.10", "2019-07-18", {"codename": "cosmic", "lts": False}),
            ("19.04", "2020-01-23", {"codename": "disco", "lts": False}),
            ("19.10", "2020-07-17", {"codename": "eoan", "lts": False}),
            ("20.04", "2025-05-31", {"codename": "focal"}),
            ("20.10", "2021-07-22", {"codename": "groovy", "lts": False}),
            ("21.04", "2022-01-20", {"codename": "hirsute", "lts": False}),
            ("21.10", "2022-07-14", {"codename": "impish", "lts": False}),
            ("22.04", "2027-06-01", {"codename": "jammy"}),
            ("22.10", "2023-07-20", {"codename": "kinetic", "lts": False}),
            ("23.04", "2024-01-25", {"codename": "lunar", "lts": False}),
            ("23.10", "2024-07-11", {"codename": "mantic", "lts": False}),
            ("24.04", "2029-05-31", {"codename": "noble"}),
            ("24.10", "2025-07-10", {"codename": "oracular", "lts": False}),
            ("25.04", "2026-01-15", {"codename": "plucky", "lts": False, "approx": True}),
            ("25.10", "2026-07-09", {"codename": "questing", "lts": False, "approx": True}),
        ),
    ),
    "debian": Product(
        "debian", "Debian",
        ("https://endoflife.date/debian", "https://wiki.debian.org/LTS",
         "https://wiki.debian.org/DebianReleases"),
        _cycles(
            ("6", "2016-02-29", {"codename": "squeeze"}),
            ("7", "2018-05-31", {"codename": "wheezy"}),
            ("8", "2020-06-30", {"codename": "jessie"}),
            ("9", "2022-06-30", {"codename": "stretch"}),
            ("10", "2024-06-30", {"codename": "buster"}),
            ("11", "2026-08-31", {"codename": "bullseye"}),
            ("12", "2028-06-30", {"codename": "bookworm"}),
            ("13", "2030-06-30", {"codename": "trixie"}),
        ),
        granularity=1,
        note="end of Debian LTS",
    ),
    "alpine": Product(
        "alpine", "Alpine Linux",
        ("https://endoflife.date/alpine-linux", "https://alpinelinux.org/releases/"),
        _cycles(
            ("3.0", "2016-05-01"), ("3.1", "2016-11-01"), ("3.2", "2017-05-01"),
            ("3.3", "2017-11-01"), ("3.4", "2018-05-01"), ("3.5", "2018-11-01"),
            ("3.6", "2019-05-01"), ("3.7", "2019-11-01"), ("3.8", "2020-05-01"),
            ("3.9", "2020-11-01"), ("3.10", "2021-05-01"), ("3.11", "2021-11-01"),
            ("3.12", "2022-05-01"), ("3.13", "2022-11-01"), ("3.14", "2023-05-01"),
            ("3.15", "2023-11-01"), ("3.16", "2024-05-23"), ("3.17", "2024-11-22"),
            ("3.18", "2025-05-09"), ("3.19", "2025-11-01"), ("3.20", "2026-04-01"),
            ("3.21", "2026-11-01"), ("3.22", "2027-05-01"), ("3.23", "2027-11-01"),
        ),
    ),
    "go": Product(
        "go", "Go",
        ("https://endoflife.date/go", "https://go.dev/doc/devel/release#policy"),
        # Each release is supported until the release two versions later ships.
        _cycles(
            ("1.8", "2018-02-16"), ("1.9", "2018-08-24"), ("1.10", "2019-02-25"),
            ("1.11", "2019-09-03"), ("1.12", "2020-02-25"), ("1.13", "2020-08-11"),
            ("1.14", "2021-02-16"), ("1.15", "2021-08-16"), ("1.16", "2022-03-15"),
            ("1.17", "2022-08-02"), ("1.18", "2023-02-01"), ("1.19", "2023-09-06"),
            ("1.20", "2024-02-06"), ("1.21", "2024-08-13"), ("1.22", "2025-02-11"),
            ("1.23", "2025-08-12"), ("1.24", "2026-02-11"), ("1.26", None),
        ),
    ),
    "ruby": Product(
        "ruby", "Ruby",
        ("https://endoflife.date/ruby", "https://www.ruby-lang.org/en/downloads/branches/"),
        _cycles(
            ("1.9", "2015-02-23"), ("2.0", "2016-02-24"), ("2.1", "2017-03-31"),
            ("2.2", "2018-03-31"), ("2.3", "2019-03-31"), ("2.4", "2020-03-31"),
            ("2.5", "2021-04-05"), ("2.6", "2022-04-12"), ("2.7", "2023-03-31"),
            ("3.0", "2024-04-23"), ("3.1", "2025-03-26"), ("3.2", "2026-03-31"),
            ("3.3", "2027-03-31"), ("3.4", "2028-03-31"), ("4.0", None),
        ),
    ),
    "php": Product(
        "php", "PHP",
        ("https://endoflife.date/php", "https://www.php.net/supported-versions.php"),
        _cycles(
            ("5.5", "2016-07-21"), ("5.6", "2018-12-31"), ("7.0", "2019-01-10"),
            ("7.1", "2019-12-01"), ("7.2", "2020-11-30"), ("7.3", "2021-12-06"),
            ("7.4", "2022-11-28"), ("8.0", "2023-11-26"), ("8.1", "2025-12-31"),
            ("8.2", "2026-12-31"), ("8.3", "2027-12-31"), ("8.4", "2028-12-31"),
            ("8.5", "2029-12-31"),
        ),
    ),
    "eclipse-temurin": Product(
        "eclipse-temurin", "Eclipse Temurin",
        ("https://endoflife.date/eclipse-temurin", "https://adoptium.net/support/"),
        # LTS dates are Adoptium's "at least until"; Java 8's extension was not
        # confirmed when checked, so it is left out.
        _cycles(
            ("11", "2027-10-31"), ("16", "2021-09-30", _NL_APPROX),
            ("17", "2027-10-31"), ("18", "2022-09-30", _NL_APPROX),
            ("19", "2023-03-31", _NL_APPROX), ("20", "2023-09-30", _NL_APPROX),
            ("21", "2029-12-31"), ("22", "2024-09-30", _NL_APPROX),
            ("23", "2025-03-31", _NL_APPROX), ("24", "2025-09-30", _NL_APPROX),
            ("25", None), ("26", "2026-09-30", _NL_APPROX),
        ),
        granularity=1,
    ),
    "amazon-corretto": Product(
        "amazon-corretto", "Amazon Corretto",
        ("https://endoflife.date/amazon-corretto", "https://aws.amazon.com/corretto/faqs/"),
        _cycles(
            ("8", "2030-12-31"), ("11", "2032-01-31"), ("17", "2029-10-31"),
            ("18", "2022-09-30", _NL_APPROX), ("19", "2023-04-30", _NL_APPROX),
            ("20", "2023-10-31", _NL_APPROX), ("21", "2030-10-31"),
            ("22", "2024-10-31", _NL_APPROX), ("23", "2025-04-30", _NL_APPROX),
            ("24", "2025-10-31", _NL_APPROX), ("25", None),
        ),
        granularity=1,
    ),
    "openjdk": Product(
        "openjdk", "openjdk (deprecated Docker Official Image)",
        ("https://hub.docker.com/_/openjdk", "https://github.com/docker-library/openjdk/issues/505"),
        # Every GA Java version of this image stopped receiving updates in July 2022;
        # the cycle is still the Java version so the message can name it.
        tuple(Cycle(str(v), _d("2022-07-31"), approx=True)
              for v in (6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18)),
        granularity=1,
        note="the openjdk image is deprecated: use eclipse-temurin, amazoncorretto, "
             "ibm-semeru-runtimes or sapmachine",
    ),
    # Not releases but a catalog: on 2025-08-28 Bitnami stopped updating its free Debian images and
    # moved every versioned tag from `bitnami/` to `bitnamilegacy/` (see `_bitnami`).
    "bitnami": Product("bitnami", "Bitnami's free catalog", ("https://github.com/bitnami/containers/issues/83267",), ()),
    # Since 2023-10-20 the Jupyter Docker Stacks are pushed to quay.io only.
    "jupyter": Product("jupyter", "Jupyter Docker Stacks on Docker Hub",
                       ("https://github.com/jupyter/docker-stacks/blob/main/README.md",), ()),
    "postgresql": Product(
        "postgresql", "PostgreSQL",
        ("https://endoflife.date/postgresql", "https://www.postgresql.org/support/versioning/"),
        _cycles(
            ("9.0", "2015-10-08"), ("9.1", "2016-10-27"), ("9.2", "2017-11-09"),
            ("9.3", "2018-11-08"), ("9.4", "2020-02-13"), ("9.5", "2021-02-11"),
            ("9.6", "2021-11-11"), ("10", "2022-11-10"), ("11", "2023-11-09"),
            ("12", "2024-11-21"), ("13", "2025-11-13"), ("14", "2026-11-12"),
            ("15", "2027-11-11"), ("16", "2028-11-09"), ("17", "2029-11-08"),
            ("18", "2030-11-14"),
        ),
        granularity=1,  # 9.x needs two components; handled in _cycle_from_tag
    ),
    "mysql": Product(
        "mysql", "MySQL",
        ("https://endoflife.date/mysql",
         "https://www.oracle.com/us/support/library/lifetime-support-technology-069183.pdf"),
        _cycles(
            ("5.5", "2018-12-31"), ("5.6", "2021-02-28"), ("5.7", "2023-10-31"),
            ("8.0", "2026-04-30"), ("8.1", "2023-10-25", _NL), ("8.2", "2024-01-16", _NL),
            ("8.3", "2024-04-30", _NL), ("8.4", "2032-04-30"),
            ("9.0", "2024-10-15", _NL_APPROX), ("9.1", "2025-01-21", _NL_APPROX),
            ("9.2", "2025-04-15", _NL_APPROX),
        ),
    ),
    "mariadb": Product(
        "mariadb", "MariaDB",
        ("https://endoflife.date/mariadb", "https://mariadb.org/about/#maintenance-policy"),
        _cycles(
            ("5.5", "2020-04-11"), ("10.0", "2019-03-31"), ("10.1", "2020-10-17"),
            ("10.2", "2022-05-23"), ("10.3", "2023-05-25"), ("10.4", "2024-06-18"),
            ("10.5", "2025-06-24"), ("10.6", "2026-07-06"), ("10.7", "2023-02-09", _NL),
            ("10.8", "2023-05-20", _NL), ("10.9", "2023-08-22", _NL),
            ("10.10", "2023-11-17", _NL), ("10.11", "2028-02-16"),
            ("11.0", "2024-06-06", _NL), ("11.1", "2024-08-21", _NL),
            ("11.2", "2024-11-21", _NL), ("11.4", "2029-05-29"),
        ),
    ),
    "redis": Product(
        "redis", "Redis",
        ("https://endoflife.date/redis",
         "https://redis.io/docs/latest/operate/rs/installing-upgrading/product-lifecycle/"),
        # Only long-dead branches; 6.2+ dates were not confirmed when checked.
        _cycles(
            ("3.2", "2019-10-01", _APPROX), ("4.0", "2020-04-30", _APPROX),
            ("5.0", "2021-10-31", _APPROX), ("6.0", "2023-07-31", _APPROX),
        ),
    ),
    "nginx": Product(
        "nginx", "nginx",
        ("https://endoflife.date/nginx", "https://nginx.org/en/download.html"),
        # Only the current stable and mainline branches are maintained; a branch
        # dies when the next stable (even) branch is released.
        _cycles(
            ("1.14", "2019-04-23"), ("1.15", "2019-04-23", _NL), ("1.16", "2020-04-21"),
            ("1.17", "2020-04-21", _NL), ("1.18", "2021-05-25"), ("1.19", "2021-05-25", _NL),
            ("1.20", "2022-05-24"), ("1.21", "2022-05-24", _NL), ("1.22", "2023-04-11"),
            ("1.23", "2023-04-11", _NL), ("1.24", "2024-04-23"), ("1.25", "2024-04-23", _NL),
            ("1.26", "2025-04-15"), ("1.27", "2025-04-15", _NL),
        ),
    ),
    "centos": Product(
        "centos", "CentOS Linux",
        ("https://endoflife.date/centos", "https://www.centos.org/centos-linux-eol/"),
        _cycles(
            ("5", "2017-03-31"), ("6", "2020-11-30"), ("7", "2024-06-30"),
            ("8", "2021-12-31"),
        ),
        granularity=1,
        note="CentOS Linux is discontinued; consider almalinux, rockylinux or "
             "quay.io/centos/centos:stream",
    ),
    "fedora": Product(
        "fedora", "Fedora",
        ("https://endoflife.date/fedora", "https://docs.fedoraproject.org/en-US/releases/eol/"),
        _cycles(
            ("30", "2020-05-26"), ("31", "2020-11-24"), ("32", "2021-05-25"),
            ("33", "2021-11-30"), ("34", "2022-06-07"), ("35", "2022-12-13"),
            ("36", "2023-05-16"), ("37", "2023-12-05"), ("38", "2024-05-21"),
            ("39", "2024-11-26"), ("40", "2025-05-13"), ("41", "2025-12-15", _APPROX),
            ("42", "2026-05-13", _APPROX),
        ),
        granularity=1,
    ),
    "dotnet": Product(
        "dotnet", ".NET",
        ("https://endoflife.date/dotnet",
         "https://dotnet.microsoft.com/en-us/platform/support/policy/dotnet-core"),
        _cycles(
            ("1.0", "2019-06-27"), ("1.1", "2019-06-27"), ("2.0", "2018-10-01"),
            ("2.1", "2021-08-21"), ("2.2", "2019-12-23"), ("3.0", "2020-03-03"),
            ("3.1", "2022-12-13"), ("5.0", "2022-05-10", _NL), ("6.0", "2024-11-12"),
            ("7.0", "2024-05-14", _NL), ("8.0", "2026-11-10"), ("9.0", "2026-11-10", _NL),
            ("10.0", "2028-11-14"),
        ),
    ),
    "mongodb": Product(
        "mongodb", "MongoDB",
        ("https://endoflife.date/mongodb",
         "https://www.mongodb.com/legal/support-policy/lifecycles"),
        _cycles(
            ("3.4", "2020-01-31"), ("3.6", "2021-04-30"), ("4.0", "2022-04-30"),
            ("4.2", "2023-04-30"), ("4.4", "2024-02-29"), ("5.0", "2024-10-31"),
            ("6.0", "2025-07-31"), ("7.0", "2027-08-31"), ("8.0", "2029-10-31"),
        ),
    ),
}
# fmt: on

# Docker Official Image name -> product key.
_OFFICIAL_IMAGES: dict[str, str] = {
    "node": "nodejs",
    "python": "python",
    "ubuntu": "ubuntu",
    "debian": "debian",
    "alpine": "alpine",
    "golang": "go",
    "ruby": "ruby",
    "php": "php",
    "eclipse-temurin": "eclipse-temurin",
    "amazoncorretto": "amazon-corretto",
    "openjdk": "openjdk",
    "postgres": "postgresql",
    "mysql": "mysql",
    "mariadb": "mariadb",
    "redis": "redis",
    "nginx": "nginx",
    "centos": "centos",
    "fedora": "fedora",
    "mongo": "mongodb",
}

# mcr.microsoft.com repositories that carry the .NET version as their tag.
_DOTNET_REPOS = frozenset(
    f"dotnet/{core}{kind}"
    for core in ("", "core/")
    for kind in ("sdk", "aspnet", "runtime", "runtime-deps")
)

_DISTROS = ("debian", "ubuntu")
_CODENAMES: dict[str, tuple[str, str]] = {
    c.codename: (key, c.cycle)
    for key in _DISTROS
    for c in PRODUCTS[key].cycles
    if c.codename
}
_VERSION_RE = re.compile(r"v?(\d+(?:\.\d+)*)(?=$|[-_u+])")
_ALPINE_SUFFIX_RE = re.compile(r"alpine(\d+\.\d+)$")


def _cycle_from_tag(product: Product, tag: str) -> str | None:
    """The release cycle a tag pins, or None for moving tags (``lts``, ``3``, ...)."""
    low = tag.lower()
    head = low.split("-", 1)[0]
    for c in product.cycles:  # "bionic", "stretch-slim", "iron-alpine"
        if c.codename == head:
            return c.cycle
    if product.key == "centos" and low.startswith("centos"):
        low = low[len("centos") :]
    m = _VERSION_RE.match(low)
    if m is None:
        return None
    parts = m.group(1).split(".")
    need = product.granularity
    if product.key == "postgresql" and parts[0] == "9":
        need = 2  # before 10, PostgreSQL majors were two components
    if len(parts) < need:
        return None  # e.g. python:3 floats across minor releases
    return ".".join(parts[:need])


def _suffix_distro(tag: str) -> tuple[str, str] | None:
    """The base distro a language image's tag names: ``3.7-slim-buster``,
    ``1.19-alpine3.16``, ``17-jre-jammy``."""
    tokens = tag.lower().split("-")[1:]
    for token in reversed(tokens):
        if token in _CODENAMES:
            return _CODENAMES[token]
        m = _ALPINE_SUFFIX_RE.match(token)
        if m:
            return "alpine", m.group(1)
    return None


def _info(product: Product, cycle: Cycle, today: date | None) -> EolInfo:
    return EolInfo(
        product=product.key,
        cycle=cycle.cycle,
        eol_date=cycle.eol,
        source_url=product.sources[0],
        latest_supported=product.latest_supported(today or date.today()),
        label=product.label,
        note=product.note,
        approx=cycle.approx,
    )


def _product_for(ref: ImageRef) -> Product | None:
    if ref.has_variables or not ref.valid or ref.digest is not None or not ref.tag:
        return None
    if ref.tag == "latest":
        return None
    if ref.is_official:
        key = _OFFICIAL_IMAGES.get(ref.official_name or "")
        return PRODUCTS[key] if key else None
    if ref.domain == "mcr.microsoft.com" and ref.path in _DOTNET_REPOS:
        return PRODUCTS["dotnet"]
    return None


# namespace on Docker Hub -> (product, the day it stopped, what to say)
_CATALOGS = {
    "bitnami": ("bitnami", _d("2025-08-28"), "Bitnami moved its versioned images to `bitnamilegacy/` (no updates "
                                             "there), so the tag no longer pulls from `bitnami/`"),
    "bitnamilegacy": ("bitnami", _d("2025-08-28"), "Bitnami no longer updates `bitnamilegacy/`"),
    "jupyter": ("jupyter", _d("2023-10-20"), "the Jupyter Docker Stacks are pushed to `quay.io/jupyter/` only; "
                                             "Docker Hub's `jupyter/` images get no updates"),
}


def _catalog(ref: ImageRef) -> EolInfo | None:
    """A Docker Hub namespace whose publisher stopped updating it: Bitnami's free catalog
    (`bitnami/<app>:<version>` moved away and no longer pulls; `bitnamilegacy/<app>` gets no updates;
    `bitnami/<app>:latest`, the hardened image Bitnami still publishes, and `bitnami/minideb`, still
    maintained, are left out) and the Jupyter Docker Stacks' old home."""
    if not ref.is_docker_hub or ref.has_variables or not ref.valid or ref.digest is not None:
        return None
    namespace, _, name = ref.path.partition("/")
    if namespace not in _CATALOGS or not name or "/" in name:
        return None
    if namespace == "bitnami" and (name == "minideb" or (ref.tag or "latest") == "latest"):
        return None
    key, ended, note = _CATALOGS[namespace]
    product = PRODUCTS[key]
    return EolInfo(product.key, "", ended, product.sources[0], None, product.label, f"{note}; move to a maintained image")


def describe(ref: ImageRef, today: date | None = None) -> EolInfo | None:
    """The known cycle of ``ref`` whether or not it is EOL (for hovers), with the
    tag's base distro in ``base`` when the tag names one; None if not in the table."""
    catalog = _catalog(ref)
    if catalog is not None:
        return catalog
    product = _product_for(ref)
    if product is None:
        return None
    tag = ref.tag or ""
    name = _cycle_from_tag(product, tag)
    cycle = product.cycle_map().get(name) if name else None
    base: EolInfo | None = None
    if product.key not in _DISTROS and product.key != "alpine":
        distro = _suffix_distro(tag)
        if distro:
            dproduct = PRODUCTS[distro[0]]
            dcycle = dproduct.cycle_map().get(distro[1])
            if dcycle:
                base = _info(dproduct, dcycle, today)
    if cycle is None:
        return base
    info = _info(product, cycle, today)
    if base is not None:
        info = info.with_base(base)
    return info


def lookup(ref: ImageRef, today: date) -> EolInfo | None:
    """EOL information for ``ref`` if the image (or, failing that, the base distro
    its tag names) is past end of life on ``today``; None otherwise.

    Only Docker Official Images (any spelling: ``node``, ``docker.io/library/node``)
    and ``mcr.microsoft.com/dotnet/*`` are matched; ``latest``, untagged, digest-pinned
    and ``$VAR`` references never are.
    """
    info = describe(ref, today)
    if info is None:
        return None
    if info.is_eol(today):
        base = info.base
        if base is not None and not base.is_eol(today):
            info = info.with_base(None)
        return info
    if info.base is not None and info.base.is_eol(today):
        return info.base
    return None
