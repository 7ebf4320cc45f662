"""apk, yum, dnf/microdnf and zypper rules: pins, -y, caches."""
from __future__ import annotations

import pytest

from tests.rules._shell_helpers import fixed
from tests.rules.helpers import finds

A = "FROM alpine:3.21\n"
R = "FROM fedora:41\n"

CASES = [
    # DKL830 unpinned-apk-package
    (A + "RUN apk add --no-cache curl git=2.47 'b>1' c~1.2 /tmp/x.apk\n", "DKL830", ["2:5-2:12", "+2:24-2:28"]),
    (A + "RUN apk add --no-cache --virtual .build-deps gcc=14\n", "DKL830", []),
    (A + "RUN apk add --no-cache -t .deps -X https://mirror/edge gcc=14\n", "DKL830", []),
    (A + "ARG V=1\nRUN apk add --no-cache curl=$V\n", "DKL830", []),
    (A + "RUN echo apk add curl\n", "DKL830", []),
    # DKL831 apk-cache-kept
    (A + "RUN apk add curl=8\n", "DKL831", ["2:5-2:12"]),
    (A + "RUN apk --no-cache add curl=8 && apk add --no-cache git=2\n", "DKL831", []),
    (A + "RUN apk add --update curl=8 && rm -rf /var/cache/apk/*\n", "DKL831", []),
    (A + "RUN --mount=type=cache,target=/var/cache/apk apk add curl=8\n", "DKL831", []),
    (A + "RUN apk update\n", "DKL831", []),
    # DKL832 yum-without-yes, DKL838 dnf-without-yes, DKL834 zypper-without-yes
    (R + "RUN yum install httpd-2.4 && yum clean all\n", "DKL832", ["2:5-2:16"]),
    (R + "RUN yum -y install httpd-2.4 && yum install --assumeyes a-1 && yum groupinstall -y x\n", "DKL832", []),
    (R + "RUN dnf install a-1 && microdnf install b-2\n", "DKL838", ["2:5-2:16", "2:24-2:40"]),
    (R + "RUN dnf install -y a-1 && microdnf --assumeyes install b-2\n", "DKL838", []),
    (R + "RUN zypper install a=1 && zypper -n install b=1 && zypper in -y c=1\n", "DKL834", ["2:5-2:19"]),
    (R + "RUN zypper --non-interactive remove a && zypper rm --no-confirm b\n", "DKL834", []),
    # DKL833 yum-cache-kept, DKL839 dnf-cache-kept, DKL836 zypper-cache-kept
    (R + "RUN yum install -y a-1\n", "DKL833", ["2:5-2:16"]),
    (R + "RUN yum install -y a-1 && yum clean all\n", "DKL833", []),
    (R + "RUN yum install -y a-1 && rm -rf /var/cache/yum\n", "DKL833", []),
    (R + "RUN yum clean all && yum install -y a-1\n", "DKL833", ["2:22-2:33"]),
    (R + "RUN dnf install -y a-1\n", "DKL839", ["2:5-2:16"]),
    (R + "RUN dnf install -y a-1 && dnf clean all\n", "DKL839", []),
    (R + "RUN microdnf install -y a-1 && dnf clean all\n", "DKL839", ["2:5-2:21"]),
    (R + "RUN dnf install -y a-1 && dnf clean metadata\n", "DKL839", ["2:5-2:16"]),
    (R + "RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y a-1\n", "DKL839", []),
    (R + "RUN zypper in -y a=1\n", "DKL836", ["2:5-2:14"]),
    (R + "RUN zypper in -y a=1 && zypper cc\n", "DKL836", []),
    # DKL835 unpinned-yum-package, DKL840 unpinned-dnf-package, DKL837 unpinned-zypper-package
    (R + "RUN yum install -y httpd httpd-tools-2.4.6-97.el7 @dev /tmp/x.rpm python3-pip\n", "DKL835",
     ["2:5-2:16", "+2:20-2:25", "+2:67-2:78"]),
    (R + "ARG V\nRUN yum install -y httpd-$V\n", "DKL835", []),
    (R + "RUN yum install -y 'httpd-2.4*' && yum module install -y nodejs:18\n", "DKL835", []),
    (R + "RUN yum module install -y nodejs\n", "DKL835", ["2:5-2:15", "+2:27-2:33"]),
    (R + "RUN dnf install -y httpd && microdnf install -y nginx-1.20\n", "DKL840", ["2:5-2:16", "+2:20-2:25"]),
    (R + "RUN dnf groupinstall -y 'Development Tools'\n", "DKL840", []),
    (R + "RUN zypper in -y nginx 'curl>=8' vim=9 ./x.rpm\n", "DKL837", ["2:5-2:14", "+2:18-2:23"]),
]


@pytest.mark.parametrize(("source", "code", "ranges"), CASES)
def test_findings(source: str, code: str, ranges: list[str]) -> None:
    assert finds(source, code) == [(code, r) for r in ranges]


FIXES = [
    (A + "RUN apk add curl=8\n", "DKL831", A + "RUN apk add --no-cache curl=8\n"),
    (R + "RUN yum install a-1\n", "DKL832", R + "RUN yum install -y a-1\n"),
    (R + "RUN yum install -y a-1\n", "DKL833", R + "RUN yum install -y a-1 && yum clean all\n"),
    (R + "RUN microdnf install -y a-1\n", "DKL839", R + "RUN microdnf install -y a-1 && microdnf clean all\n"),
    (R + "RUN dnf in a-1\n", "DKL838", R + "RUN dnf in -y a-1\n"),
    (R + "RUN zypper install a=1\n", "DKL834", R + "RUN zypper install -y a=1\n"),
    (R + "RUN zypper install -y a=1 \\\n    && echo done\n", "DKL836",
     R + "RUN zypper install -y a=1 \\\n    && echo done \\\n    && zypper clean\n"),
]


@pytest.mark.parametrize(("source", "code", "expected"), FIXES)
def test_fixes(source: str, code: str, expected: str) -> None:
    assert fixed(source, code) == expected
