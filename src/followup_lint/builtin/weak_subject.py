"""FL404 weak-subject: a subject line that is missing or says nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity
from followup_lint.core.text import words

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft



class WeakSubject(Rule):
    """A subject line that is missing, empty or says nothing.

    The subject is what decides whether an interviewer opens the email now,
    later or never. "Follow up", "Hi" or "Checking in!!!" could be anyone
    about anything; "Thank you - Data Analyst interview on Tuesday" is found
    again in a crowded inbox. A subject says nothing when every word is in
    the ``stock-subject-words`` lexicon. A missing subject counts only where
    a draft has one to give: an ``.eml`` or a draft with front matter.
    """

    code = "FL404"
    name = "weak-subject"
    group = "form"
    severity = Severity.WARNING
    needs = frozenset()  # reads the text only
    examples = Examples(
        flags=("Subject: Checking in!!!\n\nHi Dana,\n\nThank you for Tuesday.",
               "---\nto: Dana Cho <dana@example.com>\n---\nThank you for Tuesday's interview."),
        passes=("Subject: Thank you - Data Analyst interview\n\nThank you for Tuesday.",
                "Thank you for Tuesday's interview about the analyst role."),
    )

    def check(self, draft: Draft, options: object, context: RuleContext) -> Iterator[Hit]:
        """Report a missing subject (in headers or front matter) or one of stock words only."""
        stock = {str(w).lower() for w in context.lexicon("stock-subject-words")}
        subject = draft.info.subject
        region = draft.region("subject")
        if not subject:
            if draft.info.has_header:
                end = draft.text.find("\n")
                yield Hit(0, len(draft.text) if end < 0 else end,
                          "There is no subject line; say what the email is and which role "
                          "it is about.",
                          "Add a subject such as \"Thank you - <role> interview on <day>\".")
            return
        said = [w.lower().replace("’", "'") for w in words(subject)]
        if said and not all(w in stock for w in said):
            return
        start, end = (region.start, region.end) if region else (0, 0)
        yield Hit(start, end,
                  f"The subject \"{subject.strip()}\" says nothing about this email; name the "
                  "role and what the email is.",
                  "Try \"Thank you - <role> interview on <day>\" or \"Following up on the "
                  "<role> interview\".")
