"""FL102 desperation: pleading, pressure, oversharing hardship, giving away terms."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup_lint.checking.cues import lexicon_matcher
from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity
from followup_lint.tone import TONE_PIPELINE
from followup_lint.tone.judge import judge_for, model_hits

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
    draft. A single calm question about the timeline is never flagged.
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
        self._cues = lexicon_matcher(context, "desperation-cues")
        judge_for(context)

    def check(self, draft: Draft, options: Any, context: RuleContext) -> Iterator[Hit]:
        """Report cues once their weights add up, and the model's desperate sentences."""
        matches = self._cues.find(draft, context)
        model = list(model_hits(draft, context, self.code, [(m.start, m.end) for m in matches]))
        weight = sum(m.cue.weight for m in matches) + len(model)
        if weight < options.threshold:
            return
        hits = [_cue_hit(draft, m) for m in matches] + model
        yield from sorted(hits, key=lambda h: h.start)


def _cue_hit(draft: Draft, match: Any) -> Hit:
    text = " ".join(draft.matching_text[match.start : match.end].split())
    cue = match.cue
    replacement = cue.replacement.format(match=text) if cue.replacement is not None else None
    return Hit(match.start, match.end, (cue.message or "").format(match=text),
               (cue.suggestion or "").format(match=text) or None, replacement=replacement)
