"""The small text idioms every layer shares, each defined once.

What a word is, which words open a greeting, where a line ends, which
sentence holds an offset, the Flesch-Kincaid formula, the rule groups and
the file endings read by default. They used to be copied into the modules
that needed them and had drifted apart (one greeting list lacked "hiya", one
word pattern split "on-time" in two); keep them here and import them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol, TypeVar

#: The rule groups, in the order scores and reports show them. ``meta`` holds the
#: rules about followup-lint's own directives; it carries no score.
GROUPS = ("tone", "content", "length", "form", "timing", "meta", "proofreading")
#: The groups a send-readiness score adds up.
SCORED_GROUPS = tuple(g for g in GROUPS if g != "meta")

#: The endings read when a folder is walked, unless configuration says otherwise.
DEFAULT_EXTENSIONS = (".txt", ".md", ".eml", ".mbox")

#: Words that open a greeting line ("Hi Dana,", "Good morning Dana,").
GREETING_WORDS = ("hi", "hello", "hey", "hiya", "dear", "greetings", "good")
#: The same openers as a regular expression, for patterns that need the whole opener.
GREETING_OPENER = r"(?:hi|hello|hey|hiya|dear|greetings|good\s+(?:morning|afternoon|evening))"

#: A word: letters or digits, joined inside by apostrophes or hyphens ("I'm", "on-time").
WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def words(text: str) -> list[str]:
    """Return the words of a text (``WORD_RE``)."""
    return WORD_RE.findall(text)


def is_counted_word(token: str) -> bool:
    """Return whether a whitespace-separated token counts as a word of the body.

    The body's word count (too-long, statistics) follows the labelled corpus:
    every run of non-space characters holding a letter or a digit is a word,
    so "—" is not and "Q3's" is one.
    """
    return any(ch.isalnum() for ch in token)


def line_span(text: str, start: int) -> tuple[int, int]:
    """Return [start, end) of the line from ``start``, without its line break (LF or CRLF)."""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return start, end - 1 if end > start and text[end - 1] == "\r" else end


class CharSpan(Protocol):
    """Anything with a character span, such as a spaCy ``Span``."""

    @property
    def start_char(self) -> int:
        """Return the offset of the first character."""
        ...

    @property
    def end_char(self) -> int:
        """Return the offset just past the last character."""
        ...


S = TypeVar("S", bound=CharSpan)


def span_containing(spans: Iterable[S], offset: int) -> S | None:
    """Return the first span (a sentence, say) with ``start_char <= offset < end_char``."""
    return next((s for s in spans if s.start_char <= offset < s.end_char), None)


def flesch_kincaid_grade(words: int, sentences: int, syllables: int) -> float:
    """Return the Flesch-Kincaid grade level (unrounded), the formula textstat uses."""
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59
