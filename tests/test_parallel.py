"""``--jobs`` in-process: workers give one process's results in order, start ready (Ctrl-C
ignored, killed with their parent, a linter of their own), and Ctrl-C ends them first.

The command-line tests run ``--jobs`` end to end (``test_speed.py``); here the
pool is driven directly, so its branches are seen and cost one fork each.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import time
from typing import Any

import pytest

from followup_lint.checking import parallel
from followup_lint.checking.engine import Linter, check_each
from followup_lint.reading.inputs import collect, read_sources

from .conftest import ROOT


def items(tmp_path) -> list[Any]:
    """The examples (8 drafts) and one file that cannot be read, as the command reads them."""
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01 not text")
    return list(read_sources(collect([str(ROOT / "examples"), str(tmp_path / "binary.txt")])))


def summary(results: list[Any]) -> list[tuple[Any, ...]]:
    return [(r.source, tuple(r.findings), str(r.error)) for r in results]


def test_two_workers_give_one_process_results_in_order(
        linter: Linter, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK_SIZE", 3)  # 9 inputs: three chunks over two workers
    inputs = items(tmp_path)
    before = signal.getsignal(signal.SIGINT)
    got = list(parallel.lint_parallel(inputs, lambda d: linter, lambda: lambda d: linter, 2,
                                      linters=[linter]))
    assert summary(got) == summary(list(check_each(inputs, lambda d: linter)))
    assert len(got) == 9
    assert [r.source.endswith("binary.txt") for r in got if r.error is not None] == [True]
    assert signal.getsignal(signal.SIGINT) is before  # Ctrl-C handling is as it was
    assert parallel._choose is None


def test_job_count_and_start_method() -> None:
    assert parallel.job_count(3) == 3
    assert parallel.job_count(0) == len(os.sched_getaffinity(0))
    assert parallel.start_method() == "fork"  # Linux: workers share the loaded model


def _worker_probe(queue: Any, chunk: list[Any], linter: Linter) -> None:
    parallel._start_worker(lambda: lambda d: linter)  # as a spawned worker: nothing inherited
    deathsig = ctypes.c_int()
    ctypes.CDLL(None).prctl(2, ctypes.byref(deathsig), 0, 0, 0)  # 2 is PR_GET_PDEATHSIG
    results = parallel._lint_chunk(chunk)
    left = [name for r in results if r.draft is not None
            for name in parallel._CACHED if name in r.draft.__dict__]
    queue.put((signal.getsignal(signal.SIGINT) == signal.SIG_IGN, deathsig.value,
               summary(results), left))


def test_a_worker_ignores_ctrl_c_dies_with_its_parent_and_sends_back_only_results(
        linter: Linter, tmp_path) -> None:
    chunk = items(tmp_path)[:2]  # the unreadable file and a draft
    expected = summary(list(check_each(chunk, lambda d: linter)))
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_worker_probe, args=(queue, chunk, linter))
    worker.start()
    ignores, deathsig, results, left = queue.get(timeout=60)
    worker.join(60)
    assert (ignores, deathsig, worker.exitcode) == (True, signal.SIGKILL, 0)
    assert results == expected
    assert left == []  # parse caches are dropped before the results are pickled


def test_ctrl_c_ends_the_workers_then_interrupts_as_before() -> None:
    original = signal.getsignal(signal.SIGINT)
    seen: list[int] = []

    def previous(signum: int, frame: Any) -> None:
        seen.append(signum)

    child = multiprocessing.get_context("fork").Process(target=time.sleep, args=(120,))
    try:
        child.start()
        parallel._end_workers_on_interrupt(previous)
        signal.getsignal(signal.SIGINT)(signal.SIGINT, None)  # type: ignore[operator]
        child.join(30)
        assert child.exitcode == -signal.SIGKILL and seen == [signal.SIGINT]
        parallel._end_workers_on_interrupt(signal.SIG_DFL)
        with pytest.raises(KeyboardInterrupt):
            signal.getsignal(signal.SIGINT)(signal.SIGINT, None)  # type: ignore[operator]
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        parallel._end_workers_on_interrupt(signal.SIG_IGN)  # an ignored Ctrl-C stays ignored
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
        signal.signal(signal.SIGINT, original)
        other = threading.Thread(target=parallel._end_workers_on_interrupt, args=(previous,))
        other.start()
        other.join()
        assert signal.getsignal(signal.SIGINT) is original  # only the main thread sets handlers
    finally:
        signal.signal(signal.SIGINT, original)
        if child.is_alive():
            child.kill()
