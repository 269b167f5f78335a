"""FL205 too-short: the draft has no body, or too little of one to send."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft


class TooShort(Rule):
    """The body is empty, or too short to be a follow-up.

    An empty file, a draft of only whitespace, only a greeting and signature,
    or only a closing "Thank you." has nothing in it the reader can act on,
    and a linter that stays quiet about it calls it ready to send. The body is
    counted as too-long counts it (greeting, sign-off, signature, headers and
    quoted replies left out). The other content rules stay quiet on an empty
    body: this one finding says all there is to say.
    """

    code = "FL205"
    name = "too-short"
    group = "length"
    severity = Severity.WARNING
    examples = Examples(
        flags=("", "Thank you.", "Thanks for Tuesday."),
        passes=("Thank you for the tour of the Dayton plant and for the talk about line six.",),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of too-short."""

        #: Bodies with fewer words than this are reported (0 words always is).
        min_words: int = 8

    def check(self, draft: Draft, options: Options, context: RuleContext) -> Iterator[Hit]:
        """Report a body of fewer than ``min-words`` words, at its start (or the file's)."""
        count = draft.word_count
        if count >= max(options.min_words, 1):
            return
        suggestion = ("Write two or three sentences: thank them for the interview, name one "
                      "thing you discussed, and say you look forward to hearing from them.")
        if count == 0:
            at = _first_text(draft.text)
            yield Hit(at, at, "There is nothing to send: this draft has no body beyond a "
                      "greeting or signature.", suggestion)
            return
        start, end = draft.words[0][0], draft.words[-1][1]
        yield Hit(start, end, f"The body is only {count} word{'s' if count != 1 else ''}; "
                  f"a follow-up needs at least {options.min_words} to say something.",
                  suggestion)


def _first_text(text: str) -> int:
    """Return the offset of the first non-blank character, or 0 for a blank file."""
    stripped = text.lstrip()
    return len(text) - len(stripped) if stripped else 0
