"""FL602 doubled-word: the same word twice in a row ("the the")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft

OWN_WORDS = ("subject", "greeting", "body", "signoff")
DOUBLED = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’]*)([ \t]+|[ \t]*\r?\n[ \t]*)(\1)(?![\w'’-])",
                     re.IGNORECASE)


class DoubledWord(Rule):
    """The same word twice in a row.

    "Thank you for the the interview" is the typo a spell checker misses
    and the reader does not: it happens when a sentence is rewritten or
    wraps onto the next line. Words that are correct twice ("I had had",
    "that that") are listed in the ``doubled-words-allowed`` lexicon. The
    fix (keep one) is applied by ``--fix``.
    """

    code = "FL602"
    name = "doubled-word"
    group = "proofreading"
    severity = Severity.WARNING
    examples = Examples(
        flags=("Thank you for the the interview on Tuesday.",
               "I enjoyed hearing about the\nthe launch plan."),
        passes=("I had had a long week, but the interview was the highlight.",),
    )

    def prepare(self, context: RuleContext) -> None:
        """Read the words that may be doubled."""
        self._allowed = {str(w).lower() for w in context.lexicon("doubled-words-allowed")}

    def check(self, draft: Draft, options: object, context: RuleContext) -> Iterator[Hit]:
        """Report each word written twice in a row, with the second one as the fix to drop."""
        for offset, text in draft.own_text(*OWN_WORDS):
            for m in DOUBLED.finditer(text):
                first, second = m.group(1), m.group(3)
                if first.lower() in self._allowed:
                    continue
                yield Hit(offset + m.start(), offset + m.end(),
                          f'"{first}" is written twice in a row.',
                          f'Keep one "{first}".', replacement=first,
                          safe=first == second)
