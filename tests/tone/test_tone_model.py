"""The tone model: what it flags, what it leaves alone, how it explains, how it ships."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from followup_lint.tone import train as train_module
from followup_lint.tone.model import FINE, load_model
from followup_lint.tone.train import main as train

from .test_sentence_bank import SENTENCE_LINE, lint_sentence


@pytest.mark.parametrize(("sentence", "code", "word"), [
    # The three sentences VADER scores as mild (issue 12).
    ("My last job was a nightmare and the people there were awful.", "FL101", "nightmare"),
    ("I found the second interviewer rather rude.", "FL101", "rude"),
    ("I know I completely blew the technical question.", "FL101", "blew"),
    ("Why is this taking so long?", "FL101", "Why"),
    ("If I don't get an answer soon, I'll take this up with your CEO.", "FL101", "CEO"),
    ("I'm being kicked out of my apartment at the end of the month.", "FL102", "kicked"),
])
def test_flags_what_sentiment_misses_and_names_the_words(lint, sentence, code, word) -> None:
    findings = [f for f in lint_sentence(lint, sentence) if f.code == code]
    assert findings, sentence
    assert findings[0].line == SENTENCE_LINE
    assert any(word in f.message for f in findings), [f.message for f in findings]
    assert all(f.suggestion for f in findings)


@pytest.mark.parametrize("sentence", [
    "In my last role I fixed a critical bug in the billing service.",
    "We finally killed off the legacy batch jobs last spring.",
    "I wrote most of the outage postmortem and the alerting fixes.",
    "I understand the decision may take a few weeks.",
    "You said you'd decide within two weeks, so I wanted to check in.",
    "Unfortunately I forgot to ask about the team's release process.",
    "Thank you so much for the warm welcome!",
])
def test_leaves_work_talk_calm_questions_and_courtesy_alone(lint, sentence: str) -> None:
    assert lint_sentence(lint, sentence) == []


@pytest.mark.parametrize(("sentence", "word"), [
    ("Kindly respond urgently with the outcome of my interview.", "urgently"),
    ("I have emailed your team four times since Monday, so please reply.", "four times"),
])
def test_a_mild_cue_the_model_agrees_with_is_reported(lint, sentence: str, word: str) -> None:
    # A mild desperation cue (weight 0.5) alone stays quiet; once the model flags its
    # sentence too, the cue's more specific message is reported, not swallowed.
    findings = [f for f in lint_sentence(lint, sentence) if f.code == "FL102"]
    assert [f.line for f in findings] == [SENTENCE_LINE], findings
    assert word in findings[0].message


def test_a_mild_cue_alone_stays_quiet(lint) -> None:
    assert lint_sentence(lint, "I can start immediately if the team needs me to.") == []


def test_a_question_that_ends_a_paragraph_is_judged_alone(lint) -> None:
    # The parser runs "...reading my emails?" and the next paragraph's "I look forward
    # to..." into one sentence; the judge splits at the blank line, so the question keeps
    # its "?" and is read as the reproach it is.
    findings = lint_sentence(lint, "Is anyone actually reading my emails?")
    assert [(f.code, f.line) for f in findings] == [("FL101", SENTENCE_LINE)]
    assert "actually" in findings[0].message


def test_the_shipped_weights_load_offline_with_every_label() -> None:
    model = load_model()
    assert FINE in model.labels
    assert {"complaint", "accusation", "sarcasm", "threat", "lecturing", "self-deprecation",
            "criticism", "pleading", "pressure", "oversharing", "working-for-free"} <= set(
                model.labels)
    assert 0.5 <= model.threshold < 1
    assert model.trained["command"] == "python -m followup_lint.tone.train"


def test_training_is_one_command_and_writes_loadable_weights(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A slice: the shipped bank joins 12,000 two-clause sentences, which on this small bank
    # are ~7,000 distinct ones to parse (20 s); 60 joins still take the composing path.
    monkeypatch.setattr(train_module, "COMPOSED", 60)
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "t.yaml").write_text(
        "slots: {x: [Friday, Monday, Tuesday]}\n"
        "classes:\n"
        "  pressure: ['I need an answer by {x} [at the latest|, no later|].']\n"
        "  fine: ['I enjoyed our talk on {x} [about the roadmap|about hiring|].']\n",
        encoding="utf-8")
    out = tmp_path / "w.json.gz"
    assert train(["--bank", str(bank), "--test-bank", str(tmp_path / "none.yaml"),
                  "--out", str(out), "--epochs", "20"]) == 0
    model = load_model(out)
    assert set(model.labels) == {FINE, "pressure"}


@pytest.mark.slow
@pytest.mark.xdist_group("wheel")  # the one wheel the session builds (conftest)
def test_the_wheel_ships_the_weights(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "followup_lint/tone/weights.json.gz" in names
    assert "followup_lint/tone/weights.json.gz.fast" in names
