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
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from itertools import islice

from followup_lint.checking.engine import Linter, Result, check_each
from followup_lint.core.errors import InputError
from followup_lint.draft.parsed import Draft

#: Chooses the linter for a draft (``Planner.linter_for``).
Choose = Callable[[Draft], Linter]
#: Builds a ``Choose`` from nothing: how a ``spawn`` worker gets its own.
ChooseFactory = Callable[[], Choose]

#: Drafts per task: small enough to balance the workers, big enough that
#: ``nlp.pipe`` batches and the pickling cost stays in the noise.
CHUNK_SIZE = 32
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
    try:
        with context.Pool(jobs, initializer=_start_worker, initargs=(factory,)) as pool:
            for results in pool.imap(_lint_chunk, _chunks(items, CHUNK_SIZE)):
                yield from results
    finally:
        gc.unfreeze()
        _choose = None


def _chunks(items: Iterable[Draft | InputError], size: int) -> Iterator[list[Draft | InputError]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _start_worker(factory: ChooseFactory) -> None:
    """Ignore Ctrl-C (the parent handles it) and get a linter chooser."""
    global _choose
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _choose is None:  # spawn: nothing was inherited
        _choose = factory()


def _lint_chunk(chunk: list[Draft | InputError]) -> list[Result]:
    assert _choose is not None, "worker started without a linter"
    results = list(check_each(chunk, _choose))
    for result in results:
        if result.draft is not None:  # send back only what a formatter may need
            for name in _CACHED:
                result.draft.__dict__.pop(name, None)
    return results
