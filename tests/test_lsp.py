"""``followup-lint lsp`` end to end: a real LSP client (pytest-lsp) talks to the console script.

One server serves the whole module (code actions included), as one serves an editor session: the
model loads once, and each test opens its own draft.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from .conftest import ROOT, console_script

#: One server for the module, so one worker runs it (``--dist loadgroup``).
pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.xdist_group("lsp")]

NEEDS_WORK = (ROOT / "examples" / "needs-work.txt").read_text()
assert NEEDS_WORK.isascii()  # so a column is a UTF-16 code unit: expected() below relies on it


def expected(lint, text: str) -> list[tuple[str, int, int, int, int]]:
    """What ``check`` finds in an ASCII draft, as (code, 0-based range): the server must agree."""
    return [(f.code, f.line - 1, f.column - 1, f.end_line - 1, f.end_column - 1)
            for f in lint(text, name="draft.txt")]


#: The command the README's Neovim recipe starts, run as the installed script.
README_COMMAND = re.findall(r'"([^"]+)"', re.search(
    r'cmd = \{ (.*?) \}', (ROOT / "README.md").read_text(encoding="utf-8")).group(1))
SERVER_COMMAND = [console_script(), *README_COMMAND[1:], "--debounce", "0.5"]


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER_COMMAND))
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code")))
    capabilities = result.capabilities
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    sync = capabilities.text_document_sync
    assert sync.open_close and sync.save and sync.change == types.TextDocumentSyncKind.Incremental
    assert list(capabilities.code_action_provider.code_action_kinds) == ["quickfix"]
    yield
    await lsp_client.shutdown_session()


def summary(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int, int, int]]:
    return [(str(d.code), d.range.start.line, d.range.start.character, d.range.end.line,
             d.range.end.character) for d in diagnostics]


async def published(client: LanguageClient, uri: str) -> types.PublishDiagnosticsParams:
    """Wait for the next diagnostics of one document."""
    while True:
        params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri:
            return params


async def open_draft(client: LanguageClient, uri: str, text: str,
                     language_id: str = "plaintext") -> types.PublishDiagnosticsParams:
    waiting = published(client, uri)
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language_id, version=1,
                                             text=text)))
    return await waiting


def change(client: LanguageClient, uri: str, version: int, text: str,
           at: tuple[int, int, int, int] | None = None) -> None:
    """Send one edit: the whole text, or ``text`` in place of the range ``at``."""
    if at is None:
        event: types.TextDocumentContentChangeEvent = \
            types.TextDocumentContentChangeWholeDocument(text=text)
    else:
        event = types.TextDocumentContentChangePartial(text=text, range=types.Range(
            start=types.Position(line=at[0], character=at[1]),
            end=types.Position(line=at[2], character=at[3])))
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[event]))


async def test_open_publishes_the_findings(client: LanguageClient, tmp_path, lint) -> None:
    uri = (tmp_path / "needs-work.txt").as_uri()
    params = await open_draft(client, uri, NEEDS_WORK)
    assert params.version == 1
    assert summary(params.diagnostics) == expected(lint, NEEDS_WORK)
    (placeholder,) = [d for d in params.diagnostics if d.code == "FL401"]
    assert placeholder.severity == types.DiagnosticSeverity.Error
    assert placeholder.source == "followup-lint"
    assert placeholder.message == (
        '"[Interviewer Name]" looks like an unfilled placeholder; replace it with the real '
        'text.\nReplace "[Interviewer Name]" with the real name or detail before you send.')
    assert {d.severity for d in params.diagnostics if d.code == "FL102"} == {
        types.DiagnosticSeverity.Warning}


async def test_edits_are_debounced_and_update_the_findings(client: LanguageClient,
                                                           tmp_path, lint) -> None:
    uri = (tmp_path / "edited.txt").as_uri()
    await open_draft(client, uri, NEEDS_WORK)
    waiting = published(client, uri)
    # Three quick edits, as a writer types: replace "bombed" (line 5) with "aced", then
    # "SO" (line 7) with "so", then delete the "??" of the subject.
    change(client, uri, 2, "aced", at=(4, 65, 4, 71))
    change(client, uri, 3, "so", at=(6, 31, 6, 33))
    change(client, uri, 4, "", at=(0, 19, 0, 21))
    params = await waiting
    assert params.version == 4, "only the last of a burst of edits is linted"
    edited = NEEDS_WORK.replace("bombed", "aced", 1).replace(" SO ", " so ", 1).replace(
        "??", "", 1)
    assert summary(params.diagnostics) == expected(lint, edited)
    assert expected(lint, edited) != expected(lint, NEEDS_WORK)


async def test_save_publishes_and_close_clears(client: LanguageClient, tmp_path, lint) -> None:
    uri = (tmp_path / "saved.txt").as_uri()
    await open_draft(client, uri, NEEDS_WORK)
    waiting = published(client, uri)
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert summary((await waiting).diagnostics) == expected(lint, NEEDS_WORK)
    waiting = published(client, uri)
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert list((await waiting).diagnostics) == []


async def test_columns_are_utf16_code_units(client: LanguageClient, tmp_path) -> None:
    # "😊" is one character but two UTF-16 code units: "SO" starts at character 49 in
    # Python's count (column 50 on the command line) and at 50 for an LSP client.
    text = ("Thank you for the tour of the roastery 😊 — I was SO impressed by the "
            "cupping lab and the training plan.\n")
    assert (text.index("😊"), text.index("SO")) == (39, 49)
    params = await open_draft(client, (tmp_path / "emoji.txt").as_uri(), text)
    shouting = [d for d in params.diagnostics if d.code == "FL402"]
    assert [(d.range.start.character, d.range.end.character) for d in shouting] == [
        (39, 41), (50, 52)]


async def test_markdown_language_id_reads_an_unsaved_draft_as_markdown(
        client: LanguageClient) -> None:
    text = "Thank you for the demo of the [Atlas dashboard](https://x.test/ASAP) today.\n"
    as_md = await open_draft(client, "untitled:Untitled-1", text, language_id="markdown")
    as_txt = await open_draft(client, "untitled:Untitled-2", text)
    assert "FL102" not in [d.code for d in as_md.diagnostics]
    assert "FL102" in [d.code for d in as_txt.diagnostics]


async def test_code_action_applies_a_direct_replacement(client: LanguageClient,
                                                        tmp_path, lint) -> None:
    uri = (tmp_path / "fix.txt").as_uri()
    diagnostics = (await open_draft(client, uri, NEEDS_WORK)).diagnostics
    whole = types.Range(start=types.Position(line=0, character=0),
                        end=types.Position(line=10, character=0))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=whole,
        context=types.CodeActionContext(diagnostics=diagnostics)))
    assert actions is not None
    fixes = [(a.title, [(e.range.start.line, e.range.start.character, e.range.end.character,
                         e.new_text) for e in a.edit.changes[uri]]) for a in actions]
    lines = NEEDS_WORK.splitlines()
    direct = [f for f in lint(NEEDS_WORK, name="draft.txt") if f.replacement is not None]
    assert fixes == [
        (f'Replace "{lines[f.line - 1][f.column - 1 : f.end_column - 1]}" with '
         f'"{f.replacement}" ({f.code})',
         [(f.line - 1, f.column - 1, f.end_column - 1, f.replacement)]) for f in direct]
    assert ('Replace "SO" with "so" (FL402)', [(6, 31, 33, "so")]) in fixes
    assert all(a.kind == types.CodeActionKind.QuickFix for a in actions)

    # Once the text under a diagnostic has changed, its fix is no longer offered.
    change(client, uri, 2, "REALLY", at=(6, 31, 6, 33))
    stale = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=whole,
        context=types.CodeActionContext(diagnostics=diagnostics)))
    assert [a.title for a in stale or []] == [title for title, _ in fixes
                                              if title != 'Replace "SO" with "so" (FL402)']


#: A draft with three direct fixes on one line (merged from test_lsp_actions.py).
ACTIONS_DRAFT = ("Subject: Thank you - analyst interview\n\nHi Dana,\n\nThank you for the the "
                 "interview about the SQL roadmap. I am SO excited!!\n\nBest,\nSam\n")


def cursor(line: int, start: int, end: int | None = None) -> types.Range:
    return types.Range(start=types.Position(line=line, character=start),
                       end=types.Position(line=line, character=start if end is None else end))


async def action_titles(client: LanguageClient, uri: str, where: types.Range,
                        diagnostics: list[types.Diagnostic]) -> list[str]:
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=where,
        context=types.CodeActionContext(diagnostics=diagnostics)))
    return [a.title for a in found or []]


async def test_the_finding_under_the_cursor_comes_first(client: LanguageClient) -> None:
    uri = "file:///tmp/first.txt"
    diagnostics = (await open_draft(client, uri, ACTIONS_DRAFT, "text")).diagnostics
    line = ACTIONS_DRAFT.splitlines()[4]
    titles = await action_titles(client, uri, cursor(4, line.index("!!") + 1), diagnostics)
    assert titles[0] == 'Replace "!!" with "!" (FL402)'
    assert 'Replace "SO" with "so" (FL402)' in titles[1:]


async def test_a_range_without_diagnostics_still_gets_its_fixes(client: LanguageClient) -> None:
    uri = "file:///tmp/range.txt"
    await open_draft(client, uri, ACTIONS_DRAFT, "text")
    line = ACTIONS_DRAFT.splitlines()[4]
    titles = await action_titles(client, uri, cursor(4, 0, len(line)), [])
    assert sorted(titles) == ['Replace "!!" with "!" (FL402)', 'Replace "SO" with "so" (FL402)',
                              'Replace "the the" with "the" (FL602)']


async def test_model_is_loaded_once_for_the_session(client: LanguageClient, tmp_path) -> None:
    await open_draft(client, (tmp_path / "last.txt").as_uri(), NEEDS_WORK)
    loads = [m.message for m in client.log_messages
             if m.message.startswith("followup-lint: loaded the rules and language model")]
    assert len(loads) == 1, loads


@pytest.mark.asyncio(loop_scope="function")
async def test_bad_selector_stops_the_server_with_one_line(tmp_path) -> None:
    import asyncio

    process = await asyncio.create_subprocess_exec(
        console_script(), "lsp", "--select", "FL999", stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(b""), timeout=60)
    assert process.returncode == 2 and out == b""
    assert err.decode().startswith("followup-lint: command line: 'select': unknown rule 'FL999'")
