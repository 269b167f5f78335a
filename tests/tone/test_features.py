"""What the tone model sees: implication features read from the parse, and lexicon phrases."""

from __future__ import annotations

import pytest

from followup_lint.checking.nlp import load_model, pipeline_for
from followup_lint.checking.packs import load_pack
from followup_lint.tone import TONE_PIPELINE
from followup_lint.tone.features import phrase_tokens, sentence_features
from followup_lint.tone.judge import word_classes
from followup_lint.tone.train import PACK


@pytest.fixture(scope="module")
def features():
    """Return the feature names of a one-sentence text, parsed as the linter parses it."""
    nlp = load_model(None, pipeline_for([TONE_PIPELINE]))
    classes = word_classes(load_pack(PACK).lexicons)

    def names(text: str) -> set[str]:
        (sent,) = nlp(text).sents
        return {f.name for f in sentence_features(sent, classes)}

    return names


@pytest.mark.parametrize(("text", "present", "absent"), [
    # A deadline on the reader's answer, against the employer's own date quoted back
    # and the writer's own promise.
    ("I need an answer by Friday at the latest.", {"s:deadline-on-answer"},
     {"s:deadline-reported"}),
    ("You said you'd decide by Friday, so I wanted to check in.", {"s:deadline-reported"},
     {"s:deadline-on-answer"}),
    ("I'll send the references by Monday.", {"s:deadline"}, {"s:deadline-on-answer"}),
    # Time elapsed with nothing to show, against a calm mention of the time.
    ("It's been two weeks and still nothing.", {"s:elapsed-and-nothing"}, set()),
    ("It's been two weeks since our interview, so I wanted to check in.", {"s:elapsed"},
     {"s:elapsed-and-nothing"}),
    ("I would have appreciated the courtesy of a reply.", {"s:would-have-liked"}, set()),
    ("Thanks so much for the silence.", {"s:kind-with-grievance"}, set()),
    ("Thank you so much for the warm welcome!", set(), {"s:kind-with-grievance"}),
    ("I guess my application got lost?", {"s:statement-question", "c:sarcasm-strong"}, set()),
    ("Could you share the expected timeline?", set(), {"s:statement-question"}),
    # Praise beside a letdown, a letdown done again, pleasure negated (not by comparison),
    # and praise of an act someone else failed at.
    ("How thoughtful of you to postpone it the night before.", {"s:kind-with-letdown"}, set()),
    ("The final round was rescheduled for the third time.", {"s:repeated-letdown"}, set()),
    ("The final round was rescheduled to Thursday.", set(), {"s:repeated-letdown"}),
    ("I was not thrilled with how the day was run.", {"s:pleased-not@self"}, set()),
    ("I couldn't be happier with how the day went.", set(),
     {"s:pleased-not@self", "s:pleased-not@none", "s:pleased-not@other"}),
    ("I loved pitching to a director who hadn't read the brief.", {"s:kind-with-failure"},
     set()),
    ("I loved pitching to the director.", set(), {"s:kind-with-failure"}),
    # The word sets these features read live in the pack: "a few weeks" is an amount of
    # time, "So" opens a statement asked as a question, "would have hoped" is a wish.
    ("A few weeks on and still nothing.", {"s:elapsed-and-nothing"}, set()),
    ("So my email never reached anyone?", {"s:statement-question"}, set()),
    ("I would have hoped for a short reply.", {"s:would-have-liked"}, set()),
    # A negation does not reach into the next coordinated clause.
    ("The portal did not load and nobody answered my calls.", {"ca:nothing-yet@reader"},
     {"ca:nothing-yet-not@reader"}),
    ("I don't think the panel was rude.", {"c:evaluative-strong-not"}, {"c:evaluative-strong"}),
    # Who or what an evaluative word describes.
    ("The second interviewer was rude.", {"c:evaluative-strong#said-of"}, set()),
    ("We fixed a confusing checkout flow.", {"c:evaluative-strong#attribute"},
     {"c:evaluative-strong#said-of"}),
])
def test_implication_features(features, text: str, present: set[str], absent: set[str]) -> None:
    found = features(text)
    assert present <= found, sorted(found)
    assert not absent & found, sorted(absent & found)


@pytest.mark.parametrize(("phrase", "tokens"), [
    ("i'm sure", ("i", "'m", "sure")),
    ("can't wait any", ("ca", "n't", "wait", "any")),
    ("salary doesn't", ("salary", "does", "n't")),
    ("nights, weekends", ("nights", ",", "weekends")),
    ("24/7", ("24/7",)),
    ("o'clock", ("o'clock",)),
])
def test_lexicon_phrases_split_like_spacy_tokens(phrase: str, tokens: tuple[str, ...]) -> None:
    assert phrase_tokens(phrase) == tokens
