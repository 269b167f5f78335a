"""FL301 missing-thanks: the body never thanks the reader for the interview or their time.

Gratitude is an act: the writer thanks the reader for something already
given. The same words also make requests ("any update would be greatly
appreciated", "I'd be grateful if you could reply"), acknowledgements ("I
appreciate you may be busy") and closings (a last line "Thank you."), so a
word list alone cannot tell them apart. This rule reads the parse: a
thank-you word counts unless a modal turns it into a wish, a clause after
"appreciate" turns it into "I understand", "in advance" turns it into
pressure, or it is a bare thank-you closing the body. The words themselves
are lexicons in ``rules/content.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from followup_lint.checking.cues import lexicon_matcher
from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from followup_lint.draft.parsed import Draft

#: Finite verb tags: a finite clause after "appreciate" states a fact ("you are busy").
FINITE_TAGS = {"VBZ", "VBP", "VBD", "MD"}
#: Words that open a clause of fact after "appreciate": "that", "how", "if", "why".
CLAUSE_MARKS = {"that", "how", "if", "why", "whether"}


class MissingThanks(Rule):
    """No thank-you for the interview, the reader's time or the conversation.

    Career guides agree that a follow-up opens with a brief, direct
    thank-you. Gratitude counts in any common form ("thank you for", "I
    appreciated our talk", "I'm grateful for your time", "it was a pleasure
    to meet"), in the body. A bare "Thanks," sign-off or a closing "Thank
    you." does not, and neither do requests and acknowledgements that use the
    same words: "I would appreciate a reply", "any update would be greatly
    appreciated", "thanks in advance", "I appreciate you may be busy".
    """

    code = "FL301"
    name = "missing-thanks"
    group = "content"
    severity = Severity.WARNING
    examples = Examples(
        flags=("I wanted to follow up on the analyst role. I appreciate you may be busy. "
               "Any update would be greatly appreciated.",),
        passes=("Thank you for meeting with me yesterday about the analyst role.",
                "I really appreciated the time you took to walk me through the lab.",
                "I write to appreciate you for the opportunity to interview.",
                "It was a pleasure to meet the team on Monday."),
    )

    def prepare(self, context: RuleContext) -> None:
        """Load the gratitude word lists and the idioms from the lexicons."""
        def words(name: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in context.lexicon(name))

        self._thanks = words("thanks-words")
        self._grateful = words("grateful-words")
        self._appreciate = words("appreciate-words")
        self._pleasure = words("pleasure-words")
        self._modals = words("request-modals")
        self._filler = words("bare-thanks-filler")
        self._request_dets = words("request-determiners")
        self._not_after = tuple(str(p).lower().split() for p in context.lexicon("not-thanks-after"))
        self._idioms = lexicon_matcher(context, "gratitude-idioms")

    def check(self, draft: Draft, options: Any, context: RuleContext) -> Iterator[Hit]:
        """Report once, at the first body line, when no sentence thanks the reader."""
        if draft.doc is None or draft.word_count == 0:
            return
        if self._idioms.find(draft, context) or any(self.gratitude(draft)):
            return
        start = draft.body_start
        end = draft.matching_text.find("\n", start)
        yield Hit(start, len(draft.matching_text) if end < 0 else end,
                  "There is no thank-you in this draft; open with a brief thank-you for the "
                  "interview.",
                  "Add a first line such as \"Thank you for taking the time to meet with me on "
                  "Tuesday.\"")

    def gratitude(self, draft: Draft) -> Iterator[Token]:
        """Yield the words that thank the reader (the head word of each thank-you)."""
        sentences = draft.sentences
        for number, sentence in enumerate(sentences):
            last = number == len(sentences) - 1
            for token in sentence:
                if self._is_gratitude(token, sentence, last):
                    yield token

    def _is_gratitude(self, token: Token, sentence: Span, last: bool) -> bool:
        word, lemma = _plain(token.lower_), token.lemma_.lower()
        if word in self._thanks or lemma in self._thanks:
            return not (self._followed_by_veto(token) or self._wished(token)
                        or (last and self._bare(sentence)))
        if word in self._grateful:
            return not (self._wished(token) or self._wished(token.head)
                        or self._followed_by_veto(token) or _has_if_clause(token.head))
        appreciate = word in self._appreciate or lemma in self._appreciate
        if appreciate and token.pos_ in ("VERB", "AUX", "ADJ"):
            return self._appreciation(token)
        if lemma in self._pleasure and token.pos_ == "NOUN":
            return not (self._wished(token.head) or self._wished(token))
        return False

    def _appreciation(self, token: Token) -> bool:
        """Return True when "appreciate" thanks the reader rather than asks or concedes."""
        if self._wished(token) or self._followed_by_veto(token):
            return False  # "I'd appreciate a reply", "appreciated in advance"
        if token.tag_ in ("VBN", "JJ") or token.dep_ == "acomp":  # passive: "... is appreciated"
            subjects = [c for c in token.children if c.dep_ in ("nsubjpass", "nsubj")]
            subjects += [c for c in token.head.children if c.dep_ == "nsubj"] if (
                token.dep_ == "acomp") else []
            if any(self._requested(s) for s in subjects):
                return False  # "any update would be appreciated"
            return not self._wished(token.head)
        if token.tag_ == "VBD":
            return True  # "I appreciated our talk", even "appreciated that you ..."
        for child in token.children:
            if child.dep_ == "advcl" and _has_mark(child, {"if", "when"}):
                return False  # "I appreciate it if you could ..."
            if child.dep_ == "ccomp" and (
                    _has_mark(child, CLAUSE_MARKS) or child.tag_ in FINITE_TAGS
                    or any(a.tag_ == "MD" for a in child.children)):
                return False  # "I appreciate (that) you may be busy"
        return True

    def _wished(self, token: Token) -> bool:
        """Return True when a request modal governs the word: "would", "'d", "will"."""
        return any(c.dep_ in ("aux", "auxpass") and _plain(c.lower_) in self._modals
                   for c in token.children)

    def _requested(self, subject: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in self._request_dets for c in subject.children)

    def _followed_by_veto(self, token: Token) -> bool:
        doc = token.doc
        after = [_plain(t.lower_) for t in doc[token.i + 1 : token.i + 6]]
        if token.lower_ in ("thank", "thanks") and after[:1] == ["you"]:
            after = after[1:]
        return any(after[: len(phrase)] == phrase for phrase in self._not_after)

    def _bare(self, sentence: Span) -> bool:
        """Return True for a thank-you with nothing thanked: "Thank you so much again!"."""
        words = [_plain(t.lower_) for t in sentence if t.is_alpha or "'" in t.text or "’" in t.text]
        return bool(words) and all(w in self._filler for w in words)


def _plain(word: str) -> str:
    return word.replace("’", "'")


def _has_mark(token: Token, marks: set[str]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in marks for c in token.children)


def _has_if_clause(token: Token) -> bool:
    return any(c.dep_ == "advcl" and _has_mark(c, {"if"}) for c in token.children)
