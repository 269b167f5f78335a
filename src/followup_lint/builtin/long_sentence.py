"""FL202 long-sentence: a sentence longer than a reader takes in at one go."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity
from followup_lint.core.text import words

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft

LONG = ("I wanted to write to thank you again for taking so much time on Tuesday afternoon to "
        "walk me through the way the regional planning team gathers, cleans and publishes the "
        "ridership data that the board then uses to decide where the new bus routes should go "
        "next year.")


class LongSentence(Rule):
    """A sentence longer than a reader takes in at one go.

    A follow-up is read on a phone between meetings. Past about 35 words a
    sentence makes the reader hold too much in mind, and the point (the
    thank-you, the detail, the ask) gets lost. Split it in two.
    """

    code = "FL202"
    name = "long-sentence"
    group = "length"
    severity = Severity.INFO
    needs = frozenset({"senter"})
    examples = Examples(
        flags=(LONG,),
        passes=("Thank you for Tuesday. I enjoyed hearing how the board uses the ridership "
                "data to plan new bus routes.",),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of long-sentence."""

        max_words: int = 35

    def check(self, draft: Draft, options: Options, context: RuleContext) -> Iterator[Hit]:
        """Report each body sentence of more than ``max-words`` words."""
        for sentence in draft.sentences:
            count = len(words(sentence.text))
            if count > options.max_words:
                yield Hit(sentence.start_char, sentence.end_char,
                          f"This sentence is {count} words long; a reader takes in "
                          f"{options.max_words} or fewer at a time.",
                          "Split it into two sentences, each with one point.")
