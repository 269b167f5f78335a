"""The shared text idioms (core/text.py): one definition each, used by every rule."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from followup_lint.checking.rule import GROUPS as RULE_GROUPS
from followup_lint.config.files import Settings
from followup_lint.core.text import (
    DEFAULT_EXTENSIONS,
    GREETING_OPENER,
    GREETING_WORDS,
    GROUPS,
    SCORED_GROUPS,
    flesch_kincaid_grade,
    is_counted_word,
    line_span,
    span_containing,
    words,
)
from followup_lint.output.score import GROUPS as SCORE_GROUPS
from followup_lint.reading.regions import GREETING_RE


def test_a_word_keeps_inner_apostrophes_and_hyphens() -> None:
    assert words("I’m keen on the on-time rate, Q3's 40% -- and_more!") == [
        "I’m", "keen", "on", "the", "on-time", "rate", "Q3's", "40", "and", "more"]


@pytest.mark.parametrize(("token", "counted"), [("Q3's", True), ("—", False), ("(1)", True),
                                                ("...", False), ("40%", True)])
def test_body_word_count_counts_tokens_with_a_letter_or_digit(token: str, counted: bool) -> None:
    assert is_counted_word(token) is counted


@pytest.mark.parametrize("line", ["Hi Dana,", "Hiya Sam,", "Greetings,", "Dear Ms. Cho,",
                                  "Good morning Dana,", "hello team"])
def test_every_greeting_opener_opens_a_greeting_region(line: str) -> None:
    assert GREETING_RE.match(line)
    assert re.match(GREETING_OPENER, line, re.IGNORECASE)
    assert line.split()[0].lower().strip(",") in GREETING_WORDS


def test_line_span_stops_before_lf_or_crlf() -> None:
    text = "ab\r\ncd\nef"
    assert line_span(text, 0) == (0, 2)
    assert line_span(text, 4) == (4, 6)
    assert line_span(text, 7) == (7, 9)
    assert line_span(text, 9) == (9, 9)


@dataclass(frozen=True)
class Span:
    start_char: int
    end_char: int


def test_span_containing_an_offset() -> None:
    spans = [Span(0, 5), Span(6, 10)]
    assert span_containing(spans, 0) == Span(0, 5)
    assert span_containing(spans, 7) == Span(6, 10)
    assert span_containing(spans, 5) is None and span_containing(spans, 10) is None


def test_flesch_kincaid_formula() -> None:
    # 0.39 * 10 / 2 + 11.8 * 15 / 10 - 15.59 = 1.95 + 17.7 - 15.59 = 4.06
    assert flesch_kincaid_grade(10, 2, 15) == pytest.approx(4.06)


def test_groups_and_extensions_have_one_home() -> None:
    assert RULE_GROUPS is GROUPS
    assert SCORE_GROUPS == SCORED_GROUPS == ("tone", "content", "length", "form", "timing",
                                             "proofreading")
    assert Settings().extensions == DEFAULT_EXTENSIONS == (".txt", ".md", ".eml", ".mbox")
