"""A change while ShellCheck runs on an older version does not wait for it.

The server's `shellcheck` here is a stand-in that takes 4 seconds (as the real one can
on a large file just opened): the next version's other diagnostics still come at once.
"""
from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.conftest import capabilities, change_doc, open_doc, published

pytestmark = pytest.mark.asyncio

SLOW = 4.0


def _slow_shellcheck_path() -> str:
    folder = Path(tempfile.mkdtemp(prefix="dockerlint-slow-shellcheck-"))
    fake = folder / "shellcheck"
    fake.write_text(f'#!/bin/sh\ncat > /dev/null\nsleep {SLOW}\necho \'{{"comments":[]}}\'\n')
    fake.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "dockerlint", "lsp"],
                                              server_env={**os.environ, "PATH": _slow_shellcheck_path()}))
async def client(lsp_client: LanguageClient):
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        pass

    await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities({})))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a shell script")
async def test_an_edit_does_not_wait_for_shellcheck_of_the_version_before(client):
    uri = "file:///tmp/lsp-slow-shellcheck/Dockerfile"
    open_doc(client, uri, "FROM alpine:3.20\nRUN echo $HOME\nUSER 1000\n")
    await published(client, uri, 1)  # all but ShellCheck's: ShellCheck starts now
    started = time.monotonic()
    change_doc(client, uri, 2, ((1, 0, 1, 0), "RUN apk add curl\n"))
    second = await asyncio.wait_for(published(client, uri, 2), SLOW * 3)
    assert time.monotonic() - started < SLOW / 2
    assert "DKL830" in {str(d.code) for d in second.diagnostics}  # unpinned-apk-package: version 2's own
    # version 1's ShellCheck pass is dropped: nothing more is published for it (and version 2's
    # finds nothing here, so its first publication stands)
    try:
        later = await asyncio.wait_for(published(client, uri), SLOW * 2)
    except asyncio.TimeoutError:
        return
    assert later.version == 2
