"""The tone model's arithmetic on hand-made weights: a verdict, its threshold, its evidence."""

from __future__ import annotations

import math

import pytest

from followup_lint.tone.features import Feature
from followup_lint.tone.model import FINE, ToneModel, Verdict

#: Two labels; "awful" pulls toward a complaint, "calm" away from it, "long" has no words.
MODEL = ToneModel(labels=(FINE, "complaint"),
                  weights={"word:awful": [-1.0, 2.0], "word:calm": [1.0, -1.0],
                           "long": [0.5, 0.0]},
                  threshold=0.6, trained={})


def softmax(*totals: float) -> list[float]:
    exps = [math.exp(t) for t in totals]
    return [e / sum(exps) for e in exps]


def test_a_sentence_over_the_threshold_gets_the_problem_and_its_strongest_words() -> None:
    features = [Feature("word:awful", (3,)), Feature("word:awful", (3, 5)), Feature("long", ())]
    verdict = MODEL.judge(features)
    # totals: fine -1 - 1 + 0.5 = -1.5, complaint 2 + 2 = 4. Token 3 pulls 3 + 1.5 = 4.5,
    # token 5 pulls 1.5: under 35% of the strongest pull, so it is not named.
    assert verdict == Verdict("complaint", pytest.approx(softmax(-1.5, 4)[1]), (3,))
    both = MODEL.judge([Feature("word:awful", (3,)), Feature("word:awful", (5,)),
                        Feature("word:awful", (5,))])
    assert both.evidence == (5, 3)  # 6 against 3: both named, the stronger first


def test_a_sentence_under_the_threshold_is_fine_with_no_evidence() -> None:
    verdict = MODEL.judge([Feature("word:calm", (0,))])
    assert verdict == Verdict(FINE, pytest.approx(softmax(1, -1)[0]), ())


def test_evidence_needs_a_word_that_pulls_toward_the_label() -> None:
    assert MODEL.explain([Feature("word:calm", (0,))], "complaint") == ()  # pulls away only
    assert MODEL.explain([Feature("unknown", (1,)), Feature("long", ())], "complaint") == ()
    assert MODEL.scores([Feature("unknown", (1,))]) == [0.5, 0.5]  # nothing known: no lean
