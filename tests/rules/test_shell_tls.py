"""Certificate and signature checks turned off."""
from __future__ import annotations

import pytest

from tests.rules.helpers import finds

F = "FROM debian:12\n"

CASES = [
    # DKL813 tls-verification-disabled
    (F + "RUN curl -fsSLk https://x && curl --insecure https://y && curl -fsSL https://z\n", "DKL813",
     ["2:5-2:26", "2:30-2:55"]),
    (F + "RUN curl -H 'X-k: 1' https://x && curl -o -k https://y\n", "DKL813", []),
    (F + "RUN wget --no-check-certificate https://x\n", "DKL813", ["2:5-2:42"]),
    (F + "RUN pip install --trusted-host pypi.example x==1\n", "DKL813", ["2:5-2:49"]),
    (F + "RUN git -c http.sslVerify=false clone https://x && git config --global http.sslverify false\n",
     "DKL813", ["2:5-2:48", "2:52-2:92"]),
    (F + "RUN npm config set strict-ssl false && yarn config set strict-ssl false && npm set strict-ssl true\n",
     "DKL813", ["2:5-2:36", "2:40-2:72"]),
    (F + "RUN npm c set strict-ssl false && npm set strict-ssl=false && npm install --strict-ssl=false x@1\n",
     "DKL813", ["2:5-2:31", "2:35-2:59", "2:63-2:97"]),
    (F + "RUN yarn install strict-ssl false && npm install strict-ssl false\n", "DKL813", []),  # package names
    (F + "RUN dnf --setopt=sslverify=0 install -y a-1 && yum-config-manager --save --setopt=repo.sslverify=false\n",
     "DKL813", ["2:5-2:44", "2:48-2:103"]),
    (F + "RUN GIT_SSL_NO_VERIFY=1 git clone https://x && export NODE_TLS_REJECT_UNAUTHORIZED=0\n", "DKL813",
     ["2:5-2:24", "2:55-2:85"]),
    (F + "RUN env PYTHONHTTPSVERIFY=0 python x.py && NODE_TLS_REJECT_UNAUTHORIZED=1 node y\n", "DKL813",
     ["2:9-2:28"]),
    (F + "ENV GIT_SSL_NO_VERIFY=true\n", "DKL813", []),  # tls-verification-disabled-env's
    (F + "RUN echo curl -k https://x\n", "DKL813", []),
    # DKL814 package-signature-check-disabled
    (F + "RUN apk add --allow-untrusted /x.apk && apt-get install -y --allow-unauthenticated a=1\n", "DKL814",
     ["2:5-2:37", "2:41-2:87"]),
    (F + "RUN apt-get install --force-yes a=1 && yum install -y --nogpgcheck a-1 && rpm -i --nosignature x.rpm\n",
     "DKL814", ["2:5-2:36", "2:40-2:71", "2:75-2:101"]),
    (F + "RUN dnf install -y --setopt=gpgcheck=0 a-1 && zypper --no-gpg-checks in -y b=1\n", "DKL814",
     ["2:5-2:43", "2:47-2:79"]),
    (F + "RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y a=1\n", "DKL814", ["2:5-2:66"]),
    (F + "RUN apt-get install -y a=1 && rpm --import /k.asc\n", "DKL814", []),
]


@pytest.mark.parametrize(("source", "code", "ranges"), CASES)
def test_findings(source: str, code: str, ranges: list[str]) -> None:
    assert finds(source, code) == [(code, r) for r in ranges]
