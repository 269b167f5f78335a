"""What FL502 and FL503 share: one recipient's dated drafts in order, and how to name them.

Drafts go to one recipient when they share ``to`` (or ``company`` and
``interviewer``), and are ordered by ``date``. Undated drafts and drafts that
do not say who they are to are left out: the rules never guess a date or a
recipient.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from followup_lint.checking.cross_draft import Summary
from followup_lint.draft.dates import instant

THANKS = ("---\nto: Dana Cho <dana@example.com>\ndate: 2026-11-04\n---\n"
          "Thank you for Tuesday's interview about the planner role.")
NUDGE = ("---\nto: Dana Cho <dana@example.com>\ndate: {date}\n---\n"
         "I'm following up on my interview for the planner role.")


def by_recipient(summaries: Sequence[Summary]) -> Iterator[list[Summary]]:
    """Yield, per recipient, their dated drafts in date order (then by path)."""
    groups: dict[str, list[Summary]] = {}
    for summary in summaries:
        if summary.recipient and summary.info.date is not None:
            groups.setdefault(summary.recipient, []).append(summary)
    for key in sorted(groups):
        yield sorted(groups[key], key=lambda s: (instant(s.info.date), s.source))  # type: ignore[arg-type]


def who(summary: Summary) -> str:
    """Return the recipient as a person would say it."""
    return summary.info.addressee or summary.info.to or summary.recipient or "this recipient"
