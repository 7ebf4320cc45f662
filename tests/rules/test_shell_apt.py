"""apt rules: pins, -y, --no-install-recommends, list cleanup, `apt`, upgrades, lone updates."""
from __future__ import annotations

import pytest

from tests.rules._shell_helpers import fixed
from tests.rules.helpers import finds

F = "FROM debian:12\n"

CASES = [
    # DKL820 unpinned-apt-package
    (F + "RUN apt-get install -y curl wget=1.21\n", "DKL820", ["2:5-2:20", "+2:24-2:28"]),
    (F + "RUN apt-get install -y curl=7.88 ./local.deb foo/bookworm-backports\n", "DKL820", []),
    (F + "RUN apt-get install -y -t bookworm-backports curl=7.88\n", "DKL820", []),
    (F + "ARG CURL_VERSION=7.88\nRUN apt-get install -y curl=$CURL_VERSION\n", "DKL820", []),
    (F + "ARG PACKAGES=\"curl wget=1\"\nRUN apt-get install -y $PACKAGES\n", "DKL820", ["3:5-3:20", "+3:24-3:33"]),
    (F + "RUN apt-get install -y $PACKAGES\n", "DKL820", []),  # unknown: may be pinned
    (F + "RUN echo apt-get install curl\n", "DKL820", []),
    (F + "RUN echo 'apt-get install curl' # apt-get install wget\n", "DKL820", []),
    (F + "RUN sudo apt-get install -y curl\n", "DKL820", ["2:10-2:25", "+2:29-2:33"]),
    (F + "RUN sh -c 'apt-get install -y curl'\n", "DKL820", ["2:12-2:27", "+2:31-2:35"]),
    (F + "RUN [\"sh\", \"-c\", \"apt-get install -y curl\"]\n", "DKL820", ["2:19-2:34", "+2:38-2:42"]),
    (F + "RUN apt-get update \\\n  && apt-get install -y \\\n     curl \\\n     git=1:2.39\n", "DKL820", ["3:6-3:21", "+4:6-4:10"]),
    (F + "RUN <<EOF\nset -e\napt-get install -y curl\nEOF\n", "DKL820", ["4:1-4:16", "+4:20-4:24"]),
    (F + "ONBUILD RUN apt-get install -y curl\n", "DKL820", ["2:13-2:28", "+2:32-2:36"]),
    # DKL822 apt-get-without-yes
    (F + "RUN apt-get install curl=1\n", "DKL822", ["2:5-2:20"]),
    (F + "RUN apt-get -y install curl=1 && apt-get install --yes a=1 && apt install --assume-yes b=1\n", "DKL822", []),
    (F + "RUN apt-get -qq install a=1 && apt-get -q -q install b=1 && apt-get -q=2 install c=1\n", "DKL822", []),
    (F + "RUN apt-get -q install a=1\n", "DKL822", ["2:5-2:23"]),
    (F + "RUN yes | apt-get install a=1\n", "DKL822", []),
    (F + "RUN apt-get -o APT::Get::Assume-Yes=true install a=1\n", "DKL822", []),
    (F + "RUN echo apt-get install a=1\n", "DKL822", []),
    # DKL823 apt-install-recommends
    (F + "RUN apt-get install -y a=1\n", "DKL823", ["2:5-2:20"]),
    (F + "RUN apt-get install -y --no-install-recommends a=1\n", "DKL823", []),
    (F + "RUN apt-get -o APT::Install-Recommends=false install -y a=1\n", "DKL823", []),
    (F + "RUN apt-get update\n", "DKL823", []),
    # DKL821 apt-lists-not-removed
    (F + "RUN apt-get update && apt-get install -y a=1\n", "DKL821", ["2:5-2:19"]),
    (F + "RUN apt-get update && apt-get install -y a=1 && rm -rf /var/lib/apt/lists/*\n", "DKL821", []),
    (F + "RUN rm -rf /var/lib/apt/lists/* && apt-get update\n", "DKL821", ["2:36-2:50"]),
    (F + "RUN apt-get update && rm -rf /var/lib/apt\n", "DKL821", []),
    (F + "RUN apt-get update; apt-get install -y a=1; apt-get dist-clean\n", "DKL821", []),
    (F + "RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\n", "DKL821", []),
    (F + "RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update\n",
     "DKL821", []),
    ("FROM debian:12 AS build\nRUN apt-get update\nFROM scratch\nCOPY --from=build /x /x\n", "DKL821", []),
    ("FROM debian:12 AS base\nRUN apt-get update\nFROM base\n", "DKL821", ["2:5-2:19"]),
    (F + "RUN apt-get update && cd /var/lib && rm -rf apt/lists/*\n", "DKL821", []),
    (F + "WORKDIR /var/lib/apt\nRUN apt-get update && rm -rf lists/*\n", "DKL821", []),
    (F + "WORKDIR /var\nWORKDIR lib\nRUN apt-get update && cd apt && rm -rf ./lists\n", "DKL821", []),
    ("FROM debian:12 AS base\nWORKDIR /var/lib\nFROM base\nRUN apt-get update && rm -rf apt/lists\n", "DKL821", []),
    (F + "RUN apt-get update && rm -rf lists/*\n", "DKL821", []),  # the image's own WORKDIR is unknown
    (F + "WORKDIR /\nRUN apt-get update && rm -rf lists/*\n", "DKL821", ["3:5-3:19"]),
    (F + "RUN apt-get update && cd /tmp && rm -rf lists\n", "DKL821", ["2:5-2:19"]),
    (F + "WORKDIR /\nRUN apt-get update && (cd /var/lib && true) && rm -rf apt/lists\n", "DKL821", ["3:5-3:19"]),
    (F + "WORKDIR /\nRUN apt-get update && (cd /var/lib && rm -rf apt/lists)\n", "DKL821", []),
    # DKL824 apt-in-run
    (F + "RUN apt install -y a=1\n", "DKL824", ["2:5-2:8"]),
    (F + "RUN apt-get install -y a=1 && apt-cache policy a\n", "DKL824", []),
    (F + "RUN echo apt install\n", "DKL824", []),
    # DKL825 package-upgrade
    (F + "RUN apt-get update && apt-get upgrade -y\n", "DKL825", ["2:23-2:38"]),
    (F + "RUN apt-get dist-upgrade -y\n", "DKL825", ["2:5-2:25"]),
    (F + "RUN apt-get install -y --only-upgrade openssl=3\n", "DKL825", []),
    # DKL826 update-without-install
    (F + "RUN apt-get update\n", "DKL826", ["2:5-2:19"]),
    (F + "RUN apt-get update && apt-get install -y a=1\n", "DKL826", []),
    (F + "RUN apt-get install -y a=1 && apt-get update\n", "DKL826", ["2:31-2:45"]),
    (F + "RUN apt-get update && apk add b\n", "DKL826", ["2:5-2:19"]),
]


@pytest.mark.parametrize(("source", "code", "ranges"), CASES)
def test_findings(source: str, code: str, ranges: list[str]) -> None:
    assert finds(source, code) == [(code, r) for r in ranges]


FIXES = [
    (F + "RUN apt-get install curl=1\n", "DKL822", F + "RUN apt-get install -y curl=1\n"),
    (F + "RUN sh -c \"apt-get install a=1\"\n", "DKL822", F + "RUN sh -c \"apt-get install -y a=1\"\n"),
    (F + "RUN apt-get install \\\n    a=1\n", "DKL822", F + "RUN apt-get install -y \\\n    a=1\n"),
    (F + "RUN apt-get install -y a=1\n", "DKL823", F + "RUN apt-get install --no-install-recommends -y a=1\n"),
    (F + "RUN apt install -y a=1\n", "DKL824", F + "RUN apt-get install -y a=1\n"),
    (F + "RUN apt-get update && apt-get install -y a=1\n", "DKL821",
     F + "RUN apt-get update && apt-get install -y a=1 && rm -rf /var/lib/apt/lists/*\n"),
    (F + "RUN apt-get update && \\\n    apt-get install -y a=1\n", "DKL821",
     F + "RUN apt-get update && \\\n    apt-get install -y a=1 && \\\n    rm -rf /var/lib/apt/lists/*\n"),
    (F + "RUN apt-get update \\\n  && apt-get install -y a=1  \n", "DKL821",
     F + "RUN apt-get update \\\n  && apt-get install -y a=1 \\\n  && rm -rf /var/lib/apt/lists/*  \n"),
    ("# escape=`\n" + F + "RUN apt-get update `\n  && apt-get install -y a=1\n", "DKL821",
     "# escape=`\n" + F + "RUN apt-get update `\n  && apt-get install -y a=1 `\n  && rm -rf /var/lib/apt/lists/*\n"),
    (F + "RUN <<EOF\napt-get update\napt-get install -y a=1\nEOF\n", "DKL821",
     F + "RUN <<EOF\napt-get update\napt-get install -y a=1 && rm -rf /var/lib/apt/lists/*\nEOF\n"),
    (F + "RUN apt-get update && cat <<EOF > /etc/x\nline\nEOF\n", "DKL821",
     F + "RUN apt-get update && cat <<EOF > /etc/x && rm -rf /var/lib/apt/lists/*\nline\nEOF\n"),
    (F + "RUN if true; then apt-get update; fi\n", "DKL821",
     F + "RUN if true; then apt-get update; fi && rm -rf /var/lib/apt/lists/*\n"),
    # the script bash reads from the heredoc runs before the `rm` that follows on its line
    (F + "RUN <<EOT bash\napt-get update\nEOT\n", "DKL821",
     F + "RUN <<EOT bash && rm -rf /var/lib/apt/lists/*\napt-get update\nEOT\n"),
    # a later install that updates first needs no lists
    (F + "RUN apt-get update\nRUN apt-get update && apt-get install -y b=1\n", "DKL821",
     F + "RUN apt-get update && rm -rf /var/lib/apt/lists/*\n"
         "RUN apt-get update && apt-get install -y b=1 && rm -rf /var/lib/apt/lists/*\n"),
]


@pytest.mark.parametrize(("source", "code", "expected"), FIXES)
def test_fixes(source: str, code: str, expected: str) -> None:
    assert fixed(source, code) == expected


@pytest.mark.parametrize("source", [
    F + "RUN apt-get update # refresh\n",  # `&&` would land in the comment
    F + "RUN apt-get update &\n",
    F + "RUN apt-get update;\n",
])
def test_no_append_fix_where_it_would_not_join(source: str) -> None:
    from tests.rules.helpers import run

    assert [f.fix for f in run(source, "DKL821").findings] == [None]


@pytest.mark.parametrize(("source", "safe"), [
    (F + "RUN apt install -y a=1\n", True),
    (F + "RUN apt upgrade -y\n", False),  # `apt upgrade` installs new dependencies, `apt-get upgrade` holds back
])
def test_apt_to_apt_get_is_safe_where_they_do_the_same(source: str, safe: bool) -> None:
    from tests.rules.helpers import run

    [finding] = run(source, "DKL824").findings
    assert finding.fix is not None and finding.fix.safe is safe


@pytest.mark.parametrize("source", [
    F + "RUN apt-get update && apt-get install -y a=1\nRUN apt-get install -y b=1\n",
    F + "RUN apt-get update\nCOPY x /x\nRUN apt install -y b=1\n",
    "FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN apt-get install -y b=1\n",
])
def test_no_lists_removed_where_a_later_install_needs_them(source: str) -> None:
    """`apt-get install` without `apt-get update` fails once the lists are gone ("Unable to locate package")."""
    from tests.rules.helpers import run

    assert [f.fix for f in run(source, "DKL821").findings] == [None]
