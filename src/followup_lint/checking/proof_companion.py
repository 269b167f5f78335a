"""The proofreading companion: Harper in a second process, so it overlaps spaCy.

Building harper-py's first linter costs about a second of CPU and linting a
draft 10-20 ms, and harper-py holds the GIL for both, so a thread cannot
overlap them with spaCy. A command-line run (``cli.main`` calls
``proofreader.allow_companion``)
therefore starts this small process when it is about to load the model
(``Rule.warm_up``): it builds Harper on the second core while the run imports
spaCy. Each draft's own words are sent to it when the draft is queued for
parsing (``Rule.before_parse``), so Harper lints it while spaCy parses it, and
the answer, plain data, is waiting when the spelling and grammar rules ask.
With each draft's lints come the answers to the word questions the spelling
rule will ask of them (``Proofreader.is_known``); any other question is one
round trip. The answers are the in-process ``Proofreader``'s, computed by the
same code, so the output is byte-identical.

Robustness: when the companion cannot start, dies, says something unexpected
or stays silent for ``REPLY_TIMEOUT`` seconds, the stand-in proofreads in this
process from then on (the same answers, only slower) and ends the companion.
It reads its requests from a pipe and ends when the run's end of the pipe
closes (the run ended, however it ended), ignores Ctrl-C (the run reports it),
and on Linux asks to be told (SIGTERM) when the run ends; it then removes its
socket and folder. ``--jobs`` workers forked from
the run connect to it through a Unix socket in a private folder; a spawned
worker (macOS, Windows) proofreads in process.

The command line allows it (``followup-lint`` and ``followup-lint lsp``): the
language server lints on its worker thread, and the companion lints each
edited draft's own words while spaCy parses it, for a round trip of a fraction
of a millisecond. The Python API keeps an in-process proofreader: a library
should not start processes in its caller's program unasked.
``FOLLOWUP_LINT_PROOF_COMPANION=0`` turns it off.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import OrderedDict
from collections.abc import Iterator
from multiprocessing.connection import Client, Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup_lint.checking import proofreader as proof

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft

#: Seconds to wait for one answer (the first includes building Harper) before proofreading
#: in process instead.
REPLY_TIMEOUT = 30.0
#: Seconds a forked worker waits for the companion's socket to appear (it binds it at once).
CONNECT_TIMEOUT = 5.0
#: Drafts sent ahead of their parse at most: bounds memory and what sits in the pipes.
WINDOW = 64
#: Answers kept for drafts sent ahead (the spelling and grammar rules both ask for each).
KEPT = 128

Settings = tuple[tuple[str, ...], tuple[str, ...]]

_companion: Companion | None = None
#: One stand-in per settings, shared by the rules (one request per draft, not one per rule).
_stand_ins: dict[Settings, RemoteProofreader] = {}


def start() -> Companion | None:
    """Start the companion, once per process, if allowed; return it (None if not running)."""
    global _companion
    if _companion is None and os.name == "posix" and proof.companion_allowed():
        _companion = Companion.spawn()
    return running()


def running() -> Companion | None:
    """Return the companion when it runs and has not failed."""
    return _companion if _companion is not None and not _companion.failed else None


def stop() -> None:
    """End the companion (at the end of a run): it leaves, is waited for, its folder removed."""
    global _companion
    companion, _companion = _companion, None
    _stand_ins.clear()
    if companion is not None:
        companion.close()


def proofreader_for(settings: Settings) -> RemoteProofreader | None:
    """Return the companion's stand-in for a proofreader with these settings, if one runs."""
    companion = running()
    if companion is None:
        return None
    held = _stand_ins.get(settings)
    if held is None or held._companion is not companion:
        held = _stand_ins[settings] = RemoteProofreader(companion, settings)
    return held


class CompanionFailed(Exception):
    """The companion cannot answer: proofread in this process instead."""


class Companion:
    """The companion process, seen from the run: its pipes, its socket, what it owes."""

    def __init__(self, process: subprocess.Popen[bytes], folder: Path,
                 reader: Connection, writer: Connection) -> None:
        self.process = process
        self.folder = folder
        self.address = str(folder / "companion.sock")
        self.failed = False
        #: The process that started the companion (its parent); ``_owner`` uses the channel.
        self._spawner = self._owner = os.getpid()
        self._reader, self._writer = reader, writer
        self._next = 0
        self._pending: set[int] = set()
        self._answers: dict[int, Any] = {}

    @classmethod
    def spawn(cls) -> Companion | None:
        """Start the process; None when it cannot start (then proofreading stays here)."""
        folder = Path(tempfile.mkdtemp(prefix="followup-lint-proof-"))
        to_child, from_parent = os.pipe()[::-1]
        from_child, to_parent = os.pipe()
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "followup_lint.checking.proof_companion",
                 str(from_parent), str(to_parent), str(folder / "companion.sock")],
                pass_fds=(from_parent, to_parent), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True)
        except (OSError, ValueError):
            for fd in (to_child, from_parent, from_child, to_parent):
                os.close(fd)
            shutil.rmtree(folder, ignore_errors=True)
            return None
        os.close(from_parent)
        os.close(to_parent)
        return cls(process, folder, Connection(from_child, writable=False),
                   Connection(to_child, readable=False))

    # ------------------------------------------------------------ requests

    def send(self, request: tuple[Any, ...]) -> int:
        """Send a request; return its number, to ``wait_for`` its answer."""
        if self.failed:
            raise CompanionFailed()
        self._own_channel()
        self._collect(block=False)
        number = self._next
        self._next += 1
        try:
            self._writer.send((number, *request))
        except (OSError, ValueError) as exc:
            raise self._fail() from exc
        self._pending.add(number)
        return number

    def owes(self) -> int:
        """Return how many answers are still on their way."""
        return len(self._pending)

    def wait_for(self, number: int) -> Any:
        """Return the answer to request ``number``, waiting for it (``REPLY_TIMEOUT``)."""
        deadline = time.monotonic() + REPLY_TIMEOUT
        while number not in self._answers:
            if number not in self._pending:
                raise self._fail()
            left = deadline - time.monotonic()
            if left <= 0 or not self._collect(block=True, timeout=min(left, 0.5)):
                if left <= 0 or self._ended():
                    raise self._fail()
                continue
            deadline = time.monotonic() + REPLY_TIMEOUT  # it is answering: keep waiting
        answer = self._answers.pop(number)
        if isinstance(answer, tuple) and answer[:1] == ("error",):
            raise self._fail()
        return answer

    def forget(self, number: int) -> None:
        """Drop an answer nobody will ask for (a draft sent ahead but never checked)."""
        self._answers.pop(number, None)
        self._pending.discard(number)

    def _collect(self, block: bool, timeout: float = 0.0) -> bool:
        """Read the answers that have arrived; return True if any did."""
        got = False
        try:
            while self._pending and self._reader.poll(timeout if block and not got else 0):
                number, answer = self._reader.recv()
                if number in self._pending:
                    self._pending.discard(number)
                    self._answers[number] = answer
                got = True
        except (EOFError, OSError, ValueError) as exc:
            raise self._fail() from exc
        return got

    def _own_channel(self) -> None:
        """In a forked ``--jobs`` worker, open this process's own connection to the companion."""
        if self._owner == os.getpid():
            return
        self._owner = os.getpid()
        self._pending.clear()
        self._answers.clear()
        self._reader = self._writer = None  # type: ignore[assignment]  # the parent's pipes
        deadline = time.monotonic() + CONNECT_TIMEOUT
        while True:
            try:
                self._reader = self._writer = Client(self.address, family="AF_UNIX")
                return
            except FileNotFoundError as exc:  # not bound yet: it binds first thing
                if time.monotonic() > deadline or self.failed:
                    raise self._fail() from exc
                time.sleep(0.05)
            except OSError as exc:  # refused: it has ended
                raise self._fail() from exc

    def _ended(self) -> bool:
        """Return True when the process has ended (a forked worker sees that as end of file)."""
        return self._spawner == os.getpid() and self.process.poll() is not None

    def _fail(self) -> CompanionFailed:
        """Mark the companion failed and end it; return the exception to raise."""
        self.failed = True
        if self._spawner == os.getpid() and self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.process.kill()
        return CompanionFailed()

    # ------------------------------------------------------------ the end

    def close(self) -> None:
        """Say goodbye, wait for the process (killing it if it lingers), remove its folder."""
        if self._spawner == os.getpid():
            with contextlib.suppress(OSError, ValueError):
                self._writer.send((-1, "bye"))
            for channel in {id(c): c for c in (self._writer, self._reader)}.values():
                with contextlib.suppress(OSError):
                    channel.close()
            try:
                self.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            shutil.rmtree(self.folder, ignore_errors=True)


class RemoteProofreader:
    """Stands in for ``Proofreader``: the companion answers; this process does if it cannot."""

    def __init__(self, companion: Companion, settings: Settings) -> None:
        self._companion = companion
        self._settings = settings
        self._local: proof.Proofreader | None = None
        #: Drafts sent ahead: their own-words view -> request number (or answer).
        self._sent: OrderedDict[str, int] = OrderedDict()
        self._lints: OrderedDict[str, list[proof.Lint]] = OrderedDict()
        self._known: dict[tuple[str, str | None], bool] = {}
        self._common: dict[str, bool] = {}
        self._pid = os.getpid()

    def _forked(self) -> None:
        """In a forked ``--jobs`` worker, forget the requests the parent sent."""
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self._sent.clear()

    def expect(self, draft: Draft) -> None:
        """Send the draft's own words to the companion now, to lint while spaCy parses."""
        if self._local is not None or self._companion.failed:
            return
        self._forked()
        if self._companion.owes() >= WINDOW:
            return  # far enough ahead; this draft is sent when asked for
        view = proof.own_view(draft)
        if view in self._sent or view in self._lints:
            return
        try:
            self._sent[view] = self._companion.send(("lint", self._settings, view))
        except CompanionFailed:
            return
        while len(self._sent) > KEPT:
            self._companion.forget(self._sent.popitem(last=False)[1])

    def lints(self, draft: Draft) -> list[proof.Lint]:
        """Return Harper's lints on the writer's own words (as ``Proofreader.lints``)."""
        view = proof.own_view(draft)
        if view in self._lints:
            return self._lints[view]
        if self._local is None:
            self._forked()
            try:
                number = self._sent.pop(view, None)
                if number is None:
                    number = self._companion.send(("lint", self._settings, view))
                found, known = self._companion.wait_for(number)
                lints = [proof.Lint(*item) for item in found]
                self._known.update(known)
                self._lints[view] = lints
                while len(self._lints) > 2:  # the spelling and grammar rules of one draft
                    self._lints.popitem(last=False)
                return lints
            except CompanionFailed:
                pass
        return self._here().lints_of_view(view)

    def is_known(self, word: str, suggestion: str | None = None) -> bool:
        """Return True when a word is spelt right (``Proofreader.is_known``)."""
        key = (word, suggestion)
        if key not in self._known:
            self._known[key] = bool(self._ask(("known", self._settings, word, suggestion),
                                              lambda: self._here().is_known(word, suggestion)))
        return self._known[key]

    def is_common_word(self, word: str) -> bool:
        """Return True for a word Harper knows in lower case (``Proofreader.is_common_word``)."""
        if word not in self._common:
            self._common[word] = bool(self._ask(("common", self._settings, word),
                                                lambda: self._here().is_common_word(word)))
        return self._common[word]

    def _ask(self, request: tuple[Any, ...], here: Any) -> Any:
        if self._local is None:
            try:
                return self._companion.wait_for(self._companion.send(request))
            except CompanionFailed:
                pass
        return here()

    def _here(self) -> proof.Proofreader:
        """Return this process's own proofreader (built on first use: the fallback)."""
        if self._local is None:
            self._local = proof.proofreader(*self._settings)
            self._sent.clear()
        return self._local


# ---------------------------------------------------------------- the companion's side


def serve(from_parent: int, to_parent: int, address: str) -> int:
    """Answer the run's requests (and its forked workers') until the run's pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the run's to report
    signal.signal(signal.SIGTERM, _leave)  # the run ended (``_die_with_parent``): clean up
    _die_with_parent()
    reader, writer = Connection(from_parent, writable=False), Connection(to_parent,
                                                                         readable=False)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(address)
        listener.listen()
        return _answer(reader, writer, listener)
    finally:
        listener.close()
        with contextlib.suppress(OSError):
            os.unlink(address)
        with contextlib.suppress(OSError):
            os.rmdir(os.path.dirname(address))  # the run may have ended without removing it


def _leave(signum: int, frame: Any) -> None:
    raise SystemExit(0)


def _answer(reader: Connection, writer: Connection, listener: socket.socket) -> int:
    import harper

    harper.Linter(harper.Dialect.AMERICAN).lint("Warm up.", language="plaintext")
    workers: dict[Any, Connection] = {}
    while True:
        for ready in wait([reader, listener, *workers.values()]):
            if ready is listener:
                accepted, _ = listener.accept()
                connection = Connection(accepted.detach())
                workers[connection] = connection
                continue
            assert isinstance(ready, Connection)
            try:
                number, *request = ready.recv()
            except (EOFError, OSError):
                if ready is reader:
                    return 0  # the run ended
                workers.pop(ready, None)
                ready.close()
                continue
            if request == ["bye"]:
                return 0
            try:
                answer = _answer_one(request)
            except Exception as exc:  # the run falls back on any failure; it must not hang
                answer = ("error", repr(exc))
            try:
                (writer if ready is reader else ready).send((number, answer))
            except (OSError, ValueError):
                if ready is reader:
                    return 1


def _answer_one(request: list[Any]) -> Any:
    """Return the in-process proofreader's answer to one request, as plain data."""
    kind, settings, *args = request
    reader = proof.proofreader(*(tuple(part) for part in settings))
    if kind == "lint":
        (view,) = args
        lints = reader.lints_of_view(view)
        known = {(word, lint.suggestion): reader.is_known(word, lint.suggestion)
                 for lint, word in _spelling(lints, view)}
        return [(lint.start, lint.end, lint.kind, lint.message, lint.suggestions)
                for lint in lints], known
    if kind == "known":
        return reader.is_known(*args)
    if kind == "common":
        return reader.is_common_word(*args)
    raise ValueError(f"unknown request {kind!r}")


def _spelling(lints: list[proof.Lint], view: str) -> Iterator[tuple[proof.Lint, str]]:
    """Yield the one-word, lower-case spelling lints: the spelling rule asks ``is_known`` of them.

    A capitalised word is mostly a name, which the rule drops before it asks
    (``could_be_misspelt``); answering for it ahead would be work thrown away,
    so the rare one the rule does ask about is one round trip.
    """
    for lint in lints:
        word = view[lint.start : lint.end]
        if (lint.kind == "Spelling" and word[:1].islower()
                and not any(ch.isspace() for ch in word)):
            yield lint, word


def _die_with_parent() -> None:
    """Ask Linux to send SIGTERM when the run ends, however it ends (``os._exit`` on Ctrl-C).

    The pipe's end of file says the same a moment later, and on other systems.
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG


def _exit_now(code: int) -> None:
    """End the companion without the interpreter's teardown, which the run waits for.

    Once its socket and folder are gone nothing is left to clean: freeing
    Harper's linter and every module one by one took 0.05-0.6 s of the run's
    wall time on a loaded machine (``Companion.close`` waits for the process).
    Under coverage (``COVERAGE_PROCESS_START``) the normal exit stays, so the
    measurement is saved.
    """
    if "coverage" in sys.modules:
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":
    _exit_now(serve(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))
