"""FL603 grammar-slip: a common grammar slip ("looking forward to hear", "a honor")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from followup_lint.checking import proofreader as proof
from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft


class GrammarSlip(Rule):
    """A common grammar slip: a wrong article, "could of", "looking forward to hear".

    Slips like these read as haste in a note whose whole job is to show
    care. They come from the Harper rules listed in the
    ``harper-grammar-rules`` lexicon: slips with one right answer ("I work
    here since two years", "more fun then I expected"), not style
    preferences. A suggested rewrite is offered, but applied only with ``--fix --unsafe-fixes``: it
    may not be what you meant. Needs harper-py.
    """

    code = "FL603"
    name = "grammar-slip"
    group = "proofreading"
    severity = Severity.WARNING
    examples = Examples(
        flags=("Thank you for the interview. I am looking forward to hear from you.",
               "It was a honor to meet the team on Tuesday."),
        passes=("Thank you for the interview. I look forward to hearing from you.",),
    )

    def warm_up(self, lexicons: Mapping[str, tuple[Any, ...]]) -> None:
        """Start Harper's companion process while the model loads (a command-line run)."""
        proof.warm_up(lexicons)

    def prepare(self, context: RuleContext) -> None:
        """Build the shared Harper linter and read which of its rules stay silent."""
        self._proof = proof.for_rules(context)

    def before_parse(self, draft: Draft, context: RuleContext) -> None:
        """Send the draft to the companion to lint while spaCy parses it."""
        if self._proof is not None:
            self._proof.expect(draft)

    def check(self, draft: Draft, options: object, context: RuleContext) -> Iterator[Hit]:
        """Report Harper's grammar lints that fall on the writer's ordinary words."""
        if self._proof is None:
            return
        entities = proof.name_spans(draft)
        for lint in self._proof.lints(draft):
            if lint.end <= lint.start or _one_word_spelling(draft, lint):
                continue  # FL601 reports single misspelt words
            if any(i in entities for i in range(lint.start, lint.end)) or _in_acronym(
                    draft.matching_text, lint.start, lint.end):
                continue  # names and acronyms ("FP&A") are not grammar
            fix = lint.suggestion
            advice = (f'Write "{fix.strip()}" instead.' if fix and fix.strip()
                      else "Reread the sentence and correct it.")
            yield Hit(lint.start, lint.end, _plain(lint.message), advice,
                      replacement=fix if fix and fix.strip() else None, safe=False)
        yield from _looking_forward(draft)


def _looking_forward(draft: Draft) -> Iterator[Hit]:
    """Report "looking forward to hear": after "forward to" English wants "-ing"."""
    for sentence in draft.sentences if draft.doc is not None else ():
        tokens = list(sentence)
        for i in range(2, len(tokens)):
            verb, to, forward = tokens[i], tokens[i - 1], tokens[i - 2]
            if (forward.lower_ == "forward" and to.lower_ == "to" and verb.tag_ == "VB"
                    and i >= 3 and tokens[i - 3].lemma_ == "look"):
                gerund = _gerund(verb.lower_)
                yield Hit(verb.idx, verb.idx + len(verb.text),
                          f'After "looking forward to", a verb takes "-ing" ("hearing", not '
                          f'"hear"); "{verb.text}" is the wrong form.',
                          f'Write "{gerund}".' if gerund else "Use the -ing form of the verb.",
                          replacement=gerund, safe=False)


def _gerund(verb: str) -> str | None:
    """Return the -ing form of a verb when the spelling rule is plain, else None."""
    if verb in ("be", "see", "agree", "free"):
        return verb + "ing"
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith("ee"):
        return verb[:-1] + "ing"
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", verb):
        return None  # chat -> chatting, visit -> visiting: the stress decides
    return verb + "ing"


def _one_word_spelling(draft: Draft, lint: proof.Lint) -> bool:
    """Return True for a spelling lint on one word: the spelling rule's to report."""
    return lint.kind == "Spelling" and not any(
        ch.isspace() for ch in draft.matching_text[lint.start : lint.end])


def _in_acronym(text: str, start: int, end: int) -> bool:
    """Return True when a span sits in a word of capitals ("FP&A", "Q&A")."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return bool(re.search(r"[A-Z][&/.]?[A-Z]", text[left:right]))


def _plain(message: str) -> str:
    """Return Harper's message with its markdown code quotes as plain quotation marks."""
    message = re.sub(r"`([^`]*)`", r'"\1"', message).strip()
    return message if message.endswith((".", "?", "!")) else message + "."
