"""FL402 shouting: exclamation runs, capitals for emphasis, emoji."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup_lint.findings import Hit, Severity
from followup_lint.rule import Examples, Rule, RuleContext

if TYPE_CHECKING:
    from followup_lint.draft import Draft

OWN_WORDS = ("subject", "greeting", "body", "signoff")
MULTI_BANG = re.compile(r"!{2,}|[!?]*![!?]*\?[!?]*|\?!")
SINGLE_BANG = re.compile(r"(?<![!?])!(?![!?])")
CAPS_WORD = re.compile(r"(?<![\w&'’-])[A-Z][A-Z'’]*[A-Z](?![\w&'’-])")
#: Parts of speech that carry emphasis when written in capitals ("I NEED this",
#: "REALLY excited", "look AMAZING"). Acronyms are nouns and proper nouns.
EMPHASIS_POS = {"ADV", "ADJ", "VERB", "AUX", "INTJ", "PRON", "DET", "ADP", "CCONJ", "SCONJ",
                "PART"}


def _emoji_pattern() -> re.Pattern[str]:
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
        self._stop = {w.upper() for w in context.nlp.Defaults.stop_words}

    def check(self, draft: Draft, options: Options, context: RuleContext) -> Iterator[Hit]:
        """Report exclamation runs, emoji, emphatic capitals and too many exclamations."""
        for offset, text in draft.own_text(*OWN_WORDS):
            for m in MULTI_BANG.finditer(text):
                yield Hit(offset + m.start(), offset + m.end(),
                          f'"{m.group()}" reads as shouting; one mark is enough.',
                          "Use a single full stop or one exclamation mark.",
                          "?" if "?" in m.group() else "!")
            for m in self._emoji.finditer(text):
                yield Hit(offset + m.start(), offset + m.end(),
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
                if word.upper() in self._known or len(word.strip("'’")) < 2:
                    continue
                pos = tags.get(start)
                emphatic = pos in EMPHASIS_POS if pos else word in self._stop or len(word) >= 5
                if emphatic:
                    yield Hit(start, start + len(word),
                              f'"{word}" in capitals reads as shouting.',
                              f'Write "{word.lower()}" in lower case; the sentence can carry '
                              "the emphasis.", word.lower())

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
        for sentence in draft.sentences:
            if sentence.start_char <= offset < sentence.end_char:
                return sentence.start_char, sentence.end_char
        line_start = draft.text.rfind("\n", 0, offset) + 1
        return line_start, offset + 1

