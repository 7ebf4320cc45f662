"""Documents: one state per open document version, replaced versions freed on `release`."""
from __future__ import annotations

import gc
from types import SimpleNamespace

from dockerlint.server.documents import RETIRED_MAX, DocumentState, Documents


def _server(text: str) -> SimpleNamespace:
    doc = SimpleNamespace(uri="file:///w/Dockerfile", version=1, source=text, language_id="dockerfile")
    return SimpleNamespace(workspace=SimpleNamespace(text_documents={doc.uri: doc}, position_encoding="utf-16"))


def _live(version: int) -> bool:
    """Whether a state of that version is still in memory (states are slotted: no weak references)."""
    gc.collect()
    return any(type(o) is DocumentState and o.version == version for o in gc.get_objects())


def _edit(server: SimpleNamespace, text: str) -> None:
    doc = server.workspace.text_documents["file:///w/Dockerfile"]
    doc.source, doc.version = text, doc.version + 1


def test_a_replaced_version_lives_until_release() -> None:
    server = _server("FROM alpine:3.20\nRUN echo a\n")
    documents = Documents(server)
    first = documents.get("file:///w/Dockerfile")
    assert first is not None and first.dockerfile is not None
    _edit(server, "FROM alpine:3.20\nRUN echo ab\n")
    second = documents.get("file:///w/Dockerfile")
    assert second is not None and second is not first and second.version == 2
    del first
    assert _live(1)  # still kept: freeing it waits for the publication
    documents.release()
    assert not _live(1)
    assert documents.get("file:///w/Dockerfile") is second  # the current version is kept


def test_without_release_only_a_few_replaced_versions_are_kept() -> None:
    server = _server("FROM alpine:3.20\n")
    documents = Documents(server)
    for n in range(RETIRED_MAX + 5):
        documents.get("file:///w/Dockerfile")
        _edit(server, "FROM alpine:3.20\n" + "RUN x\n" * (n + 1))
    documents.get("file:///w/Dockerfile")
    assert [v for v in range(1, RETIRED_MAX + 7) if _live(v)] == list(range(6, RETIRED_MAX + 7))


def test_a_quick_lint_with_nothing_left_for_shellcheck_is_the_lint(monkeypatch) -> None:
    """Pushed and pulled diagnostics alike: no worker thread when the quick lint is the whole lint."""
    import asyncio

    from dockerlint.settings import Settings

    server = _server("FROM alpine:3.20\nRUN echo a\n")
    documents = Documents(server)
    documents.resolve_settings = lambda state: Settings(shellcheck=False)

    async def lint_twice() -> None:
        loop = asyncio.get_running_loop()
        await documents.lint_quick_async(documents.get("file:///w/Dockerfile"))  # its settings: read on a thread
        monkeypatch.setattr(loop, "run_in_executor", lambda *a: (_ for _ in ()).throw(AssertionError("thread")))
        for text in ("FROM alpine:3.20\nRUN echo ab\n", "FROM alpine:3.20\nRUN echo abc\n"):
            _edit(server, text)
            state = documents.get("file:///w/Dockerfile")
            quick = await documents.lint_quick_async(state)
            assert quick is not None and quick.complete and state.result is quick
            assert await documents.lint_async(state) is quick

    asyncio.run(lint_twice())


def test_the_conversions_shared_by_a_versions_lints_are_dropped_with_its_whole_lint() -> None:
    """`state.diagnostics` lets the full lint reuse the quick lint's JSON; once the lint is whole,
    nothing shares it, and an open document must not keep it."""
    import asyncio

    from dockerlint.server.features.diagnostics import diagnostics_for
    from dockerlint.settings import Settings

    server = _server("FROM alpine:3.20\nRUN apt-get install curl\n")
    documents = server.documents = Documents(server)
    documents.resolve_settings = lambda state: Settings(shellcheck=False)
    state = documents.get("file:///w/Dockerfile")
    items = asyncio.run(diagnostics_for(server, state, quick=True))
    assert items and state.result is not None
    assert state.diagnostics == {}
