"""FL102 desperation: pleading, pressure, oversharing hardship, giving away terms."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity
from followup_lint.tone import TONE_PIPELINE
from followup_lint.tone.rule_hits import prepare_tone_rule, tone_hits

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft


class Desperation(Rule):
    """Pleading, neediness, pressure or over-urgency.

    A follow-up is read by someone weighing whether you would be a calm,
    capable colleague. Pleading ("I really need this job"), pressure ("I need
    an answer by Friday"), hardship shared to win sympathy, offering to work
    for free or for any pay, and inbox-watching shift the reader's attention
    from what you offer to what you need, and make saying yes feel risky.
    Strong cues and the tone model's calls are reported alone; mild cues (an
    "as soon as possible", an anxious aside) only when several add up in one
    draft, or when the model flags their sentence too. A single calm question
    about the timeline is never flagged.
    """

    code = "FL102"
    name = "desperation"
    group = "tone"
    severity = Severity.WARNING
    # The tone model reads the dependency parse and lemmas; two desperation cues read dates
    # ("let me know by Friday": ENT_TYPE DATE), which only the entity recogniser sets.
    needs = TONE_PIPELINE | {"ner"}
    examples = Examples(
        flags=("Thank you for the interview. I really need this job, so please let me know ASAP.",
               "I've been checking my inbox every hour since we spoke. Any update??",
               "I need a final decision from you by Friday at the latest.",
               "Thank you for meeting me. I'm being kicked out of my flat at the end of the "
               "month."),
        passes=("Thank you for the interview. Could you share the expected timeline for a "
                "decision?",
                "I'm excited about the role and happy to send references whenever useful.",
                "You said you'd decide within two weeks, so I wanted to check in."),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of desperation."""

        #: Cue weight a draft must reach before its mild cues are reported.
        threshold: float = 1.0

    def prepare(self, context: RuleContext) -> None:
        """Build the cue matcher and load the tone model."""
        self._cues = prepare_tone_rule(context, "desperation-cues")

    def check(self, draft: Draft, options: Any, context: RuleContext) -> Iterator[Hit]:
        """Report cues once their weights add up, and the model's desperate sentences."""
        hits = tone_hits(draft, context, self.code, self._cues)
        if hits.cue_weight + len(hits.model) + hits.confirmed < options.threshold:
            return
        yield from sorted(hits.cues + hits.model, key=lambda h: h.start)
