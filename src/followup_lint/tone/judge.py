"""Run the tone model over a draft once, for both tone rules, and explain each verdict.

FL101 (negativity) and FL102 (desperation) read the same judgement: the
model's call on every body sentence, with the words that carry it. The
judge keeps the verdicts of the last draft, so the second rule pays nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup_lint.core.findings import Hit
from followup_lint.tone.features import Feature, WordClasses, sentence_features
from followup_lint.tone.model import FINE, ToneModel, Verdict, load_model

if TYPE_CHECKING:
    from followup_lint.checking.rule import RuleContext
    from followup_lint.draft.parsed import Draft

#: The word class the sentiment lexicon's clearly negative words join (VADER <= -1.5).
SENTIMENT_CLASS = "sentiment-negative"
SENTIMENT_LIMIT = -1.5
#: A call whose sentence holds none of its label's ``needs`` (tone-labels) stands only
#: when the model is this sure: complaints by implication ("the test took my whole
#: weekend") have no telltale word, but most unsure calls without one are wrong.
UNGROUNDED_PROBABILITY = 0.95


@dataclass(frozen=True)
class ToneCall:
    """A sentence the model flags: its span, the problem label and the words behind it."""

    start: int
    end: int
    label: str
    probability: float
    #: (start, end) spans of the words that carry the problem, in text order.
    words: tuple[tuple[int, int], ...]


def word_classes(lexicons: Mapping[str, Iterable[Any]]) -> WordClasses:
    """Build the model's word classes: the pack's classes plus negative sentiment words.

    The sentiment words come from VADER's lexicon, minus the tone pack's
    ``work-neutral`` words (bug, outage, kill...), which are neutral at work.
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    neutral = {str(w).lower() for w in lexicons.get("work-neutral", ())}
    lexicon = SentimentIntensityAnalyzer().lexicon
    negative = sorted(w for w, v in lexicon.items()
                      if v <= SENTIMENT_LIMIT and w.isalpha() and w not in neutral)
    entries = [*lexicons.get("tone-word-classes", ()),
               {"class": SENTIMENT_CLASS, "words": negative}]
    return WordClasses.from_lexicon(entries)


class ToneJudge:
    """The tone model and its word classes, with the verdicts of the last draft kept."""

    def __init__(self, model: ToneModel, classes: WordClasses,
                 needs: Mapping[str, frozenset[str]] | None = None,
                 codes: Mapping[str, str] | None = None) -> None:
        self.model = model
        self.classes = classes
        #: Per label, the rule code it belongs to (FL101, FL102).
        self.codes = dict(codes or {})
        #: Per label, the word classes or speech acts a sentence must hold for the call to stand.
        self.needs = dict(needs or {})
        self._doc: Any = None
        self._calls: list[ToneCall] = []

    def calls(self, draft: Draft) -> list[ToneCall]:
        """Return the flagged sentences of a parsed draft (computed once per draft)."""
        if draft.doc is not None and draft.doc is self._doc:
            return self._calls
        calls: list[ToneCall] = []
        for sentence in (piece for whole in draft.sentences for piece in _paragraphs(whole)):
            features = sentence_features(sentence, self.classes)
            verdict = self._verdict(features)
            if verdict is None:
                continue
            tokens = [t for t in sentence if not t.is_space]
            index = {t.i - sentence.start: t for t in tokens}
            evidence = [index[i] for i in verdict.evidence if i in index]
            if not any(_carries_meaning(t) for t in evidence):
                continue  # a call that can only point at "and", "have" or "-" explains nothing
            # Quote the words that carry meaning (and a "?" or "!"), not a "have" or "and".
            spans = sorted((t.idx, t.idx + len(t.text)) for t in evidence
                           if _carries_meaning(t) or t.text in ("?", "!"))
            calls.append(ToneCall(sentence.start_char, sentence.end_char, verdict.label,
                                  verdict.probability, tuple(spans)))
        self._doc, self._calls = draft.doc, calls
        return calls

    def _verdict(self, features: list[Feature]) -> Verdict | None:
        """Return the call on one sentence, or None when it is fine.

        The most likely problem label must reach the threshold and be grounded
        in the sentence (``needs``), or be near certain on its own. When the
        model splits a sentence between two labels of one rule (pleading and
        pressure), the pair counts together and the grounded one is named.
        """
        probs = self.model.scores(features)
        labels = self.model.labels
        ranked = sorted(((p, k) for k, p in enumerate(probs) if labels[k] != FINE),
                        reverse=True)
        (p1, k1), (p2, k2) = ranked[0], ranked[1]
        first, second = labels[k1], labels[k2]
        if p1 >= self.model.threshold:
            evidence = self.model.explain(features, first)
            if self._grounded(first, features) or (
                    p1 >= UNGROUNDED_PROBABILITY and _names_a_tone_word(evidence, features)):
                return Verdict(first, p1, evidence)
        if (self.codes.get(first) == self.codes.get(second)
                and p1 + p2 >= self.model.threshold and self._grounded(second, features)):
            return Verdict(second, p1 + p2, self.model.explain(features, second))
        return None

    def _grounded(self, label: str, features: Iterable[Feature]) -> bool:
        """Return True when the sentence holds a word class or speech act the label needs.

        A need is a class ("escalation-strong"), a speech act ("why-question"),
        or a class in a clause about someone ("hardship-strong@self").
        """
        needs = self.needs.get(label)
        if not needs:
            return True
        for feature in features:
            kind, _, name = feature.name.partition(":")
            if kind in ("c", "s", "ca") and name in needs:
                return True
        return False


def _paragraphs(sentence: Any) -> Iterable[Any]:
    """Split a sentence at blank lines: the parser sometimes runs one across a paragraph break.

    "Why has nobody replied?" ending a paragraph, then "I look forward to hearing
    from you." opening the next, can come back as one sentence, and the question
    would no longer end with its "?"; the model was trained on one sentence at a time.
    """
    doc, start = sentence.doc, sentence.start
    for token in sentence:
        if token.is_space and token.text.count("\n") >= 2:
            if token.i > start:
                yield doc[start : token.i]
            start = token.i + 1
    if start < sentence.end:
        yield doc[start : sentence.end]


def _names_a_tone_word(evidence: Iterable[int], features: Iterable[Feature]) -> bool:
    """Return True when the words behind a call include one from a tone word class.

    A sure call must still point at a word the tone lexicon knows ("waste",
    "ghosted", "please"), not only at plain verbs such as "let" or "received".
    """
    marked = {t for f in features if f.name.startswith("c:") for t in f.tokens}
    return any(t in marked for t in evidence)


def _carries_meaning(token: Any) -> bool:
    """Return True for a word that can carry tone: not punctuation, not a bare function word."""
    return (token.is_alpha and not token.is_stop) or token.lower_ in _TONE_FUNCTION_WORDS


#: Function words that do carry tone in a follow-up ("why", "so" in "sooo", "please").
_TONE_FUNCTION_WORDS = frozenset({"why", "please", "nobody", "never", "no", "must", "should",
                                  "anything", "whatever", "really", "so", "very", "too",
                                  "yet", "still", "again", "only", "nothing", "ever"})

_JUDGES: dict[int, tuple[Any, ToneJudge]] = {}


def judge_for(context: RuleContext) -> ToneJudge:
    """Return the one judge of a run (its context), loading the weights on first use."""
    held = _JUDGES.get(id(context))
    if held is None or held[0] is not context:
        needs = {str(e["label"]): frozenset(str(n) for n in e.get("needs", ()))
                 for e in context.lexicon("tone-labels")}
        codes = {str(e["label"]): str(e.get("code")) for e in context.lexicon("tone-labels")}
        judge = ToneJudge(load_model(), word_classes(context.lexicons), needs, codes)
        while len(_JUDGES) >= 4:  # a run has a context per configuration; keep a few
            _JUDGES.pop(next(iter(_JUDGES)))
        _JUDGES[id(context)] = (context, judge)
        return judge
    return held[1]


def phrases(text: str, spans: Iterable[tuple[int, int]], gap: int = 2) -> list[str]:
    """Merge word spans that sit next to each other into quoted phrases ("really, really")."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start - merged[-1][1] <= gap:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [" ".join(text[s:e].split()) for s, e in merged]


def model_hits(draft: Draft, context: RuleContext, code: str,
               covered: Iterable[tuple[int, int]]) -> Iterable[Hit]:
    """Yield a hit for each sentence the model flags with a label of ``code``.

    Sentences a cue already reported (``covered`` spans) are skipped: the cue's
    message is the more specific one. The hit spans the words that carry the
    problem, and the message quotes them.
    """
    labels = {str(e["label"]): e for e in context.lexicon("tone-labels")
              if str(e.get("code")) == code}
    spans = list(covered)
    for call in judge_for(context).calls(draft):
        entry = labels.get(call.label)
        if entry is None or any(call.start <= s < call.end or s <= call.start < e
                                for s, e in spans):
            continue
        words = call.words or ((call.start, call.end),)
        quoted = '", "'.join(phrases(draft.prose, words)[:3])
        start, end = words[0][0], max(e for _, e in words)
        yield Hit(start, end, str(entry["message"]).format(words=quoted),
                  str(entry["suggestion"]))
