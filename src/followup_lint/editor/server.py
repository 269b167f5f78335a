"""``followup-lint lsp``: a Language Server over stdio, so editors show findings as you type.

Diagnostics are published when a draft is opened, shortly after the writer
stops typing (changes are debounced: each edit restarts a short timer) and when
it is saved. The spaCy model loads once, on the first draft, and stays loaded;
linting runs on one worker thread, so the server keeps answering (code
actions, further edits) while a draft is parsed, and a result that an edit
has overtaken is dropped instead of published.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from followup_lint import __version__
from followup_lint.config.settings import LinterCache, LintSettings
from followup_lint.core.errors import LintError
from followup_lint.core.findings import Finding
from followup_lint.editor.diagnostics import code_actions, to_diagnostics
from followup_lint.reading.reader import read_draft

#: Seconds of quiet after an edit before the draft is linted again.
DEFAULT_DEBOUNCE = 0.3
#: File endings by the languageId an editor gives an unsaved draft.
LANGUAGE_ENDINGS = {"markdown": ".md", "mail": ".eml", "email": ".eml"}


class FollowupLanguageServer(LanguageServer):
    """The server state: a linter cache, pending debounced lints, and the lint worker."""

    def __init__(self, settings: LintSettings, debounce: float = DEFAULT_DEBOUNCE) -> None:
        super().__init__("followup-lint", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.linters = LinterCache(settings)
        self.debounce = debounce
        self._pending: dict[str, asyncio.Task[None]] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="followup-lint")
        #: The diagnostics last published for each open draft.
        self.published: dict[str, list[types.Diagnostic]] = {}

    def schedule(self, uri: str) -> None:
        """Lint a draft once the writer has paused for ``debounce`` seconds."""
        self.cancel(uri)
        self._pending[uri] = asyncio.ensure_future(self._lint_later(uri))

    def cancel(self, uri: str) -> None:
        """Drop a pending debounced lint of a draft, if any."""
        task = self._pending.pop(uri, None)
        if task is not None:
            task.cancel()

    async def _lint_later(self, uri: str) -> None:
        await asyncio.sleep(self.debounce)
        self._pending.pop(uri, None)
        await self.lint_now(uri)

    async def lint_now(self, uri: str) -> None:
        """Lint the open draft at ``uri``; publish its diagnostics unless an edit overtook it."""
        self.cancel(uri)
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        version, text = document.version, document.source
        loop = asyncio.get_running_loop()
        try:
            findings, linted, loaded = await loop.run_in_executor(
                self._worker, self._lint, _path(uri), _draft_name(uri, document.language_id),
                text)
        except LintError as exc:
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=f"followup-lint: {exc}"))
            return
        if loaded:
            self.window_log_message(types.LogMessageParams(
                type=types.MessageType.Info, message=f"followup-lint: {loaded}"))
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return  # closed, or edited while linting: the newer lint publishes
        diagnostics = to_diagnostics(findings, linted, current.position_codec)
        self.published[uri] = diagnostics  # code actions for a range without diagnostics
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=diagnostics))

    def _lint(self, path: Path | None, name: str,
              text: str) -> tuple[list[Finding], str, str | None]:
        """Parse and check one draft (on the worker thread).

        Return the findings, the text they point into, and a note when this call
        had to build a linter and load its model (so the log shows how rarely).
        """
        built = self.linters.builds
        linter = self.linters.for_path(path)
        loaded = None
        if self.linters.builds > built:
            started = time.perf_counter()
            linter.context  # noqa: B018 - load the model now, once, and say so
            loaded = f"loaded the rules and language model in {time.perf_counter() - started:.1f} s"
        (result,) = linter.lint([read_draft(name, text.encode("utf-8"))])
        if result.error is not None:
            raise result.error
        assert result.draft is not None
        return result.findings, result.draft.text, loaded


def _path(uri: str) -> Path | None:
    """Return the file path of a ``file:`` URI, or None for an unsaved draft."""
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def _draft_name(uri: str, language_id: str | None) -> str:
    """Return the name that decides how the draft is read (.txt, .md or .eml)."""
    path = _path(uri)
    if path is not None and path.suffix:
        return str(path)
    return f"{path or 'untitled'}{LANGUAGE_ENDINGS.get(language_id or '', '.txt')}"


def create_server(settings: LintSettings | None = None,
                  debounce: float = DEFAULT_DEBOUNCE) -> FollowupLanguageServer:
    """Return a server with its handlers registered."""
    server = FollowupLanguageServer(settings or LintSettings(), debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: FollowupLanguageServer,
                       params: types.DidOpenTextDocumentParams) -> None:
        await ls.lint_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: FollowupLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: FollowupLanguageServer,
                       params: types.DidSaveTextDocumentParams) -> None:
        await ls.lint_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FollowupLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.cancel(params.text_document.uri)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: FollowupLanguageServer,
                    params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        document = ls.workspace.get_text_document(uri)
        return code_actions(uri, params.range, params.context.diagnostics,
                            ls.published.get(uri, []), document.text_in_client_range)

    return server


def serve(settings: LintSettings, debounce: float = DEFAULT_DEBOUNCE) -> None:
    """Run the server on standard input and output until the client shuts it down."""
    create_server(settings, debounce).start_io()
