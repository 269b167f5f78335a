"""FL501 late-thank-you: a thank-you that goes out days after the interview."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup_lint.checking.cross_draft import field_span
from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity
from followup_lint.core.text import line_span
from followup_lint.draft.dates import days_between, hours_between, show
from followup_lint.draft.kind_guess import draft_kind

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft


class LateThankYou(Rule):
    """A thank-you sent more than 48 hours after the interview, or dated before it.

    Interviewers compare candidates while the conversation is fresh: a
    thank-you within a day is remembered with the interview; after two days
    it arrives when the decision may already be made. The rule needs both
    dates (``interview_date`` and ``date``, or ``--interview-date`` and
    ``--send-date`` for one draft) and never guesses one. When either is only
    a day, it counts calendar days: two days after is a note (info), three or
    more a warning.
    """

    code = "FL501"
    name = "late-thank-you"
    group = "timing"
    severity = Severity.WARNING
    needs = frozenset()  # reads the metadata only
    examples = Examples(
        flags=("---\ninterview_date: 2026-11-03\ndate: 2026-11-09\n---\n"
               "Thank you for the interview on Tuesday.",
               "---\ninterview_date: 2026-11-03T10:00\ndate: 2026-11-04T16:00\n---\n"
               "Thank you for the interview this morning... yesterday.",
               "---\ninterview_date: 2026-11-03\ndate: 2026-11-01\n---\n"
               "Thank you for the interview on Tuesday."),
        passes=("---\ninterview_date: 2026-11-03\ndate: 2026-11-04\n---\n"
                "Thank you for the interview on Tuesday.",
                "---\ninterview_date: 2026-11-03\ndate: 2026-11-12\n---\n"
                "I'm following up on my interview last week for the planner role.",
                "Thank you for the interview on Tuesday."),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of late-thank-you."""

        #: Later than this many hours is a warning.
        warn_hours: int = 48
        #: Later than this (up to warn-hours) is a note.
        info_hours: int = 24

    def check(self, draft: Draft, options: Options, context: RuleContext) -> Iterator[Hit]:
        """Compare the send date with the interview date of a thank-you."""
        info = draft.info
        if info.interview_date is None or info.date is None:
            return
        if draft_kind(draft, context.lexicons) != "thank-you":
            return
        start, end = field_span(draft, "date") or _first_line(draft)
        hours = hours_between(info.interview_date, info.date)
        days = days_between(info.interview_date, info.date)
        interview, sent = show(info.interview_date), show(info.date)
        if (hours if hours is not None else days) < 0:
            yield Hit(start, end,
                      f"This thank-you is dated {sent}, before the interview on {interview}.",
                      "Check the date and the interview date: a thank-you goes out after the "
                      "interview.")
            return
        if hours is not None:
            late_warn, late_info = hours > options.warn_hours, hours > options.info_hours
            gap = f"{hours:.0f} hours"
        else:
            late_warn = days * 24 > options.warn_hours
            late_info = days * 24 > options.info_hours
            gap = f"{days} days"
        if not (late_warn or late_info):
            return
        yield Hit(start, end,
                  f"This thank-you goes out {gap} after the interview on {interview}; "
                  f"send it within {options.info_hours} hours while you are fresh in mind.",
                  "Send it today, and keep it short; if it is very late, lead with a specific "
                  "detail from the conversation rather than an apology.",
                  None if late_warn else Severity.INFO)


def _first_line(draft: Draft) -> tuple[int, int]:
    return line_span(draft.text, draft.body_start if draft.body_start < len(draft.text) else 0)
