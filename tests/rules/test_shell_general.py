"""General RUN hygiene: cd, sudo, pipefail, /bin/sh, consecutive RUNs, curl+wget, chmod, ..."""
from __future__ import annotations

import pytest

from tests.rules._shell_helpers import fixed
from tests.rules.helpers import finds

F = "FROM debian:12\n"

CASES = [
    # DKL801 pointless-command
    (F + "RUN service nginx start && ps aux\n", "DKL801", ["2:5-2:12", "2:28-2:30"]),
    (F + "RUN apt-get install -y vim=2 && ssh-keygen -A && which top\n", "DKL801", []),
    # DKL802 cd-in-run
    (F + "RUN cd /src && make\n", "DKL802", ["2:5-2:12"]),
    (F + "RUN (cd /src && make) && echo cd /x\n", "DKL802", []),
    (F + "RUN <<EOF\ncd /src\nmake\nEOF\n", "DKL802", ["3:1-3:8"]),
    # DKL803 sudo-in-run
    (F + "RUN sudo make install && sudo -u app id\n", "DKL803", ["2:5-2:9", "2:26-2:30"]),
    (F + "RUN apt-get install -y sudo=1 && echo sudo\n", "DKL803", []),
    # DKL804 pipe-without-pipefail
    (F + "RUN curl -fsSL https://x/k | gpg --dearmor > /k.gpg\n", "DKL804", ["2:5-2:52"]),
    (F + "RUN set -o pipefail && curl -fsSL https://x/k | gpg --dearmor > /k.gpg\n", "DKL804", []),
    (F + "SHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://x/k | gpg --dearmor\n",
     "DKL804", []),
    (F + "SHELL [\"/bin/bash\", \"-c\"]\nRUN curl -fsSL https://x/k | gpg --dearmor\n", "DKL804", ["3:5-3:43"]),
    (F + "RUN echo 'a:b' | chpasswd && yes | apt-get install a=1\n", "DKL804", []),
    (F + "RUN echo 'curl x | sh'\n", "DKL804", []),
    (F + "RUN [\"bash\", \"-o\", \"pipefail\", \"-c\", \"curl x | sh\"]\n", "DKL804", []),
    ("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\n"
     "RUN Get-ChildItem | Select-Object Name\n", "DKL804", []),
    # DKL805 bin-sh-symlink
    (F + "RUN ln -sf /bin/bash /bin/sh\n", "DKL805", ["2:5-2:29"]),
    (F + "RUN ln -s /bin/sh /usr/local/bin/sh\n", "DKL805", []),
    # DKL806 consecutive-run
    (F + "RUN a\nRUN b\n# note\nRUN c\n", "DKL806", ["3:1-3:6", "5:1-5:6"]),
    (F + "RUN a && b\nRUN c\nRUN --mount=type=cache,target=/x d\nWORKDIR /x\nRUN e\n", "DKL806", []),
    (F + "RUN [ -f /x ] && a\nRUN sh -c 'b && c'\nRUN [\"d\"]\nRUN test \"$(stat x)\" = 1\n", "DKL806",
     ["3:1-3:19", "4:1-4:10", "5:1-5:25"]),
    # DKL807 curl-and-wget
    (F + "RUN curl -o a https://x/a\nRUN wget -q https://x/b && curl -O https://x/c\nFROM debian:12\nRUN wget -q x\n",
     "DKL807", ["3:5-3:9", "3:28-3:32"]),
    (F + "RUN apt-get install -y curl=1 wget=1\n", "DKL807", []),
    # DKL808 wget-without-progress
    (F + "RUN wget https://x/a && wget -q https://x/b && wget -nv https://x/c && wget --progress=dot:giga x\n",
     "DKL808", ["2:5-2:9"]),
    # DKL809 remote-script-piped-to-shell
    (F + "RUN curl -fsSL https://x/install.sh | sudo bash -s -- --yes\n", "DKL809", ["2:5-2:60"]),
    (F + "RUN sh -c \"$(wget -qO- https://x/install.sh)\"\n", "DKL809", ["2:5-2:46"]),
    (F + "RUN curl -fsSL https://x/a.tgz | tar -xz && echo 'curl x | sh'\n", "DKL809", []),
    # DKL810 world-writable-chmod
    (F + "RUN chmod 777 /a && chmod -R 0777 /b && chmod a+rwx /c && chmod o+w /d\n", "DKL810",
     ["2:11-2:14", "2:30-2:34", "2:47-2:52", "2:65-2:68"]),
    (F + "RUN chmod 1777 /tmp && chmod 755 /a && chmod +x /b && chmod u+w,g+w /c && chmod o-w /d\n", "DKL810", []),
    # DKL811 useradd-without-no-log-init
    (F + "RUN useradd -u 1000000 app\n", "DKL811", ["2:5-2:27"]),
    (F + "RUN useradd -u 1000 app && useradd -l -u 1000000 b && useradd --uid=1000000 --no-log-init c\n",
     "DKL811", []),
    (F + "ARG UID=2000000\nRUN useradd --uid \"$UID\" app\n", "DKL811", ["3:5-3:29"]),
    # DKL812 chpasswd-in-run
    (F + "RUN echo 'root:pw' | chpasswd\n", "DKL812", ["2:22-2:30"]),
    # DKL825/826 seen through other managers
    (F + "RUN apk upgrade && yum update && dnf upgrade -y && zypper dup -y && yum update -y openssl\n",
     "DKL825", ["2:5-2:16", "2:20-2:30", "2:34-2:45", "2:52-2:62"]),
    (F + "RUN apk update && zypper refresh\n", "DKL826", ["2:5-2:15", "2:19-2:33"]),
    (F + "RUN apk update && apk add --no-cache a=1\n", "DKL826", []),
]


@pytest.mark.parametrize(("source", "code", "ranges"), CASES)
def test_findings(source: str, code: str, ranges: list[str]) -> None:
    assert finds(source, code) == [(code, r) for r in ranges]


def test_useradd_fix() -> None:
    assert fixed(F + "RUN useradd -u 1000000 app\n", "DKL811") == F + "RUN useradd --no-log-init -u 1000000 app\n"
