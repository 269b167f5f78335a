"""Accuracy on labelled drafts: our own held-out set, and the shared corpus when present.

The figures are the same precision/recall/F1 that ../shared/corpus/score.py
reports, computed in-process so the model loads once.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followup_lint.checking.engine import Result

from .conftest import HERE, SHARED, needs_shared

CODES = {"negativity": "FL101", "desperation": "FL102", "too_long": "FL201",
         "missing_thanks": "FL301", "missing_detail": "FL302", "placeholder": "FL401",
         "shouting": "FL402"}
CUED = ("negativity", "desperation", "placeholder", "shouting")


def score(results: dict[str, Result], corpus: Path) -> dict[str, tuple[float, float]]:
    """Return category -> (F1, share of hits whose finding is on a cue line).

    ``results`` is the corpus linted with every rule (the ``corpus_results`` fixture).
    """
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    folder = corpus / "drafts"
    table = {}
    for category, code in CODES.items():
        tp = fp = fn = on_cue = 0
        for name, label in labels.items():
            result = results[name]
            assert result.error is None, result.error
            got = [f for f in result.findings if f.code == code]
            if label[category] and got:
                tp += 1
                text = (folder / name).read_text(encoding="utf-8")
                lines = {text.count("\n", 0, text.find(cue)) + 1
                         for cue in label["cues"].get(category, [])}
                on_cue += not lines or any(f.line in lines for f in got)
            elif got:
                fp += 1
            elif label[category]:
                fn += 1
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        table[category] = (f1, on_cue / tp if tp else 1.0)
    return table


OWN = ("corpus", "corpus-blind", "corpus-holdout")

#: One worker lints the corpora once (``corpus_results``) for these tests and the
#: proofreading one; ``--dist loadgroup`` (pyproject) keeps a group on one worker.
pytestmark = pytest.mark.xdist_group("corpora")


def test_the_corpus_group_stays_on_one_worker(request: pytest.FixtureRequest) -> None:
    """Under ``--dist loadgroup`` a grouped test's id carries its group: one worker runs it.

    pytest 9.2 with pytest-xdist 3.8 silently dropped the suffix (xdist issue 1386), so
    each worker linted every corpus itself; pyproject pins pytest below 9.2 until then.
    """
    if getattr(request.config.option, "loadgroup", False):  # a worker of --dist loadgroup
        assert request.node.nodeid.endswith("@corpora"), request.node.nodeid


#: Categories below the bar (0.90 on our sets, 0.95 on the shared corpus), held at the F1
#: last measured so they can only improve; issue 12 stays open for them.
OWN_BELOW_THE_BAR: dict[tuple[str, str], float] = {}
SHARED_BELOW_THE_BAR: dict[str, float] = {}


@pytest.fixture(scope="module")
def own(corpus_results) -> dict[str, dict[str, tuple[float, float]]]:
    return {name: score(corpus_results(HERE / name), HERE / name) for name in OWN}


@pytest.mark.parametrize("corpus", OWN)
@pytest.mark.parametrize("category", CODES)
def test_own_corpus_f1(own, corpus: str, category: str) -> None:
    f1, on_cue = own[corpus][category]
    floor = OWN_BELOW_THE_BAR.get((corpus, category), 0.90)
    assert f1 >= floor, f"{corpus} {category}: F1 {f1:.2f}"
    if category in CUED:
        assert on_cue >= 0.95, f"{corpus} {category}: on-cue {on_cue:.2f}"


@needs_shared()
@pytest.mark.parametrize("category", CODES)
def test_shared_corpus_f1(shared, category: str) -> None:
    f1, on_cue = shared[category]
    assert f1 >= SHARED_BELOW_THE_BAR.get(category, 0.95), f"{category}: F1 {f1:.2f}"
    if category in CUED:
        assert on_cue >= 0.95, f"{category}: on-cue {on_cue:.2f}"


@pytest.fixture(scope="module")
def shared(corpus_results) -> dict[str, tuple[float, float]]:
    return score(corpus_results(SHARED / "corpus"), SHARED / "corpus")
