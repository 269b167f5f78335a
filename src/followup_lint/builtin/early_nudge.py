"""FL502 early-nudge: a check-in sent too soon after your last email to the same person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from followup_lint.builtin.recipients import NUDGE, THANKS, by_recipient, who
from followup_lint.checking.cross_draft import CorpusHit, CorpusRule, RunExamples, Summary
from followup_lint.checking.rule import RuleContext
from followup_lint.core.findings import Severity
from followup_lint.draft.dates import When, days_apart, show


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


def _days(gap: float) -> str:
    whole = round(gap)
    if whole < 1:
        return "less than a day"
    return "1 day" if whole == 1 else f"{whole} days"


def _plus(summary: Summary, days: int) -> When:
    date = summary.info.date
    assert date is not None, "by_recipient keeps dated drafts only"
    return date + dt.timedelta(days=days)
