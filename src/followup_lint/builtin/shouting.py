"""FL402 shouting: exclamation runs, capitals for emphasis, emoji."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.english_words import is_english_word, sentiment_words
from followup_lint.core.findings import Hit, Severity
from followup_lint.core.text import span_containing

if TYPE_CHECKING:
    import regex

    from followup_lint.draft.parsed import Draft

OWN_WORDS = ("subject", "greeting", "body", "signoff")
MULTI_BANG = re.compile(r"[!‼⁉]{2,}|[!?]*![!?]*\?[!?]*|\?!|[‼⁉]")
SINGLE_BANG = re.compile(r"(?<![!?])!(?![!?])")
#: Parts of speech of names and things: capitals on these are acronyms, not emphasis.
NAMING_POS = {"PROPN", "NOUN", "NUM", "X", "SYM"}
SLOT_EDGES = "%<>{}[]_$"
CAPS_WORD = re.compile(r"(?<![\w&'’-])[A-Z][A-Z'’]*[A-Z](?![\w&'’-])")
#: "10 AM", "9:30 PM": times of day, not emphasis.
TIME_OF_DAY = re.compile(r"\d(?::\d\d)?\s*$")
#: Letter labels before a colon ("RE: the role", "FWD:", "ATTN:"), not emphasis.
LABELS = frozenset({"RE", "FW", "FWD", "ATTN", "CC", "BCC", "PS", "NB", "TO", "FROM", "SUBJECT"})


def _emoji_pattern() -> regex.Pattern[str]:
    import regex

    return regex.compile(r"(?![©®™‼⁉])\p{Extended_Pictographic}\uFE0F?|[\U0001F1E6-\U0001F1FF]{2}")


class Shouting(Rule):
    """Exclamation runs, words in capitals for emphasis, or emoji.

    A follow-up is a professional note. "!!", a string of exclamation
    sentences, capitals for emphasis ("I am SO excited") and emoji read as
    shouting or as a text to a friend. Acronyms (SQL, HR, NYC, ICU, PhD) are
    not shouting, and neither is a single closing exclamation.
    """

    code = "FL402"
    name = "shouting"
    group = "form"
    severity = Severity.WARNING
    needs = frozenset({"senter", "attribute_ruler"})  # sentences, POS
    examples = Examples(
        flags=("Thank you so much for the interview!! I am REALLY excited about the role.",
               "Thanks for the chat 😊 I loved hearing about the menu."),
        passes=("Thank you for walking me through the SQL pipeline and the HR tooling. "
                "I look forward to hearing from you!",),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of shouting."""

        max_exclamations: int = 2

    def prepare(self, context: RuleContext) -> None:
        """Compile the emoji pattern and the word lists once."""
        self._emoji = _emoji_pattern()
        self._known = {w.upper() for w in context.lexicon("acronyms")}
        self._known |= {w.upper() for w in context.lexicon("placeholder-words")}
        self._stop = {w.lower() for w in context.nlp.Defaults.stop_words}

    def check(self, draft: Draft, options: Options, context: RuleContext) -> Iterator[Hit]:
        """Report exclamation runs, emoji, emphatic capitals and too many exclamations."""
        for offset, text in draft.own_text(*OWN_WORDS):
            for m in MULTI_BANG.finditer(text):
                yield Hit(offset + m.start(), offset + m.end(),
                          f'"{m.group()}" reads as shouting; one mark is enough.',
                          "Use a single full stop or one exclamation mark.",
                          replacement="?" if "?" in m.group() or "⁉" in m.group() else "!")
            for emoji in self._emoji.finditer(text):
                yield Hit(offset + emoji.start(), offset + emoji.end(),
                          "Emoji read as casual in a follow-up to an interviewer.",
                          "Remove the emoji and let your words carry the warmth.")
        yield from self._capitals(draft)
        yield from self._exclamations(draft, options.max_exclamations)

    def _capitals(self, draft: Draft) -> Iterator[Hit]:
        tags = {t.idx: t.pos_ for t in draft.doc or () if t.is_upper}
        for offset, text in draft.own_text(*OWN_WORDS):
            for m in CAPS_WORD.finditer(text):
                word = m.group()
                start = offset + m.start()
                if (word.upper() in self._known or len(word.strip("'’")) < 2
                        or _in_template_slot(text, m.start(), m.end())
                        or _time_or_label(text, m.start(), m.end())):
                    continue
                if self._emphatic(word.strip("'’").lower(), tags.get(start)):
                    yield Hit(start, start + len(word),
                              f'"{word}" in capitals reads as shouting.',
                              f'Write "{word.lower()}" in lower case; the sentence can carry '
                              "the emphasis.", replacement=word.lower())

    def _emphatic(self, word: str, pos: str | None) -> bool:
        """Return True for an ordinary word written in capitals, not an acronym.

        Acronyms are mostly not dictionary words ("NDT", "FIFO"); some are
        ("DNS", "MIDI"), but those are nouns, while emphasis falls on verbs,
        adverbs, adjectives and feeling words ("I NEED", "SO much", "AMAZING").
        """
        if not is_english_word(word):
            return False
        if word in self._stop or word in sentiment_words():
            return True
        if pos is None:  # subject and greeting are not parsed
            return len(word) >= 5
        return pos not in NAMING_POS

    def _exclamations(self, draft: Draft, limit: int) -> Iterator[Hit]:
        """Report every exclamation sentence once a draft has more than ``limit`` of them."""
        spans: list[tuple[int, int]] = []
        for offset, text in draft.own_text("subject", "body"):
            for m in SINGLE_BANG.finditer(text):
                spans.append(self._sentence_around(draft, offset + m.start()))
        if len(spans) <= limit:
            return
        message = (f"{len(spans)} sentences end in an exclamation mark; more than {limit} "
                   "reads as shouting.")
        for start, end in spans:
            yield Hit(start, end, message, "Keep one exclamation mark at most, for the close.")

    @staticmethod
    def _sentence_around(draft: Draft, offset: int) -> tuple[int, int]:
        sentence = span_containing(draft.sentences, offset)
        if sentence is not None:
            return sentence.start_char, sentence.end_char
        line_start = draft.matching_text.rfind("\n", 0, offset) + 1
        return line_start, offset + 1


def _time_or_label(text: str, start: int, end: int) -> bool:
    """Return True for "AM"/"PM" after a time ("10 AM") or a label before a colon ("RE:")."""
    word = text[start:end]
    if word in ("AM", "PM") and TIME_OF_DAY.search(text[max(0, start - 8) : start]):
        return True
    return word in LABELS and text[end : end + 1] == ":"


def _in_template_slot(text: str, start: int, end: int) -> bool:
    """Return True for capitals inside a template slot (%DEPARTMENT%, <<AGENCY>>, TOPIC HERE).

    Those are placeholders, which the placeholder rule reports; calling them
    shouting as well would only repeat the same finding.
    """
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before in SLOT_EDGES or after in SLOT_EDGES:
        return True
    previous = text[:start].rstrip().rsplit(None, 1)[-1:] or [""]
    following = text[end:].lstrip().split(None, 1)[:1] or [""]
    return (following[0] == "HERE" or (text[start:end] == "HERE" and previous[0].isupper())
            or previous[0] == "INSERT")
