"""Parse every shell-form RUN script of the shared corpus."""
from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import pytest

from dockerlint.shell import parse_script
from tests.corpus import CORPUS, entries

REPO = Path(__file__).resolve().parents[2]

# measured with benchmarks/shell_parsers.py: 2667/2694 POSIX scripts (99.0%);
# every failure is a script `bash -n` rejects too (templates, PowerShell
# under a POSIX SHELL, broken quotes in checkov's test files)
MEASURED_RATE = 0.990
MARGIN = 0.005


def _load():
    spec = importlib.util.spec_from_file_location("shell_parsers", REPO / "benchmarks" / "shell_parsers.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("shell_parsers", module)  # dataclasses need it
    spec.loader.exec_module(module)
    return module.load_corpus(CORPUS)


@pytest.fixture(scope="module")
def corpus():
    entries()  # skips without the corpus, fails under CI
    return _load()


def test_corpus_parse_rate(corpus) -> None:
    posix = [s for s in corpus if s.dialect == "posix"]
    assert len(posix) > 2000
    t0 = time.perf_counter()
    ok = 0
    for s in posix:
        script = parse_script(s.text)
        ok += not script.errors
        for cmd in script.commands:
            for w in cmd.words:
                assert s.text[w.start:w.end] == w.text
    elapsed = time.perf_counter() - t0
    rate = ok / len(posix)
    assert rate >= MEASURED_RATE - MARGIN, f"parse rate {rate:.1%} on {len(posix)} scripts"
    # generous bound (about 140 us/script measured): catch pathological slowdowns only
    assert elapsed / len(posix) < 0.005


def test_windows_scripts_are_skipped(corpus) -> None:
    windows = [s for s in corpus if s.dialect == "windows"]
    assert windows
    for s in windows:
        script = parse_script(s.text, dialect="powershell")
        assert script.skipped_reason and not script.commands


def test_real_files_find_package_managers(corpus) -> None:
    names = set()
    for s in corpus:
        if s.dialect == "posix":
            names.update(c.name for c in parse_script(s.text).commands)
    assert {"apt-get", "apk", "pip", "curl", "wget", "yum", "npm"} <= names
