"""Proofreading (FL601-FL604): planted typos caught, names never misspellings."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SHARED, needs_shared

TYPOS = Path(__file__).parent / "proofreading" / "typos"
#: The typo planted in each test draft, with the line and column it sits at.
PLANTED = {
    "t01.md": ("oppurtunity", "opportunity"), "t02.txt": ("recieve", "receive"),
    "t03.txt": ("intrested", "interested"), "t04.eml": ("definately", "definitely"),
    "t05.md": ("beleive", "believe"), "t06.txt": ("managment", "management"),
    "t07.txt": ("collegues", "colleagues"), "t08.md": ("foward", "forward"),
    "t09.txt": ("seperate", "separate"), "t10.eml": ("discusion", "discussion"),
}


def test_every_planted_typo_is_caught_with_the_right_guess(lint) -> None:
    caught = {}
    for name in PLANTED:
        text = (TYPOS / name).read_text()
        found = [f for f in lint(text, name=name, codes=("FL601",))]
        lines = text.splitlines()
        caught[name] = [(lines[f.line - 1][f.column - 1 : f.end_column - 1], f.replacement)
                        for f in found]
    assert caught == {name: [pair] for name, pair in PLANTED.items()}


def test_names_from_metadata_greeting_signature_and_entities_are_not_misspellings(lint) -> None:
    text = ("---\nto: Adaeze Okonkwo <adaeze@example.com>\ncompany: Parcelly\n---\n"
            "Dear Adaeze,\n\nThank you for the tour of Parcelly's Eastgate depot. Tomasz "
            "Lindqvist showed me the Hadoop cluster and the onboarding runbook.\n\n"
            "Best regards,\nOluwaseun Abara\n")
    assert lint(text, name="d.md", codes=("FL601", "FL604")) == []


def test_the_user_word_list_silences_a_word(tmp_path: Path, cli) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Thank you for showing me the frobnicator on Tuesday.\n")
    first = cli("--select", "FL601", str(draft), cwd=tmp_path)
    assert first.stdout.startswith(f'{draft}:1:30: FL601 "frobnicator" looks misspelt')
    assert first.returncode == 1
    (tmp_path / ".followup-lint.toml").write_text('[rules.spelling]\nwords = ["frobnicator"]\n')
    second = cli("--select", "FL601", str(draft), cwd=tmp_path)
    assert (second.returncode, second.stdout) == (0, "")


def test_doubled_words_across_a_line_break_and_allowed_doubles(lint) -> None:
    text = "Thank you for the\nthe interview. I had had a long week; that that matters.\n"
    found = lint(text, codes=("FL602",))
    assert [(f.line, f.column, f.end_line, f.end_column, f.replacement, f.safe)
            for f in found] == [(1, 15, 2, 4, "the", True)]


def test_grammar_slips(lint) -> None:
    text = ("Thank you for the interview. It was a honor to meet the team, and I am looking "
            "forward to hear from you.\n")
    found = lint(text, codes=("FL603",))
    line = text.splitlines()[0]
    assert [(line[f.column - 1 : f.end_column - 1], f.replacement, f.safe) for f in found] == [
        ("a", "an", False), ("hear", "hearing", False)]


def test_a_name_spelt_two_ways(lint) -> None:
    text = ("---\ninterviewer: Katherine Oduya\ncompany: Brightline\n---\nDear Katherine,\n\n"
            "Thank you for the tour, Katherine. I would love to join Brigthline and work with "
            "Dan.\n\nBest,\nSam Patel\n")
    found = lint(text, name="d.md", codes=("FL604",))
    assert [(f.line, f.column, f.replacement) for f in found] == [(7, 57, "Brightline")]
    assert "Brightline" in found[0].message


@needs_shared()
@pytest.mark.xdist_group("corpora")  # reads the run test_corpus.py makes (corpus_results)
def test_no_false_alarm_on_the_shared_corpus_names_products_or_acronyms(
        corpus_results, registry) -> None:
    """The group flags no name, product or acronym in the 180 drafts of the shared corpus.

    What it does flag is listed: rare correct words Harper does not know (at most
    nine, such as "sommelier" and "syllabi"), and slips that are really there.
    """
    drafts = SHARED / "corpus" / "drafts"
    results = corpus_results(SHARED / "corpus")
    assert len(results) == 180
    codes = {r.code for r in registry.select(("proofreading",), ())}
    flagged: dict[str, list[str]] = {}
    for name, result in sorted(results.items()):
        lines = (drafts / name).read_text().splitlines()
        for f in result.findings:
            if f.code in codes:
                flagged.setdefault(f.code, []).append(
                    lines[f.line - 1][f.column - 1 : f.end_column - 1])
    words = flagged.get("FL601", [])
    assert all(w.islower() for w in words), words  # no name, product or acronym
    assert len(words) <= 9, words
    assert "FL604" not in flagged
    assert sorted(flagged.get("FL602", [])) == ["REALLY REALLY", "please please"]
    assert sorted(flagged.get("FL603", [])) == ["couple", "events", "hear", "hear"]


@pytest.mark.parametrize("code", ["FL601", "FL602", "FL603", "FL604"])
def test_the_group_is_on_by_default(registry, code: str) -> None:
    rule = registry.rules[code] if hasattr(registry, "rules") else None
    assert code in {r.code for r in registry.select(None, ())}
    assert rule is None or rule.group == "proofreading"


def test_without_harper_spelling_and_grammar_stay_silent_and_the_rest_works(
        registry, monkeypatch) -> None:
    from followup_lint.checking import proofreader
    from followup_lint.checking.engine import Linter
    from followup_lint.reading.reader import read_draft

    monkeypatch.setattr(proofreader, "available", lambda: False)
    # Fresh rule objects: the session's shared ones keep their engine.
    rules = [type(r)() for r in registry.sorted_rules() if r.group == "proofreading"]
    linter = Linter(rules, lexicons=registry.lexicons)
    text = "Thank you for the the oppurtunity. It was a honor.\n"
    (result,) = linter.lint([read_draft("d.txt", text.encode())])
    assert [f.code for f in result.findings] == ["FL602"]


def test_typos_in_the_subject_sign_off_and_unknown_lower_case_words(lint) -> None:
    text = ("Subject: Thnak you for the intervew\n\nHi Dana,\n\nThank you for Tuesday. I realy "
            "enjoyed it. Theo showed me the Okafor dashboard.\n\nBest regrads,\nSam\n")
    found = lint(text, codes=("FL601",))
    lines = text.splitlines()
    assert [(f.line, lines[f.line - 1][f.column - 1 : f.end_column - 1], f.replacement)
            for f in found] == [(1, "Thnak", "Thank"), (1, "intervew", "interview"),
                                (5, "realy", "really"), (7, "regrads", "regards")]


#: Misspellings from lists of the most common ones; the group must catch most.
COMMON = ["tommorow", "occured", "wierd", "accomodate", "neccessary", "recomend", "acheive",
          "begining", "beleive", "calender", "concious", "embarass", "existance", "goverment",
          "independant", "occurence", "persue", "reccomend", "sucessful", "truely", "wich",
          "thier", "teh", "arguement", "commited", "enviroment", "familar", "foriegn", "grammer",
          "harrass", "knowlege", "libary", "millenium", "noticable", "posession", "prefered",
          "recieved", "refered", "religous", "remeber", "seige", "tendancy", "tounge",
          "writting", "untill", "publically", "adress", "relevent"]


def test_common_misspellings_are_caught(lint) -> None:
    missed = [typo for typo in COMMON if not lint(
        f"Thank you for the chat. I think the {typo} part went well.\n",
        codes=("FL601", "FL603"))]
    # Harper's dictionary holds these four as words; the rest must be caught.
    assert missed == ["untill", "publically", "adress", "relevent"]


def test_the_interviewers_and_the_writers_own_name_spelt_another_way(lint) -> None:
    text = ("---\nto: Katherine Oduya <k@example.com>\nfrom: Jordan Reyes <j@example.com>\n---\n"
            "Hi Katherine,\n\nThank you, Katharine, for the tour and the Data team's demo. "
            "Jordon Reyes here, and Dan sends his thanks.\n\nBest,\nJordan Reyes\n")
    found = lint(text, name="d.md", codes=("FL604",))
    assert [(f.line, f.column, f.replacement, f.safe) for f in found] == [
        (7, 12, "Katherine", False), (7, 62, "Jordan", False)]
