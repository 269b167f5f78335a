"""Which spaCy components load for which rules (each rule's ``needs``), and that it is enough.

The model loads only what the enabled rules read, so a selection must load
everything its rules read: a rule that reads entities without declaring it
would find less with ``--select`` than in a default run.
"""

from __future__ import annotations

import json

import pytest

from followup_lint.checking.nlp import load_model, needs_of, pipeline_for
from followup_lint.checking.registry import build_registry

from .conftest import ROOT

FULL = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser", "ner"})
TONE = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser"})


def _components(*codes: str) -> frozenset[str]:
    registry = build_registry()
    rules = registry.select(list(codes) or None, [])
    return pipeline_for(needs_of(rule) for rule in rules)


@pytest.mark.parametrize(("codes", "expected"), [
    ((), FULL),  # the default rules read the whole pipeline (FL302 reads entities and the parse)
    (("FL401",), frozenset()),  # placeholders: the tokenizer only
    (("FL401", "FL403", "FL404", "FL501"), frozenset()),
    (("FL202",), frozenset({"parser"})),  # sentences come from the parser, not senter
    (("FL402",), frozenset({"parser", "tagger", "attribute_ruler"})),  # sentences and POS
    (("FL601",), FULL),  # entity names, sentence starts and lemmas
    (("FL601", "FL602", "FL603", "FL604"), FULL),
    (("FL602",), TONE),  # a rule that declares no needs gets what rules had before needs
    (("FL101",), TONE),
    (("FL102",), TONE | {"ner"}),  # two desperation cues need a DATE entity
    (("FL302",), FULL),
])
def test_components_loaded_for_a_selection(codes: tuple[str, ...],
                                           expected: frozenset[str]) -> None:
    assert _components(*codes) == expected


def test_the_loaded_model_runs_exactly_the_chosen_components() -> None:
    nlp = load_model(None, frozenset({"parser"}))
    assert [name for name in nlp.pipe_names if name != "tok2vec"] == ["parser"]
    doc = nlp("Thank you for the tour. I enjoyed it.")
    assert [s.text for s in doc.sents] == ["Thank you for the tour.", "I enjoyed it."]
    assert not doc.has_annotation("ENT_IOB") and not doc.has_annotation("LEMMA")


def test_a_selected_rule_finds_what_it_finds_in_a_default_run(cli) -> None:
    # "let me know by Wednesday" is a desperation cue only when Wednesday is a DATE entity.
    draft = str(ROOT / "tests" / "corpus-blind" / "drafts" / "b025.txt")

    def desperation(*args: str) -> list[tuple[int, int, str]]:
        found = json.loads(cli("--no-cache", "--format", "json", *args, draft).stdout)
        return [(f["line"], f["column"], f["message"]) for f in found if f["code"] == "FL102"]

    alone = desperation("--select", "FL102")
    assert alone == desperation()
    assert any("let me know by Wednesday" in message for _, _, message in alone)
