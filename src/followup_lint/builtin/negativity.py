"""FL101 negativity: complaint, accusation, sarcasm, threats, lecturing, self-deprecation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity
from followup_lint.tone import TONE_PIPELINE
from followup_lint.tone.rule_hits import prepare_tone_rule, tone_hits

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft


class Negativity(Rule):
    """A sentence complains, accuses, sneers, threatens, lectures or runs the writer down.

    The reader of a follow-up is deciding whether to work with you. A
    complaint about the wait, a why-question aimed at them, sarcasm, a threat
    to escalate, a lesson in manners, a dig at an employer or an interviewer,
    or dwelling on a bad moment ("I bombed the SQL question") is what they
    will remember. Two signals: cues from the tone pack for well-known
    phrasings, and the tone model (``followup_lint.tone``), a sentence
    classifier over the parse that reads evaluative words with negation
    scope, who a clause is about, and speech acts. Work talk that only sounds
    negative ("fixed a critical bug", "the outage postmortem") stays quiet.
    """

    code = "FL101"
    name = "negativity"
    group = "tone"
    severity = Severity.WARNING
    needs = TONE_PIPELINE  # the tone model reads the dependency parse and lemmas
    examples = Examples(
        flags=("Thank you for the interview. I know I bombed the SQL question.",
               "I was disappointed by how disorganized the process was.",
               "Thank you for your time. I found the second interviewer rather rude.",
               "Why haven't I heard anything from you yet?"),
        passes=("Thank you for the interview. You mentioned the outage last quarter and how "
                "the team fixed the root cause.",
                "I reduced the error rate by 40% on a similar pipeline.",
                "I'm not disappointed at all.",
                "Unfortunately I forgot to ask about the on-call rotation."),
    )

    def prepare(self, context: RuleContext) -> None:
        """Build the cue matcher and load the tone model."""
        self._cues = prepare_tone_rule(context, "negativity-cues")

    def check(self, draft: Draft, options: Any, context: RuleContext) -> Iterator[Hit]:
        """Report cue matches, then sentences the tone model finds negative."""
        hits = tone_hits(draft, context, self.code, self._cues)
        yield from hits.cues
        yield from hits.model
