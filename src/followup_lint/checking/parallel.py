"""Lint drafts in several worker processes (``--jobs N``), with output identical to one.

Parsing is nearly all of a run's cost and spaCy parses on one core, so the
only way to use more cores is more processes. The parent reads the drafts
(cheap, and standard input can only be read once) and hands them out in
small chunks; each worker parses and checks its chunk with the model it
inherited (``fork``: the parent loads and prepares it once, before the
workers start) or loaded itself (``spawn``, where ``fork`` is unsafe).
``imap`` returns the chunks in input order, so findings stream out sorted
exactly as with one process. Cross-draft rules run afterwards in this
process (``engine.gather``), over every draft's summary, as with one.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from itertools import islice
from typing import Any

from followup_lint.checking.engine import Linter, Result, check_each
from followup_lint.core.errors import InputError
from followup_lint.draft.parsed import Draft

#: Chooses the linter for a draft (``Planner.linter_for``).
Choose = Callable[[Draft], Linter]
#: Builds a ``Choose`` from nothing: how a ``spawn`` worker gets its own.
ChooseFactory = Callable[[], Choose]

#: Drafts per task: small enough to balance the workers, big enough that
#: ``nlp.pipe`` batches and the pickling cost stays in the noise.
CHUNK_SIZE = 16
#: ``--jobs auto`` starts workers once this many drafts need checking (the cache does not
#: know them); fewer are checked in one process, where the pool's start would cost more than
#: the second core saves (measured: README, "Performance").
AUTO_MIN_DRAFTS = 32
_CACHED = tuple(name for name, value in vars(Draft).items() if isinstance(value, cached_property))

_choose: Choose | None = None


def job_count(requested: int) -> int:
    """Return the number of processes for ``--jobs``: 0 means one per available core."""
    if requested > 0:
        return requested
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        return max(1, os.cpu_count() or 1)


def start_method() -> str:
    """Return ``fork`` where it is safe (Linux), so workers share the loaded model."""
    methods = multiprocessing.get_all_start_methods()
    return "fork" if "fork" in methods and sys.platform.startswith("linux") else "spawn"


def lint_parallel(items: Iterable[Draft | InputError], choose: Choose, factory: ChooseFactory,
                  jobs: int, linters: Iterable[Linter] = ()) -> Iterator[Result]:
    """Lint drafts in ``jobs`` processes; yield results in input order, as they complete.

    ``linters`` are loaded and prepared in this process first, so a missing
    model is reported once, before any worker starts, and forked workers
    inherit them ready to use.
    """
    global _choose
    for linter in linters:
        linter.context  # noqa: B018 - load the model and prepare the rules before forking
    context = multiprocessing.get_context(start_method())
    _choose = choose
    # Keep the collector off the loaded model in forked workers: scanning it would
    # write to (and so copy) every page they share with this process.
    gc.freeze()
    previous = signal.getsignal(signal.SIGINT)
    try:
        _end_workers_on_interrupt(previous)  # before the pool: no moment with unguarded workers
        with context.Pool(jobs, initializer=_start_worker, initargs=(factory,)) as pool:
            for results in pool.imap(_lint_chunk, _chunks(items, CHUNK_SIZE)):
                yield from results
    finally:
        if signal.getsignal(signal.SIGINT) is not previous:
            signal.signal(signal.SIGINT, previous)
        gc.unfreeze()
        _choose = None


def _end_workers_on_interrupt(previous: Any) -> None:
    """On Ctrl-C, end the workers first, then interrupt as before.

    Workers ignore SIGINT (the parent reports it once), and the command's
    handler leaves at once with ``os._exit``; without this, workers blocked on
    the task queue would outlive the run.
    """
    if threading.current_thread() is not threading.main_thread() or previous == signal.SIG_IGN:
        return  # handlers can only be set from the main thread; an ignored Ctrl-C stays so

    def interrupted(signum: int, frame: Any) -> None:
        for worker in multiprocessing.active_children():
            worker.kill()  # no join: the pool would start replacements meanwhile
        if callable(previous):
            previous(signum, frame)
        else:
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupted)


def _chunks(items: Iterable[Draft | InputError], size: int) -> Iterator[list[Draft | InputError]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _start_worker(factory: ChooseFactory) -> None:
    """Ignore Ctrl-C (the parent handles it) and get a linter chooser."""
    global _choose
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if _choose is None:  # spawn: nothing was inherited
        _choose = factory()


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the parent ends, however it ends.

    The parent leaves at once on Ctrl-C (``os._exit``) or may be killed; a
    worker blocked on the task queue would otherwise wait forever.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 is PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the request was in place
        os._exit(1)


def _lint_chunk(chunk: list[Draft | InputError]) -> list[Result]:
    assert _choose is not None, "worker started without a linter"
    results = list(check_each(chunk, _choose))
    for result in results:
        if result.draft is not None:  # send back only what a formatter may need
            for name in _CACHED:
                result.draft.__dict__.pop(name, None)
    return results
