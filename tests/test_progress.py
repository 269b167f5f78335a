"""The progress bar: shown only to a person at a terminal, only for a long run."""

from __future__ import annotations

import io

import pytest

from followup_lint.output import progress
from followup_lint.output.progress import Progress, wants_progress

from .conftest import ROOT


@pytest.mark.parametrize(("tty", "machine", "total", "env", "expected"), [
    (True, False, 40, {}, True),
    (False, False, 40, {}, False),             # stderr is a pipe or a file
    (True, True, 40, {}, False),               # text, json, json-report
    (True, False, 40, {"CI": "true"}, False),  # GitHub Actions, GitLab, ...
    (True, False, 40, {"CI": "1"}, False),
    (True, False, 40, {"CI": "false"}, True),
    (True, False, 1, {}, False),               # one draft: nothing to count
])
def test_when_a_progress_bar_may_show(tty, machine, total, env, expected) -> None:
    assert wants_progress(stderr_is_tty=tty, machine_format=machine, total=total,
                          environ=env) is expected


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_bar_waits_for_the_delay_then_redraws_in_place_and_clears() -> None:
    clock, out = Clock(), io.StringIO()
    progress = Progress(out, 4, enabled=True, delay=2.0, clock=clock)
    clock.now += 1.0
    progress.advance()
    progress.clear()
    assert out.getvalue() == ""                # a short run never shows a bar
    clock.now += 1.5
    progress.advance()
    assert out.getvalue() == "\r[" + "#" * 15 + "-" * 15 + "] 2/4 drafts"
    progress.clear()
    assert out.getvalue().endswith("\r\x1b[K")
    progress.clear()                           # clearing twice writes nothing more
    assert out.getvalue().count("\x1b[K") == 1


def test_track_counts_items_as_they_are_taken() -> None:
    clock, out = Clock(), io.StringIO()
    progress = Progress(out, 3, enabled=True, delay=0.0, clock=clock)
    seen = []
    for item in progress.track(["a", "b", "c"]):
        seen.append((item, progress.done))
    assert seen == [("a", 0), ("b", 1), ("c", 2)]
    assert progress.done == 3
    assert out.getvalue().endswith("\r[" + "#" * 30 + "] 3/3 drafts")


def test_disabled_bar_writes_nothing_however_long() -> None:
    clock, out = Clock(), io.StringIO()
    progress = Progress(out, 3, enabled=False, clock=clock)
    for _ in range(3):
        clock.now += 10
        progress.advance()
    progress.clear()
    assert out.getvalue() == ""


def test_no_progress_output_in_pipes(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    # With no delay every draft is past it; stderr is a pipe, so still no bar.
    monkeypatch.setattr(progress, "DELAY_SECONDS", 0.0)
    result = cli("--format", "full", "--exit-zero", str(ROOT / "examples"),
                 env={"CI": "", "NO_COLOR": "1"})
    assert result.returncode == 0
    assert result.stderr == ""
    assert "\r" not in result.stdout and "drafts]" not in result.stdout
    assert result.stdout.rstrip().endswith(" of 8 drafts.")


def test_the_bar_starts_after_the_module_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    clock, out = Clock(), io.StringIO()
    monkeypatch.setattr(progress, "DELAY_SECONDS", 5.0)
    bar = Progress(out, 2, enabled=True, clock=clock)
    clock.now += 4.9
    bar.advance()
    assert out.getvalue() == ""
    clock.now += 0.1
    bar.advance()
    assert out.getvalue() == "\r[" + "#" * 30 + "] 2/2 drafts"
