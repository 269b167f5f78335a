"""Code actions from the real server: the finding under the cursor first; a bare range works."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from .conftest import console_script

#: One server for the module, so one worker runs it (``--dist loadgroup``).
pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.xdist_group("lsp-actions")]

DRAFT = ("Subject: Thank you - analyst interview\n\nHi Dana,\n\nThank you for the the interview "
         "about the SQL roadmap. I am SO excited!!\n\nBest,\nSam\n")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[console_script(), "lsp", "--debounce", "0.2"]))
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim")))
    yield
    await lsp_client.shutdown_session()


async def open_draft(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    while True:
        waiting = client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="text", version=1,
                                                 text=DRAFT)))
        params = await waiting
        if params.uri == uri:
            return params.diagnostics


def at(line: int, start: int, end: int | None = None) -> types.Range:
    return types.Range(start=types.Position(line=line, character=start),
                       end=types.Position(line=line, character=start if end is None else end))


async def actions(client: LanguageClient, uri: str, where: types.Range,
                  diagnostics: list[types.Diagnostic]) -> list[str]:
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=where,
        context=types.CodeActionContext(diagnostics=diagnostics)))
    return [a.title for a in found or []]


async def test_the_finding_under_the_cursor_comes_first(client: LanguageClient) -> None:
    uri = "file:///tmp/first.txt"
    diagnostics = await open_draft(client, uri)
    line = DRAFT.splitlines()[4]
    cursor = at(4, line.index("!!") + 1)
    titles = await actions(client, uri, cursor, diagnostics)
    assert titles[0] == 'Replace "!!" with "!" (FL402)'
    assert 'Replace "SO" with "so" (FL402)' in titles[1:]


async def test_a_range_without_diagnostics_still_gets_its_fixes(client: LanguageClient) -> None:
    uri = "file:///tmp/range.txt"
    await open_draft(client, uri)
    line = DRAFT.splitlines()[4]
    titles = await actions(client, uri, at(4, 0, len(line)), [])
    assert sorted(titles) == ['Replace "!!" with "!" (FL402)', 'Replace "SO" with "so" (FL402)',
                              'Replace "the the" with "the" (FL602)']
    assert await actions(client, uri, at(0, 0, 5), []) == []
