"""FL601 spelling: a word spelt wrong, never a name, acronym or word from your list."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup_lint.checking import proofreader as proof
from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft


class Spelling(Rule):
    """A word that looks misspelt.

    A typo in a three-paragraph note is the slip career advisers cite most:
    it tells the reader the note was dashed off. Names never count: the
    interviewer's, the company's and your own (from the front matter, the
    headers, the greeting and the signature), the names and products spaCy
    recognises, acronyms, and the words you list in the configuration
    (``[tool.followup-lint.rules.spelling] words = [...]``). American and
    British spellings are both right. Needs harper-py (a dependency of
    followup-lint); without it the rule finds nothing.
    """

    code = "FL601"
    name = "spelling"
    group = "proofreading"
    severity = Severity.WARNING
    # Entities are names; a capitalised word is checked only at a sentence start; an
    # inflection Harper lacks is known by its lemma (bench/needs_probe.py: with "ner" alone,
    # one finding more on the corpora).
    needs = frozenset({"ner", "senter", "lemmatizer"})
    examples = Examples(
        flags=("Thank you for the interview. I would welcome the oppurtunity to join the team.",),
        passes=("---\ninterviewer: Adaeze Okonkwo\n---\nDear Adaeze,\n\nThank you for walking "
                "me through the onboarding roadmap at Fernhill; the colour-coded runbook was "
                "clever.",),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of spelling."""

        #: Words that are never misspellings (your field's jargon, product names).
        words: tuple[str, ...] = ()

    def warm_up(self, lexicons: Mapping[str, tuple[Any, ...]]) -> None:
        """Start Harper's companion process while the model loads (a command-line run)."""
        proof.warm_up(lexicons)

    def prepare(self, context: RuleContext) -> None:
        """Build the shared Harper linter, when harper-py is installed."""
        self._proof = proof.for_rules(context)

    def before_parse(self, draft: Draft, context: RuleContext) -> None:
        """Send the draft to the companion to lint while spaCy parses it."""
        if self._proof is not None:
            self._proof.expect(draft)

    def check(self, draft: Draft, options: Options, context: RuleContext) -> Iterator[Hit]:
        """Report each word Harper does not know that is no name, acronym or listed word."""
        if self._proof is None:
            return
        own = {w.lower() for w in options.words}
        names = proof.known_names(draft) | own
        entities = proof.name_spans(draft)
        for lint in self._proof.lints(draft):
            word = draft.matching_text[lint.start : lint.end]
            if lint.kind != "Spelling" or any(ch.isspace() for ch in word):
                continue  # a phrase ("to loose") is the grammar rule's
            if (word.lower() in names or lint.start in entities
                    or not proof.could_be_misspelt(draft, lint.start, lint.end)
                    or self._proof.is_known(word, lint.suggestion)):
                continue
            if not _close(word, lint.suggestion, 1 if word[0].isupper() else 2):
                # A typo is a slip or two from the word meant; a word with no close
                # correction is more likely jargon ("organometallic"), and a capitalised
                # word may be a name, so only a one-letter slip counts there.
                continue
            lemma = proof.lemma_at(draft, lint.start)
            if (lemma and lemma.lower() != word.lower() and self._proof.is_known(lemma)
                    and not _misformed(lemma, lint.suggestions)):
                continue  # an inflection Harper lacks ("triaging"), not "refered"
            guess = _same_case(str(lint.suggestion), word)
            yield Hit(lint.start, lint.end, f'"{word}" looks misspelt; did you mean "{guess}"?',
                      "Correct the spelling; if the word is right, add it to "
                      "[tool.followup-lint.rules.spelling] words.",
                      replacement=guess, safe=False)


def _same_case(suggestion: str, word: str) -> str:
    """Return the suggestion in the word's case ("Recieve" -> "Receive")."""
    if word[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _close(word: str, suggestion: str | None, edits: int) -> bool:
    """Return True when the suggestion is at most ``edits`` edits away ("Thnak" -> "Thank")."""
    return bool(suggestion) and proof.edit_distance(
        word.lower(), str(suggestion).lower(), edits) <= edits


def _misformed(lemma: str, suggestions: tuple[str, ...]) -> bool:
    """Return True when Harper suggests another form of the same word ("referred").

    Then the word is a wrong inflection ("refered"), not a right one Harper
    lacks ("triaging", whose suggestions are other words).
    """
    stem = lemma.lower().rstrip("e")
    return any(s.lower().startswith(stem) for s in suggestions)
