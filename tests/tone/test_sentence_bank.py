"""The held-out tone sentence bank: each sentence alone in a clean draft, per-class scores.

The bank (``bank.yaml``) was written before any failure list was read and is
never trained on (the trainer drops near copies of it). Each bad sentence
must draw its code on its own line; each fine sentence must draw no tone
finding. The test prints recall per class and the false-alarm rate per kind,
and fails below 0.9 recall (or the lower floor of a class in ``BELOW_THE_BAR``) or
above 5% false alarms for any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from followup_lint.checking.engine import Linter
from followup_lint.reading.reader import read_draft

BANK = Path(__file__).with_name("bank.yaml")
MIN_RECALL = 0.9
#: Classes still below the issue's 0.9 bar (issue 12 stays open for them): each is held
#: at the recall it reached when it was last measured, so it can only improve. Empty:
#: every class has reached the bar.
BELOW_THE_BAR: dict[str, float] = {}
MAX_FALSE_ALARMS = 0.05
TONE = ("FL101", "FL102")
OPENING = ("Hi Dana,\n\nThank you for meeting with me on Tuesday about the analyst role. "
           "I enjoyed hearing about the churn dashboard rebuild.\n\n")
CLOSING = "\n\nI look forward to hearing about next steps.\n\nBest regards,\nSam Lee\n"
SENTENCE_LINE = 5


def bank_scores(linter: Linter) -> dict[str, tuple[float, int, list[str]]]:
    """Return, per class, (rate, size, misses): recall for bad classes, false alarms for fine."""
    data = yaml.safe_load(BANK.read_text(encoding="utf-8"))
    cases: list[tuple[str, str, str]] = []  # (class key, expected code or "", sentence)
    for code, classes in data["bad"].items():
        for name, sentences in classes.items():
            cases += [(f"{code} {name}", code, s) for s in sentences]
    for kind, sentences in data["fine"].items():
        cases += [(f"fine {kind}", "", s) for s in sentences]
    drafts = [read_draft(f"s{i}.txt", (OPENING + s + CLOSING).encode()) for i, (_, _, s) in
              enumerate(cases)]
    results = list(linter.lint(drafts))
    tally: dict[str, list[int]] = {}
    misses: dict[str, list[str]] = {}
    for (key, code, sentence), result in zip(cases, results, strict=False):
        on_line = {f.code for f in result.findings if f.line == SENTENCE_LINE and f.code in TONE}
        anywhere = {f.code for f in result.findings if f.code in TONE}
        wrong = code not in on_line if code else bool(anywhere)
        counts = tally.setdefault(key, [0, 0])
        counts[0] += (not wrong) if code else wrong
        counts[1] += 1
        if wrong:
            misses.setdefault(key, []).append(sentence)
    return {k: (n / total, total, misses.get(k, [])) for k, (n, total) in tally.items()}


@pytest.fixture(scope="module")
def scores(linter: Linter) -> dict[str, tuple[float, int, list[str]]]:
    return bank_scores(linter)


def test_bank_is_large_enough() -> None:
    data = yaml.safe_load(BANK.read_text(encoding="utf-8"))
    bad = sum(len(v) for c in data["bad"].values() for v in c.values())
    fine = sum(len(v) for v in data["fine"].values())
    assert bad >= 300 and fine >= 300


def test_per_class_recall_and_false_alarms(scores, capsys: pytest.CaptureFixture[str]) -> None:
    failing = []
    with capsys.disabled():
        print()
        for key, (rate, total, _) in sorted(scores.items()):
            what = "false alarms" if key.startswith("fine") else "recall"
            print(f"  {key:<28} {what} {rate:.2f} ({total} sentences)")
    for key, (rate, _, misses) in scores.items():
        floor = BELOW_THE_BAR.get(key, MIN_RECALL)
        bad = rate > MAX_FALSE_ALARMS if key.startswith("fine") else rate < floor
        if bad:
            failing.append(f"{key}: {rate:.2f}, e.g. {misses[:3]}")
    assert not failing, "\n".join(failing)


def lint_sentence(lint: Callable[..., list], sentence: str) -> list:
    return lint(OPENING + sentence + CLOSING, codes=TONE)
