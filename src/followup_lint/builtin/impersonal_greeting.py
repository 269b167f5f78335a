"""FL403 impersonal-greeting: a form-letter greeting, or none, to someone you have met."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity
from followup_lint.core.text import line_span

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft


def normalize_greeting(text: str) -> str:
    """Return a greeting line lower-cased, without its closing punctuation or extra spaces."""
    return " ".join(text.lower().replace("’", "'").strip(" \t,:;!.—-").split())


class ImpersonalGreeting(Rule):
    """A form-letter greeting, or none, in a note to someone you have met.

    You have just spent an hour with the reader: "To whom it may concern" or
    "Dear Sir/Madam" reads as a template, always. "Hi there", "Dear Hiring
    Manager" or no greeting at all are fine when you do not know who will read
    the email, but impersonal when the metadata names the interviewer (the
    ``interviewer`` key, or a name in ``to``). The greeting words live in the
    ``stiff-greetings`` and ``generic-greetings`` lexicons.
    """

    code = "FL403"
    name = "impersonal-greeting"
    group = "form"
    severity = Severity.INFO
    needs = frozenset()  # reads the text only
    examples = Examples(
        flags=("To whom it may concern,\n\nThank you for the interview on Tuesday.",
               "---\ninterviewer: Dana Cho\n---\nHi there,\n\nThank you for Tuesday's talk.",
               "---\ninterviewer: Dana Cho\n---\nThank you for Tuesday's talk about the depot."),
        passes=("Hi Dana,\n\nThank you for the interview on Tuesday.",
                "Hi there,\n\nThank you for the interview on Tuesday.",
                "---\ninterviewer: Dana Cho\n---\nDear Ms. Cho,\n\nThank you for Tuesday."),
    )

    def check(self, draft: Draft, options: object, context: RuleContext) -> Iterator[Hit]:
        """Report a stiff greeting always, a generic or missing one when the reader is known."""
        stiff = {normalize_greeting(g) for g in context.lexicon("stiff-greetings")}
        generic = {normalize_greeting(g) for g in context.lexicon("generic-greetings")}
        known = draft.info.addressee
        greeting = draft.region("greeting")
        if greeting is None:
            if known and draft.body_start < len(draft.text):
                start, end = line_span(draft.text, draft.body_start)
                yield Hit(start, end,
                          f"There is no greeting; open with the interviewer's name "
                          f"(\"Hi {_first(known)},\").",
                          f"Add \"Hi {_first(known)},\" on its own line before the first "
                          "sentence.")
            return
        text = draft.text[greeting.start : greeting.end]
        said = normalize_greeting(text)
        shown = text.strip().rstrip(",:")
        if said in stiff:
            who = f"\"Dear {known},\"" if known else "the interviewer's name"
            yield Hit(greeting.start, greeting.end,
                      f"\"{shown}\" reads as a form letter; greet the person you met by name.",
                      f"Use {who} instead.")
        elif known and said in generic:
            yield Hit(greeting.start, greeting.end,
                      f"\"{shown}\" names nobody, but you know who you met: greet "
                      f"{known} by name.",
                      f"Use \"Hi {_first(known)},\" or \"Dear {known},\" instead.")


def _first(name: str) -> str:
    return re.split(r"\s+", name.strip())[0]

