"""FL502 early-nudge and FL503 too-many-follow-ups: how often one person hears from you.

Both look across the drafts of one run (they are ``CorpusRule``s): drafts go
to one recipient when they share ``to`` (or ``company`` and ``interviewer``),
and are ordered by ``date``. Undated drafts and drafts that do not say who
they are to are left out: the rules never guess a date or a recipient.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from followup_lint.corpus import CorpusHit, CorpusRule, RunExamples, Summary
from followup_lint.dates import When, day_of, days_apart, instant, show
from followup_lint.findings import Severity
from followup_lint.rule import RuleContext

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


class EarlyNudge(CorpusRule):
    """A check-in less than a week after your last email to the same person.

    Hiring takes time, and the advice is one polite check-in about a week
    after the thank-you. A nudge after two or three days reads as pressure.
    The rule compares each check-in with the previous email to the same
    recipient among the drafts being linted, and names it.
    """

    code = "FL502"
    name = "early-nudge"
    group = "timing"
    severity = Severity.WARNING
    examples = RunExamples(
        flags=((THANKS, NUDGE.format(date="2026-11-06")),),
        passes=((THANKS, NUDGE.format(date="2026-11-12")),
                (THANKS, NUDGE.format(date="2026-11-06").replace("Dana Cho <dana@", "Raj <raj@"))),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of early-nudge."""

        min_days: int = 7

    def check_corpus(self, summaries: Sequence[Summary], options: Options,
                     context: RuleContext) -> Iterator[CorpusHit]:
        """Report each check-in sent less than ``min-days`` after the previous email."""
        for group in by_recipient(summaries):
            for previous, current in pairwise(group):
                if current.kind != "check-in":
                    continue
                gap = days_apart(previous.info.date, current.info.date)  # type: ignore[arg-type]
                if gap >= options.min_days:
                    continue
                yield CorpusHit(
                    current.source, current.date_at,
                    f"This check-in to {who(current)} goes out {_days(gap)} after your last "
                    f"email, {previous.label()}; give them about {options.min_days} days.",
                    f"Hold it until {show(_plus(previous, options.min_days))} or later.",
                )


class TooManyFollowUps(CorpusRule):
    """More than two emails to the same person after one interview.

    One thoughtful email, then at most one polite nudge: a third and a
    fourth message do not speed a decision and can end a candidacy. Emails
    count per recipient and per interview (a later ``interview_date`` starts
    the count again); the finding names the earlier emails.
    """

    code = "FL503"
    name = "too-many-follow-ups"
    group = "timing"
    severity = Severity.WARNING
    examples = RunExamples(
        flags=((THANKS, NUDGE.format(date="2026-11-12"), NUDGE.format(date="2026-11-20")),),
        passes=((THANKS, NUDGE.format(date="2026-11-12")),),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of too-many-follow-ups."""

        max_follow_ups: int = 2

    def check_corpus(self, summaries: Sequence[Summary], options: Options,
                     context: RuleContext) -> Iterator[CorpusHit]:
        """Report each email past ``max-follow-ups`` to one recipient after one interview."""
        for group in by_recipient(summaries):
            for run in _per_interview(group):
                for index, current in enumerate(run):
                    if index < options.max_follow_ups:
                        continue
                    earlier = ", ".join(s.label() for s in run[:index])
                    yield CorpusHit(
                        current.source, current.date_at,
                        f"This is email {index + 1} to {who(current)} after one interview "
                        f"(earlier: {earlier}); {options.max_follow_ups} is the most that helps.",
                        "Don't send it: if there is still no answer, turn your time to other "
                        "openings and let them come back to you.",
                    )


def _per_interview(group: list[Summary]) -> Iterator[list[Summary]]:
    """Split one recipient's emails where a later interview date starts a new round."""
    run: list[Summary] = []
    current = None
    for summary in group:
        interview = summary.info.interview_date
        if interview is not None:
            day = day_of(interview)
            if current is not None and day > current and run:
                yield run
                run = []
            current = day if current is None else max(current, day)
        run.append(summary)
    if run:
        yield run


def _days(gap: float) -> str:
    whole = round(gap)
    if whole < 1:
        return "less than a day"
    return "1 day" if whole == 1 else f"{whole} days"


def _plus(summary: Summary, days: int) -> When:
    return summary.info.date + dt.timedelta(days=days)  # type: ignore[operator]
