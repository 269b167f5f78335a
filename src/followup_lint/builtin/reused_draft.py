"""FL406 reused-draft: the same note sent to two people with only the names changed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from followup_lint.checking.cross_draft import (
    SKETCH,
    CorpusHit,
    CorpusRule,
    RunExamples,
    Summary,
    similarity,
)
from followup_lint.checking.rule import RuleContext
from followup_lint.core.findings import Severity
from followup_lint.draft.dates import instant

TEMPLATE = ("---\nto: {name} <{email}@example.com>\ndate: 2026-11-04\n---\nHi {first},\n\n"
            "Thank you for taking the time to meet with me yesterday about the operations role "
            "at {company}. I enjoyed hearing how the team plans the spring launch and how you "
            "measure on-time delivery across the three depots. I am excited about the chance to "
            "help the team grow, and I look forward to hearing about the next steps.\n\nBest,\n"
            "Sam\n")
DANA = TEMPLATE.format(name="Dana Cho", email="dana", first="Dana", company="Acme")
MARIA = TEMPLATE.format(name="Maria Ruiz", email="maria", first="Maria", company="Globex")
OWN = ("---\nto: Maria Ruiz <maria@example.com>\ndate: 2026-11-04\n---\nHi Maria,\n\n"
       "Thank you for the tour of the Globex cold-chain warehouse on Tuesday. Your account of "
       "the night-shift handover problem stayed with me: at Northwind I rebuilt a similar "
       "handover checklist and cut missed pallets by a third. I would be glad to bring that "
       "to your team.\n\nBest,\nSam\n")


def identity(summary: Summary) -> str | None:
    """Return who a draft is to: its recipient key, else the name in its greeting."""
    return summary.recipient or summary.greeting


class ReusedDraft(CorpusRule):
    """Two drafts to different people whose bodies are nearly the same.

    Interviewers talk to each other, and a template with the names swapped
    is easy to recognise: it says the candidate wrote one note, not two.
    Bodies are compared with their capitalised words (names, companies)
    masked, so a swapped name does not hide a copy; the later draft's
    finding names the earlier one. Who a draft is to comes from ``to`` (or
    ``company`` plus ``interviewer``), else from the name in its greeting.
    """

    code = "FL406"
    name = "reused-draft"
    group = "content"
    severity = Severity.WARNING
    examples = RunExamples(flags=((DANA, MARIA),), passes=((DANA, OWN), (DANA, DANA)))

    @dataclass(frozen=True)
    class Options:
        """Options of reused-draft."""

        #: Estimated share of five-word runs two bodies must share (0 to 1).
        min_similarity: float = 0.8
        #: Shorter bodies are too alike by nature to compare.
        min_words: int = 30

    def check_corpus(self, summaries: Sequence[Summary], options: Options,
                     context: RuleContext) -> Iterator[CorpusHit]:
        """Report each draft that nearly repeats an earlier draft to someone else."""
        eligible = [s for s in summaries if s.words >= options.min_words and identity(s)]
        ordered = sorted(range(len(eligible)), key=lambda i: _order(eligible[i], i))
        seen: dict[int, list[int]] = {}
        for position in ordered:
            current = eligible[position]
            shared = Counter(j for h in set(current.sketch) for j in seen.get(h, ()))
            best: tuple[float, Summary] | None = None
            for j in sorted(shared):
                other = eligible[j]
                # the score cannot pass the shared hashes over the union's size: skip early
                union = min(SKETCH, len(current.sketch) + len(other.sketch) - shared[j])
                if shared[j] / union < options.min_similarity:
                    continue
                if identity(other) == identity(current):
                    continue
                score = similarity(current.sketch, other.sketch)
                if score >= options.min_similarity and (best is None or score > best[0]):
                    best = (score, other)
            if best is not None:
                score, other = best
                yield CorpusHit(
                    current.source, current.body_at,
                    f"This body is {score:.0%} the same as {other.label()}, written to "
                    f"someone else; interviewers recognise a template with the names swapped.",
                    "Rewrite it around this conversation: one detail only this interviewer "
                    "would recognise, and why it matters to you.",
                )
            for h in set(current.sketch):
                seen.setdefault(h, []).append(position)


def _order(summary: Summary, index: int) -> tuple[float, int]:
    """Dated drafts in date order first, then undated ones in input (path) order."""
    date = summary.info.date
    return (instant(date) if date is not None else float("inf"), index)
