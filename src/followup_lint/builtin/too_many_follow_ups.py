"""FL503 too-many-follow-ups: more emails to one person after one interview than help."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from followup_lint.builtin.recipients import NUDGE, THANKS, by_recipient, who
from followup_lint.checking.cross_draft import CorpusHit, CorpusRule, RunExamples, Summary
from followup_lint.checking.rule import RuleContext
from followup_lint.core.findings import Severity
from followup_lint.draft.dates import day_of


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
                    earlier = _listed([s.label() for s in run[:index]])
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


#: How many earlier emails a finding names before it says "and N more".
LISTED = 3


def _listed(labels: list[str]) -> str:
    """Return the first few labels, then how many more there are (a message stays short)."""
    if len(labels) <= LISTED:
        return ", ".join(labels)
    return f"{', '.join(labels[:LISTED])} and {len(labels) - LISTED} more"
