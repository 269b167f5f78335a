"""FL201 too-long: the body runs longer than a busy reader will finish."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity
from followup_lint.core.text import span_containing

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft


class TooLong(Rule):
    """The body has more words than a busy reader will finish.

    Replies fall off as emails grow: the best-answered notes are 50 to 125
    words, and career guides put a thank-you at 150 to 200. Only body words
    count: not the subject, greeting, sign-off, signature or quoted replies.
    The finding sits on the sentence that crosses the limit.
    """

    code = "FL201"
    name = "too-long"
    group = "length"
    severity = Severity.WARNING
    needs = frozenset({"senter"})
    examples = Examples(
        flags=("Thank you for the interview and for the tour of the plant. " * 20,),
        passes=("Thank you for the tour of the Dayton plant and for the talk about line six.",),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of too-long."""

        max_words: int = 200

    def check(self, draft: Draft, options: Options, context: RuleContext) -> Iterator[Hit]:
        """Report the sentence in which the body's word count passes ``max-words``."""
        words = draft.words
        if len(words) <= options.max_words:
            return
        crossing_start, crossing_end = words[options.max_words]
        start, end = crossing_start, crossing_end
        sentence = span_containing(draft.sentences, crossing_start)
        if sentence is not None:
            start, end = sentence.start_char, sentence.end_char
        message = (f"The body is {len(words)} words; aim for {options.max_words} or fewer "
                   f"(this sentence crosses the limit).")
        suggestion = (f"Cut about {len(words) - options.max_words} words: keep the thank-you, "
                      "one specific detail, why you fit, and a short close.")
        yield Hit(start, end, message, suggestion)
