"""FL204 too-many-questions: more questions than a reader will answer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity
from followup_lint.core.text import span_containing

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft

_QUESTION_RE = re.compile(r"\?+")


class TooManyQuestions(Rule):
    """More questions than a busy reader will answer in one reply.

    One clear, low-pressure ask works best ("Is there anything else I can
    send you?"). A list of questions turns a thank-you into homework, and the
    reader often answers none of them. A run of marks ("??") counts once; the
    finding sits on the question past the limit.
    """

    code = "FL204"
    name = "too-many-questions"
    group = "content"
    severity = Severity.INFO
    needs = frozenset({"senter"})
    examples = Examples(
        flags=("Thank you for Tuesday. When will you decide? Who else is interviewing? "
               "Did my answer on pricing make sense? Should I send references?",),
        passes=("Thank you for Tuesday. Is there anything else I can send you?",),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of too-many-questions."""

        max_questions: int = 3

    def check(self, draft: Draft, options: Options, context: RuleContext) -> Iterator[Hit]:
        """Report the first question past ``max-questions`` in the body."""
        marks = [m.start() for m in _QUESTION_RE.finditer(draft.prose)]
        if len(marks) <= options.max_questions:
            return
        at = marks[options.max_questions]
        start, end = at, at + 1
        sentence = span_containing(draft.sentences, at)
        if sentence is not None:
            start, end = sentence.start_char, sentence.end_char
        yield Hit(start, end,
                  f"The body asks {len(marks)} questions; one clear ask gets a better answer "
                  f"than {len(marks)}.",
                  "Keep the one question that matters most and drop or fold in the rest.")
