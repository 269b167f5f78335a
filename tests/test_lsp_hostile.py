"""The language server with odd URIs, huge drafts, edited configuration and rule order.

A real LSP client (pytest-lsp) drives the installed console script. One server
(module scope) serves the tests that lint, so the model loads once; the
lifecycle tests each start their own server, which never loads the model.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from .conftest import console_script

#: The linting tests share the module's event loop, and so its one server.
SHARED_LOOP = pytest.mark.asyncio(loop_scope="module")
#: ... and one worker (``--dist loadgroup``), or each worker would start that server.
ONE_SERVER = pytest.mark.xdist_group("lsp-hostile")

SERVER = [console_script(), "lsp", "--debounce", "0.2"]
#: "I really need this job" is FL102 (desperation) at line 3, characters 12-34.
DRAFT = ("Hi Dana,\n\nThank you. I really need this job and I hope to hear back.\n\n"
         "Best,\nSam\n")
FL102 = ("FL102", 2, 11, 2, 33)
WAIT = 60  # seconds: a bound on a shared machine, not a speed target


def summary(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int, int, int]]:
    return [(str(d.code), d.range.start.line, d.range.start.character, d.range.end.line,
             d.range.end.character) for d in diagnostics]


async def published(client: LanguageClient, uri: str) -> types.PublishDiagnosticsParams:
    async def wait() -> types.PublishDiagnosticsParams:
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri:
                return params
    return await asyncio.wait_for(wait(), WAIT)


def open_document(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=version,
                                             text=text)))


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code")))
    yield
    await lsp_client.shutdown_session()


# --- URIs with percent escapes (issue 18) -------------------------------------

@pytest.mark.parametrize("uri", [
    "file:///tmp/follow%20up%20draft.txt",          # a space
    "file:///tmp/r%C3%A9sum%C3%A9%20note.txt",      # a non-ASCII name
    "file:///c%3A/Users/dana/thank%20you.txt",      # VS Code's Windows drive letter
])
@SHARED_LOOP
@ONE_SERVER
async def test_escaped_uris_are_linted_and_published_as_sent(client: LanguageClient,
                                                             uri: str) -> None:
    waiting = published(client, uri)
    open_document(client, uri, DRAFT)
    params = await waiting
    assert params.uri == uri and params.version == 1
    assert FL102 in summary(params.diagnostics)
    # Edits and saves find the same document under its escaped URI.
    waiting = published(client, uri)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(
            text=DRAFT.replace("I really need this job and ", ""))]))
    params = await waiting
    assert params.version == 2 and "FL102" not in [d.code for d in params.diagnostics]


# --- a draft too large to lint -----------------------------------------------------

@SHARED_LOOP
@ONE_SERVER
async def test_a_huge_document_gets_one_clear_message(client: LanguageClient,
                                                      tmp_path: Path) -> None:
    uri = (tmp_path / "huge.txt").as_uri()
    shown = asyncio.ensure_future(client.wait_for_notification(types.WINDOW_SHOW_MESSAGE))
    waiting = published(client, uri)
    open_document(client, uri, "Thank you for the call. " * 210_000)  # 5 MB
    params = await waiting
    assert list(params.diagnostics) == []
    message = (await asyncio.wait_for(shown, WAIT)).message
    assert message.startswith(f"followup-lint: {tmp_path / 'huge.txt'} is too large to check "
                              "(5,040,000 bytes, limit 1,000,000)")
    assert "E088" not in message


# --- configuration and packs re-read without a restart (issue 14, item 3) ----------

PACK = ("pack: house\nrules:\n  - code: XT501\n    name: house-word\n    group: form\n"
        "    summary: A word the house style avoids.\n"
        "    message: '\"{match}\" is not our house style.'\n"
        "    cues: [{phrases: [%s]}]\n")


@SHARED_LOOP
@ONE_SERVER
async def test_edited_configuration_and_pack_apply_without_a_restart(
        client: LanguageClient, tmp_path: Path) -> None:
    config = tmp_path / ".followup-lint.toml"
    pack = tmp_path / "house.yaml"
    config.write_text('ignore = ["FL102"]\nrules = ["house.yaml"]\n')
    pack.write_text(PACK % "hope")
    uri = (tmp_path / "draft.txt").as_uri()
    waiting = published(client, uri)
    open_document(client, uri, DRAFT)
    first = summary((await waiting).diagnostics)
    assert "FL102" not in [c for c, *_ in first]
    assert ("XT501", 2, 40, 2, 44) in first

    # The file watcher reports the edited configuration: FL102 is back.
    config.write_text('rules = ["house.yaml"]\n')
    waiting = published(client, uri)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    second = summary((await waiting).diagnostics)
    assert FL102 in second and ("XT501", 2, 40, 2, 44) in second

    # The pack is edited and saved in the editor: its new phrase applies.
    pack.write_text(PACK % "hear back")
    waiting = published(client, uri)
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=pack.as_uri())))
    third = summary((await waiting).diagnostics)
    assert ("XT501", 2, 48, 2, 57) in third and ("XT501", 2, 40, 2, 44) not in third


# --- the protocol's lifecycle (issue 18) ----------------------------------------
# Raw JSON-RPC over the server's stdio: the exact bytes, order and exit status matter
# here, and a client library would enforce the very rules under test.

ACTION = {"textDocument": {"uri": "file:///tmp/x.txt"},
          "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
          "context": {"diagnostics": []}}
INITIALIZE = {"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}}
SHUTDOWN = {"jsonrpc": "2.0", "id": 2, "method": "shutdown"}
CODE_ACTION = {"jsonrpc": "2.0", "id": 1, "method": "textDocument/codeAction", "params": ACTION}
EXIT = {"jsonrpc": "2.0", "method": "exit"}


def converse(*messages: dict[str, Any]) -> tuple[int, dict[Any, dict[str, Any]]]:
    """Send messages one by one; return the exit status and the responses by id."""
    process = subprocess.Popen(SERVER[:2], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdin is not None
    for message in messages:
        body = json.dumps(message).encode()
        process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        process.stdin.flush()
        time.sleep(0.2)  # one at a time, as an editor sends them
    out, err = process.communicate(timeout=WAIT)
    assert b"Traceback" not in err
    responses = {}
    for body in re.split(rb"Content-Length: \d+\r\n(?:[^\r\n]+\r\n)*\r\n", out)[1:]:
        response = json.loads(body)
        responses[response.get("id")] = response
    return process.returncode, responses


def test_requests_before_initialize_are_refused() -> None:
    status, responses = converse(CODE_ACTION, EXIT)
    assert responses[1]["error"]["code"] == -32002  # ServerNotInitialized
    assert status == 1


def test_requests_after_shutdown_are_refused_and_exit_is_0() -> None:
    status, responses = converse(INITIALIZE, SHUTDOWN, CODE_ACTION, EXIT)
    assert responses[2]["result"] is None
    assert responses[1]["error"]["code"] == -32600  # InvalidRequest
    assert status == 0


def test_exit_without_shutdown_is_status_1() -> None:
    status, responses = converse(INITIALIZE, EXIT)
    assert "capabilities" in responses[0]["result"]
    assert status == 1
