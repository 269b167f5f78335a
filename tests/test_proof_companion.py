"""The proofreading companion (``checking/proof_companion.py``): Harper in a second process.

Its answers must be exactly the in-process proofreader's, and a companion that
cannot start, dies or hangs must cost only speed: the run proofreads in its
own process and says the same. No process may outlive a run, finished or
interrupted. ``--jobs auto`` starts workers only once enough drafts need
checking (``engine.one_or_many``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from followup_lint.checking import engine, parallel, proof_companion, proofreader
from followup_lint.checking.engine import Linter, Result, check_each, one_or_many
from followup_lint.reading.inputs import collect, read_sources

from .conftest import ROOT, console_script

pytestmark = pytest.mark.skipif(not proofreader.available(), reason="needs harper-py")

#: Drafts with spelling and grammar slips, names and jargon: every kind of question.
PROOFREADING = ROOT / "tests" / "proofreading" / "typos"


def drafts() -> list[Any]:
    return list(read_sources(collect([str(ROOT / "examples"), str(PROOFREADING)])))


def summary(results: Iterator[Result] | list[Result]) -> list[tuple[Any, ...]]:
    return [(r.source, tuple(r.findings), str(r.error)) for r in results]


@pytest.fixture
def companion_linter(registry: Any, linter: Linter) -> Iterator[Linter]:
    """A fresh linter of every rule whose proofreading goes through a new companion."""
    linter.context  # noqa: B018 - the session's linter keeps its in-process proofreader
    proofreader.allow_companion()
    try:
        yield Linter(registry.sorted_rules(), lexicons=registry.lexicons,
                     is_rule=registry.is_rule)
    finally:
        proof_companion.stop()
        proofreader.allow_companion(False)


def _companion_of(linter: Linter) -> proof_companion.Companion:
    linter.context  # noqa: B018 - starts the companion and prepares the rules
    companion = proof_companion.running()
    assert companion is not None, "the companion did not start"
    return companion


def test_the_companion_gives_the_in_process_findings(linter: Linter,
                                                     companion_linter: Linter) -> None:
    companion = _companion_of(companion_linter)
    items = drafts()
    assert summary(check_each(items, lambda d: companion_linter)) == summary(
        check_each(items, lambda d: linter))
    assert not companion.failed
    process = companion.process
    proof_companion.stop()
    assert process.returncode == 0  # it left when asked, and was waited for
    assert not companion.folder.exists()


def test_a_companion_that_dies_falls_back_in_process(linter: Linter,
                                                     companion_linter: Linter) -> None:
    companion = _companion_of(companion_linter)
    companion.process.kill()
    companion.process.wait()
    items = drafts()
    assert summary(check_each(items, lambda d: companion_linter)) == summary(
        check_each(items, lambda d: linter))
    assert companion.failed


def test_a_companion_that_hangs_is_ended_and_replaced(linter: Linter, companion_linter: Linter,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    companion = _companion_of(companion_linter)
    monkeypatch.setattr(proof_companion, "REPLY_TIMEOUT", 0.5)
    companion.process.send_signal(signal.SIGSTOP)
    items = drafts()[:3]
    assert summary(check_each(items, lambda d: companion_linter)) == summary(
        check_each(items, lambda d: linter))
    assert companion.failed
    assert companion.process.wait(timeout=10) == -signal.SIGKILL  # ended, not left stopped


@pytest.mark.parametrize("alive", [True, False], ids=["shared", "gone"])
def test_forked_workers_use_the_companion_or_proofread_themselves(
        linter: Linter, companion_linter: Linter, alive: bool) -> None:
    companion = _companion_of(companion_linter)
    if not alive:  # killed behind the run's back: its socket is still there, refusing
        companion.process.kill()
        companion.process.wait()
    items = drafts()
    got = list(parallel.lint_parallel(items, lambda d: companion_linter,
                                      lambda: lambda d: companion_linter, 2,
                                      linters=[companion_linter]))
    assert summary(got) == summary(check_each(items, lambda d: linter))


def test_no_companion_when_it_cannot_start(linter: Linter, companion_linter: Linter,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(proof_companion.sys, "executable", "/nonexistent/python")
    companion_linter.context  # noqa: B018
    assert proof_companion.running() is None
    items = drafts()[:3]
    assert summary(check_each(items, lambda d: companion_linter)) == summary(
        check_each(items, lambda d: linter))


def test_a_run_with_and_without_the_companion_prints_the_same(cli: Any, tmp_path: Path) -> None:
    """The console script with its companion prints what one process without one does.

    The run without is the in-process command (``cli``: no companion is allowed there),
    the same code as ``FOLLOWUP_LINT_PROOF_COMPANION=0``, without a second start-up.
    """
    folder = tmp_path / "drafts"
    shutil.copytree(PROOFREADING, folder)
    shutil.copytree(ROOT / "examples", folder / "examples")
    with_companion = subprocess.run(
        [console_script(), "--no-cache", "--jobs", "1", str(folder)], capture_output=True,
        text=True, timeout=300,
        env={**os.environ, "TMPDIR": str(tmp_path), proofreader.COMPANION_ENV: "1"})
    without = cli("--no-cache", "--jobs", "1", str(folder))
    assert with_companion.stdout == without.stdout and without.stdout
    assert with_companion.returncode == without.returncode == 1
    assert not list(tmp_path.glob("followup-lint-proof-*"))  # its folder is gone with it


def test_jobs_workers_share_the_companion(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    for i in range(3):
        shutil.copytree(PROOFREADING, folder / f"copy{i}")
    one = cli("--no-cache", "--jobs", "1", str(folder))  # one process, no companion
    two = subprocess.run([console_script(), "--no-cache", "--jobs", "2", str(folder)],
                         capture_output=True, text=True, timeout=300,
                         env={**os.environ, "TMPDIR": str(tmp_path)})
    assert two.stdout == one.stdout and two.stderr == one.stderr
    assert not list(tmp_path.glob("followup-lint-proof-*"))


def test_ctrl_c_leaves_no_companion_behind(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    for i in range(20):
        shutil.copytree(PROOFREADING, folder / f"copy{i}")
    proc = subprocess.Popen([console_script(), "--no-cache", "--jobs", "1", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env={**os.environ, "TMPDIR": str(tmp_path)})
    deadline = time.monotonic() + 120
    while len(_group(proc.pid)) < 2 and proc.poll() is None:  # the run and its companion
        assert time.monotonic() < deadline, "the companion never started"
        time.sleep(0.05)
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err == "followup-lint: interrupted\n"
    deadline = time.monotonic() + 30
    while _group(proc.pid):
        assert time.monotonic() < deadline, f"left behind: {_group(proc.pid)}"
        time.sleep(0.05)
    assert not list(tmp_path.glob("followup-lint-proof-*/companion.sock"))


def _group(pgid: int) -> list[int]:
    """Return the live processes of a process group."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                pids.append(int(entry.name))
    return pids


# ---------------------------------------------------------------- --jobs auto


def _pool_spy(calls: list[int]) -> Any:
    """Stand in for the worker pool: record how many drafts it got, check them here."""

    def many(misses: Iterator[Any], choose: Any) -> Iterator[Result]:
        got = list(misses)
        calls.append(len(got))
        return check_each(got, choose)

    return many


def test_auto_checks_few_drafts_in_this_process(linter: Linter) -> None:
    items = drafts()
    calls: list[int] = []
    spy = _pool_spy(calls)
    got = list(one_or_many(items, lambda d: linter, lambda m: spy(m, lambda d: linter),
                           threshold=len(items) + 1))
    assert calls == []
    assert summary(got) == summary(check_each(items, lambda d: linter))


def test_auto_starts_workers_once_enough_drafts_need_checking(linter: Linter) -> None:
    items = drafts()
    calls: list[int] = []
    spy = _pool_spy(calls)
    got = list(one_or_many(items, lambda d: linter, lambda m: spy(m, lambda d: linter),
                           threshold=3))
    assert calls == [len(items)]
    assert summary(got) == summary(check_each(items, lambda d: linter))


def test_auto_counts_only_drafts_the_cache_does_not_know(
        linter: Linter, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cached drafts cost no parse: a warm run with two changed drafts stays in one process."""
    items = drafts()
    known = {d.key for d in items[:-2]}
    answers = {r.source: r for r in check_each(items, lambda d: linter)}

    class Cache:
        def load(self, draft: Any) -> Any:
            if draft.key in known:
                return answers[draft.source].findings, None
            return None

        def store(self, *args: Any) -> None:
            pass

    cached = Linter(linter.rules, lexicons=linter.lexicons)
    cached.cache = Cache()  # type: ignore[assignment]
    calls: list[int] = []
    spy = _pool_spy(calls)
    got = list(one_or_many(items, lambda d: cached, lambda m: spy(m, lambda d: cached),
                           threshold=3))
    assert calls == []
    assert summary(got) == summary(answers.values())
    got = list(one_or_many(items, lambda d: cached, lambda m: spy(m, lambda d: cached),
                           threshold=2))
    assert calls == [2]
    assert summary(got) == summary(answers.values())


def test_auto_is_the_default_and_one_job_is_one_process(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    from followup_lint import cli

    (jobs,) = [p for p in cli.check.params if p.name == "jobs"]
    assert jobs.default == "auto" and cli.CheckOptions().jobs == 0
    started: list[int] = []
    monkeypatch.setattr(engine, "one_or_many", lambda *a: started.append(1) or iter(()))
    monkeypatch.setattr(cli, "_job_count", lambda requested: 2 if requested != 1 else 1)
    planning = {"select": ("FL205",), "ignore": (), "fail_on": None, "model": None,
                "rule_packs": (), "config_path": None, "isolated": True}
    planner = cli._planner(**planning)
    (tmp_path / "a.txt").write_text("Hi.\n")
    sources, profiles, _ = cli._collect(planner, (str(tmp_path),), "-")
    progress = cli._progress(1, machine=True)
    list(cli._lint(planner, planning, cli.CheckOptions(jobs=1), sources, profiles, progress))
    assert started == []
    list(cli._lint(planner, planning, cli.CheckOptions(), sources, profiles, progress))
    assert started == [1]
