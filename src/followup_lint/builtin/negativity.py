"""FL101 negativity: complaint, blame, bitterness, self-deprecation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup_lint.checking.cues import CueMatcher, parse_cue
from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft


class Negativity(Rule):
    """A sentence complains, blames, sounds bitter or runs the writer down.

    The reader of a follow-up is deciding whether to work with you. A
    complaint about the process, a dig at a current employer, passive
    aggression ("As I mentioned in my last email") or dwelling on a bad
    moment ("I bombed the SQL question") is what they will remember.
    Sentence sentiment (VADER) is one signal, with work vocabulary that only
    sounds negative ("reduced the error rate", "the outage postmortem") taken
    out; patterns from the tone pack catch what sentiment cannot see.
    """

    code = "FL101"
    name = "negativity"
    group = "tone"
    severity = Severity.WARNING
    needs = frozenset({"senter", "lemmatizer"})  # sentences; lexicon cues
    examples = Examples(
        flags=("Thank you for the interview. I know I bombed the SQL question.",
               "I was disappointed by how disorganized the process was."),
        passes=("Thank you for the interview. You mentioned the outage last quarter and how "
                "the team fixed the root cause.",
                "I reduced the error rate by 40% on a similar pipeline.",
                "I'm not disappointed at all."),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of negativity."""

        #: VADER compound score at or below which a sentence counts as negative.
        threshold: float = -0.5

    def prepare(self, context: RuleContext) -> None:
        """Build the cue matcher and a VADER analyser that ignores work vocabulary."""
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        where = "lexicon negativity-cues"
        cues = tuple(parse_cue(raw, i, where) for i, raw in
                     enumerate(context.lexicon("negativity-cues")))
        self._cues = CueMatcher(cues, where)
        self._cues.prepare(context)
        analyser = SentimentIntensityAnalyzer()
        for word in context.lexicon("work-neutral"):
            analyser.lexicon.pop(str(word).lower(), None)
        self._vader = analyser
        self._courtesy = tuple(str(p).lower() for p in context.lexicon("courtesy"))

    def check(self, draft: Draft, options: Any, context: RuleContext) -> Iterator[Hit]:
        """Report cue matches, then sentences whose adjusted sentiment is clearly negative."""
        flagged: list[tuple[int, int]] = []
        for match in self._cues.find(draft, context):
            flagged.append((match.start, match.end))
            text = " ".join(draft.text[match.start : match.end].split())
            cue = match.cue
            yield Hit(match.start, match.end, (cue.message or "").format(match=text),
                      cue.suggestion)
        for sentence in draft.sentences:
            if any(sentence.start_char <= s < sentence.end_char for s, _ in flagged):
                continue
            text = " ".join(sentence.text.split())
            lowered = text.lower()
            for phrase in self._courtesy:
                lowered = lowered.replace(phrase, " ")
            score = self._vader.polarity_scores(lowered)["compound"]
            if score <= options.threshold:
                yield Hit(sentence.start_char, sentence.end_char,
                          f'"{_clip(text)}" sounds negative; a follow-up is remembered by '
                          "its tone.",
                          "Rephrase it positively or leave it out, e.g. end on what you are "
                          "looking forward to.")


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
