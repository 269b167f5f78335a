"""Our lazy reading of Pyphen's en_US patterns hyphenates every word exactly as Pyphen does."""

from __future__ import annotations

import re
from pathlib import Path

import pyphen
import pytest

from followup_lint.core.english_words import words_from_cmudict
from followup_lint.draft import hyphenation
from followup_lint.draft.hyphenation import Hyphenator, english_hyphenator

from .conftest import ROOT

CORPORA = [ROOT / "examples", *sorted(ROOT.glob("tests/corpus*")),
           ROOT.parent / "shared" / "corpus" / "drafts"]


def _corpus_words() -> set[str]:
    words: set[str] = set()
    for folder in CORPORA:
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    words.update(re.findall(r"\w+", path.read_text("utf-8", "replace")))
    return words


@pytest.mark.parametrize(("left", "right"), [(2, 1), (2, 2)])
def test_the_points_are_pyphen_s_on_corpus_and_dictionary_words(left: int, right: int) -> None:
    ours = english_hyphenator(left=left, right=right)
    assert isinstance(ours, Hyphenator)  # the en_US file needs no fallback
    theirs = pyphen.Pyphen(lang="en_US", left=left, right=right)
    words = sorted(_corpus_words()) + words_from_cmudict()[:: 3 if right == 1 else 11]
    words += ["", "a", "IEEE", "Ünïcødé", "co-operate", "ﬁnance", "x" * 60]
    assert len(words) > 15_000
    differ = [w for w in words if ours.positions(w) != theirs.positions(w)]
    assert not differ, differ[:20]


def test_a_pattern_file_pyphen_reads_differently_goes_to_pyphen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "pyphen"
    (package / "dictionaries").mkdir(parents=True)
    (package / "dictionaries" / "hyph_en_US.dic").write_text(
        "UTF-8\n1ba\nff1/f=f,1,2\n", encoding="utf-8")
    spec = type("Spec", (), {"submodule_search_locations": [str(package)]})()
    monkeypatch.setattr(hyphenation, "find_spec", lambda name: spec)
    english_hyphenator.cache_clear()
    try:
        assert isinstance(english_hyphenator(left=2, right=1), pyphen.Pyphen)
    finally:
        english_hyphenator.cache_clear()


def test_a_later_pattern_with_the_same_letters_wins_unless_it_is_all_zeros() -> None:
    assert Hyphenator(["a1b", "a3b", "a0b"], 1, 1).positions("ab") == [1]
    assert Hyphenator(["a1b", "a2b"], 1, 1).positions("ab") == []
    assert Hyphenator(["% comment", "LEFTHYPHENMIN 2", "1ba"], 0, 0).positions("ba") == [0]
