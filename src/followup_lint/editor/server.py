"""``followup-lint lsp``: a Language Server over stdio, so editors show findings as you type.

Diagnostics are published when a draft is opened, shortly after the writer
stops typing (changes are debounced: each edit restarts a short timer) and when
it is saved. The spaCy model loads once, on the first draft, and stays loaded;
linting runs on one worker thread, so the server keeps answering (code
actions, further edits) while a draft is parsed, and a result that an edit
has overtaken is dropped instead of published.

Documents are looked up under ``document_key`` (pygls's own spelling of a URI),
so a file name with a space, a non-ASCII letter or a ``c%3A`` drive letter is
linted like any other; diagnostics go out under the URI the client sent.
When a configuration file or rule pack changes (``workspace/didChangeWatchedFiles``,
or saved in the editor) the rules are rebuilt and every open draft is linted
again, without a restart. A draft over ``MAX_BYTES`` gets one message, not a
parse.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from followup_lint import __version__
from followup_lint.config.settings import LinterCache, LintSettings
from followup_lint.core.errors import LintError
from followup_lint.core.findings import Finding
from followup_lint.editor.diagnostics import code_actions, to_diagnostics
from followup_lint.editor.lifecycle import LifecycleProtocol
from followup_lint.reading.inputs import DEFAULT_MAX_BYTES
from followup_lint.reading.reader import read_draft

#: Seconds of quiet after an edit before the draft is linted again.
DEFAULT_DEBOUNCE = 0.3
#: File endings by the languageId an editor gives an unsaved draft.
LANGUAGE_ENDINGS = {"markdown": ".md", "mail": ".eml", "email": ".eml"}
#: Largest draft the server lints, as on the command line (``--max-bytes``).
MAX_BYTES = DEFAULT_MAX_BYTES
#: Files whose change means the rules must be rebuilt: configuration and packs.
CONFIG_NAMES = (".followup-lint.toml", "pyproject.toml")
PACK_ENDINGS = (".yaml", ".yml")


class FollowupLanguageServer(LanguageServer):
    """The server state: a linter cache, pending debounced lints, and the lint worker."""

    def __init__(self, settings: LintSettings, debounce: float = DEFAULT_DEBOUNCE) -> None:
        super().__init__("followup-lint", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=LifecycleProtocol)
        self.settings = settings
        self.linters = LinterCache(settings)
        self.debounce = debounce
        self._pending: dict[str, asyncio.Task[None]] = {}
        self._too_big: set[str] = set()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="followup-lint")
        #: The diagnostics last published for each open draft.
        self.published: dict[str, list[types.Diagnostic]] = {}

    def document(self, uri: str) -> Any:
        """Return the open document at ``uri`` (however the client escaped it), or None."""
        return self.workspace.text_documents.get(document_key(uri))

    async def reload(self) -> None:
        """Re-read configuration files and rule packs, then lint every open draft again.

        Runs on the lint worker, after any lint in progress, so no lint sees
        half-built rules.
        """
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._worker, self._rebuild)
        except LintError as exc:
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=f"followup-lint: {exc}"))
            return
        self.window_log_message(types.LogMessageParams(
            type=types.MessageType.Info,
            message="followup-lint: configuration or rule packs changed; rules reloaded"))
        for document in list(self.workspace.text_documents.values()):
            await self.lint_now(document.uri)

    def _rebuild(self) -> None:
        from followup_lint.config import files

        for cached in (getattr(files, "load_config", None), getattr(files, "_has_tool_table",
                                                                     None)):
            if cached is not None and hasattr(cached, "cache_clear"):
                cached.cache_clear()
        self.linters = LinterCache(self.settings)

    def schedule(self, uri: str) -> None:
        """Lint a draft once the writer has paused for ``debounce`` seconds."""
        self.cancel(uri)
        self._pending[document_key(uri)] = asyncio.ensure_future(self._lint_later(uri))

    def cancel(self, uri: str) -> None:
        """Drop a pending debounced lint of a draft, if any."""
        task = self._pending.pop(document_key(uri), None)
        if task is not None:
            task.cancel()

    async def _lint_later(self, uri: str) -> None:
        await asyncio.sleep(self.debounce)
        self._pending.pop(document_key(uri), None)
        await self.lint_now(uri)

    async def lint_now(self, uri: str) -> None:
        """Lint the open draft at ``uri``; publish its diagnostics unless an edit overtook it."""
        self.cancel(uri)
        document = self.document(uri)
        if document is None:
            return
        uri = document.uri  # publish under the client's own spelling
        version, text = document.version, document.source
        if self._refuse_if_too_big(document):
            return
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
        current = self.document(uri)
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


    def _refuse_if_too_big(self, document: Any) -> bool:
        """Clear and explain (once) a draft too large to lint; return True if it is."""
        size = len(document.source.encode("utf-8", "surrogatepass"))
        key = document_key(document.uri)
        if size <= MAX_BYTES:
            self._too_big.discard(key)
            return False
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=document.uri, version=document.version, diagnostics=[]))
        if key not in self._too_big:
            self._too_big.add(key)
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Warning,
                message=f"followup-lint: {_draft_name(document.uri, document.language_id)} is "
                        f"too large to check ({size:,} bytes, limit {MAX_BYTES:,}); an email "
                        "draft is far shorter"))
        return True


def document_key(uri: str) -> str:
    """Return the key pygls files a document under: the URI with %-escapes undone.

    The one place that spells a URI for lookup, so ``file:///c%3A/a%20b.txt`` and
    ``file:///c:/a b.txt`` are the same document, as they are to pygls.
    """
    return unquote(uri)


def is_rules_file(uri: str) -> bool:
    """Return whether a URI names a configuration file or a rule pack."""
    name = PurePath(document_key(uri)).name
    return name in CONFIG_NAMES or name.endswith(PACK_ENDINGS)


def _path(uri: str) -> Path | None:
    """Return the file path of a ``file:`` URI (as pygls reads it), or None for an unsaved one."""
    path = to_fs_path(uri)
    return Path(path) if path is not None else None


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
        if is_rules_file(params.text_document.uri):
            await ls.reload()
        else:
            await ls.lint_now(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched_files(ls: FollowupLanguageServer,
                                       params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_rules_file(change.uri) for change in params.changes):
            await ls.reload()

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
        document = ls.document(uri)
        if document is None:
            return []
        return code_actions(uri, params.range, params.context.diagnostics,
                            ls.published.get(uri, []), document.text_in_client_range)

    return server


def serve(settings: LintSettings, debounce: float = DEFAULT_DEBOUNCE) -> int:
    """Run the server on standard input and output; return the protocol's exit status."""
    server = create_server(settings, debounce)
    try:
        server.start_io()
    except SystemExit as exc:  # pygls leaves on 'exit' with sys.exit(0 or 1)
        return exc.code if isinstance(exc.code, int) else 1
    status = getattr(server.protocol, "exit_status", None)  # set by LifecycleProtocol
    return 1 if status is None else status  # the client went away without 'exit'
