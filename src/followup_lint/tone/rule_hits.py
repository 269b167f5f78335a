"""What FL101 and FL102 share: their pack cues and the tone model's calls as hits.

Both tone rules report the cues of their lexicon in the tone pack
(``negativity-cues``, ``desperation-cues``) and then the sentences the tone
model flags with one of their labels, skipping sentences a cue already
explained (the cue's message is the more specific one). A sentence both a
cue and the model flag counts as a model call too (``confirmed``): a mild
cue ("urgently", weight 0.5) that the model agrees with is not mild, and
must not hide the model's call. Only how they combine the two differs, so
that stays in each rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup_lint.checking.cues import lexicon_matcher
from followup_lint.core.findings import Hit
from followup_lint.tone.judge import judge_for, model_hits

if TYPE_CHECKING:
    from followup_lint.checking.cues import CueMatcher, Match
    from followup_lint.checking.rule import RuleContext
    from followup_lint.draft.parsed import Draft


@dataclass(frozen=True)
class ToneHits:
    """A draft's cue hits and model hits for one rule, and the cues' summed weight."""

    cues: list[Hit]
    model: list[Hit]
    cue_weight: float
    #: Sentences a cue reported that the model flags with one of this rule's labels too.
    confirmed: int = 0


def prepare_tone_rule(context: RuleContext, cue_lexicon: str) -> CueMatcher:
    """Build a tone rule's cue matcher and load the tone model once for the run."""
    matcher = lexicon_matcher(context, cue_lexicon)
    judge_for(context)
    return matcher


def tone_hits(draft: Draft, context: RuleContext, code: str, cues: CueMatcher) -> ToneHits:
    """Return the cue hits and the model's hits of rule ``code`` in a draft."""
    matches = cues.find(draft, context)
    covered = [(m.start, m.end) for m in matches]
    model = list(model_hits(draft, context, code, covered))
    judge = judge_for(context)
    confirmed = sum(1 for call in judge.calls(draft) if judge.codes.get(call.label) == code
                    and any(call.start <= s < call.end for s, _ in covered))
    return ToneHits([cue_hit(draft, m) for m in matches], model,
                    sum(m.cue.weight for m in matches), confirmed)


def cue_hit(draft: Draft, match: Match) -> Hit:
    """Turn a cue match into a hit, with the matched words quoted in message and advice."""
    text = " ".join(draft.matching_text[match.start : match.end].split())
    cue = match.cue
    replacement = cue.replacement.format(match=text) if cue.replacement is not None else None
    return Hit(match.start, match.end, (cue.message or "").format(match=text),
               (cue.suggestion or "").format(match=text) or None, replacement=replacement)
