"""FL203 hard-to-read: the body reads above the grade level that busy readers answer.

The reading grade is the Flesch-Kincaid formula of textstat 0.7.8; by default
its syllables come from Pyphen (the same count as the score's statistics),
because textstat's default path loads the CMU pronouncing dictionary (about
1.2 s on first use, more than the whole lint of a draft). ``syllables:
cmudict`` asks for textstat's exact path, and only then is textstat imported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.errors import ConfigError
from followup_lint.core.findings import Hit, Severity
from followup_lint.core.text import flesch_kincaid_grade
from followup_lint.core.text import words as words_of

if TYPE_CHECKING:
    from spacy.tokens import Span

    from followup_lint.draft.parsed import Draft


class HardToRead(Rule):
    """The body reads far denser than professional email, at a reading grade above 16.

    Plain, short emails get more replies, but a grade of 10 to 14 is normal
    for a well-written professional follow-up (a law associate's thank-you
    reads at about 14): measured on the 372 drafts in the corpora, a limit of
    10 fired on 98, almost all of them fine. Above 16 (past a college
    graduate's level) the grade means stacked clauses and long abstract words
    that a busy reader skims. The grade is textstat's Flesch-Kincaid grade of
    the body; the finding names the hardest sentence, the best place to start.
    """

    code = "FL203"
    name = "hard-to-read"
    group = "length"
    severity = Severity.INFO
    needs = frozenset({"senter"})
    examples = Examples(
        flags=("Thank you for the conversation regarding the organizational transformation "
               "initiative. Your characterization of the interdepartmental communication "
               "difficulties was particularly illuminating. I anticipate contributing "
               "considerable analytical capability to the modernization programme.",),
        passes=("Thank you for Tuesday's talk about the new bus routes. I liked how you use "
                "rider counts to pick where buses go. I would be glad to help with that work.",),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of hard-to-read."""

        #: Flesch-Kincaid grade above which the body is reported (10-14 is usual in this genre).
        max_grade: float = 16.0
        #: Shorter bodies are skipped: a grade over two sentences says little.
        min_words: int = 25
        #: pyphen (fast; the score uses it too) or cmudict (textstat's exact path, ~1.2 s to load).
        syllables: str = "pyphen"

    def check(self, draft: Draft, options: Options, context: RuleContext) -> Iterator[Hit]:
        """Report the hardest sentence when the body's grade is above ``max-grade``."""
        if options.syllables not in ("pyphen", "cmudict"):
            raise ConfigError("FL203 hard-to-read: option 'syllables' must be pyphen or cmudict")
        sentences = [(s, words_of(s.text)) for s in draft.sentences]
        sentences = [(s, w) for s, w in sentences if w]
        total_words = sum(len(w) for _, w in sentences)
        if total_words < options.min_words:
            return
        count = _syllable_counter(options.syllables)
        syllables = [sum(count(word) for word in w) for _, w in sentences]
        grade = flesch_kincaid_grade(total_words, len(sentences), sum(syllables))
        if grade <= options.max_grade:
            return
        hardest, _ = max(
            ((s, flesch_kincaid_grade(len(w), 1, n))
             for (s, w), n in zip(sentences, syllables, strict=True)),
            key=lambda pair: pair[1],
        )
        yield Hit(hardest.start_char, hardest.end_char,
                  f"The body reads at grade {grade:.1f} (Flesch-Kincaid), denser than "
                  f"professional email usually is (grade {options.max_grade:g} or lower); "
                  "this is the hardest sentence.",
                  _suggestion(hardest))


def _suggestion(sentence: Span) -> str:
    longest = sorted({t.text for t in sentence if t.is_alpha and len(t.text) >= 11},
                     key=lambda w: (-len(w), w))[:2]  # ties alphabetical: same output every run
    plain = f" and plainer words for {' and '.join(repr(w) for w in longest)}" if longest else ""
    return f"Use shorter sentences{plain}; write it as you would say it."


@lru_cache(maxsize=2)
def _syllable_counter(source: str) -> Any:
    """Return a function word -> syllables; textstat (and its cmudict) only when asked for.

    The default is the same pyphen count the score's statistics use, so the
    grade this rule reports and the grade ``--score`` shows agree.
    """
    if source == "cmudict":
        import textstat

        return lambda word: max(textstat.syllable_count(word), 1)
    from followup_lint.draft.body_stats import syllable_count

    return syllable_count
