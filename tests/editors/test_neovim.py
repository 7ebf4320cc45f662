"""A real editor: headless Neovim's built-in LSP client gets dockerlint's diagnostics and applies a quick fix."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("nvim_lsp.lua")
NVIM = shutil.which("nvim")

if NVIM is None:
    if os.environ.get("CI"):
        pytest.fail("nvim is missing: scripts/test installs Debian's neovim package", pytrace=False)
    pytest.skip("nvim is not installed (scripts/test installs it)", allow_module_level=True)


def test_neovim_gets_diagnostics_and_applies_a_quick_fix(tmp_path: Path) -> None:
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM alpine:3.20 as build\nRUN echo hi\n\nFROM build\nUSER nobody\n")
    result = tmp_path / "result.json"
    # Neovim sends no settings (null initializationOptions, `[null]` configuration answers): the
    # server must lint with the defaults, as the command line does on the same file.
    cli = subprocess.run([sys.executable, "-m", "dockerlint", "--format", "json", str(dockerfile)], cwd=tmp_path,
                         env=dict(os.environ, HOME=str(tmp_path)), capture_output=True, text=True, timeout=60)
    defaults = {finding["code"] for finding in json.loads(cli.stdout)}
    assert "DKL204" in defaults, cli.stdout
    env = dict(os.environ, DOCKERLINT_CMD=json.dumps([sys.executable, "-m", "dockerlint", "lsp"]),
               DOCKERFILE=str(dockerfile), RESULT=str(result), FIX_CODE="DKL204", HOME=str(tmp_path),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_DATA_HOME=str(tmp_path / "data"))
    subprocess.run([NVIM, "--headless", "--clean", "-c", f"luafile {SCRIPT}"], env=env, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    report = json.loads(result.read_text())
    assert "error" not in report, report
    codes = {d["code"] for d in report["diagnostics"]}
    assert codes == defaults, report
    assert all(d["source"] == "dockerlint" for d in report["diagnostics"])
    assert report["fixed"], report
    assert dockerfile.read_text().startswith("FROM alpine:3.20 AS build\n")
    print(f"first diagnostics after {report['first_diagnostics_ms']:.0f} ms")
