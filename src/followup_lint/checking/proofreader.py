"""The proofreading engine the FL6xx rules share: Harper (``harper-py``), offline.

Harper was chosen by measurement (README: "Proofreading"): on the shared
corpus it flags the fewest correct words of the four engines tried (it knows
"onboarding", "roadmap", "idempotency"), it catches every planted typo, and
its grammar rules catch the slips career sites warn about ("looking forward
to hear", "a honor", "could of"). Constructing the first linter of a process
costs about a second of CPU (Harper's dictionary), so it happens once per
process and only when a draft is checked; a command-line run does it in a
companion process while spaCy loads (``proof_companion``).

The writer's own words are checked as one text: the subject, greeting, body
and sign-off with everything else blanked to spaces, so Harper's spans are
offsets into the draft's original text. The last draft's lints are kept, so
the spelling and grammar rules share one Harper call per draft.

Whether a flagged word is really a misspelling is decided here too, because
every proofreading rule must agree on it: names (from the metadata, the
greeting and the signature, and the entities spaCy finds), acronyms, words
with capitals inside, words of a hyphenated or slashed compound, URLs and
addresses are never misspellings; a word known to the CMU Pronouncing
Dictionary, to Harper's British dictionary, or whose lemma Harper knows,
is not either.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from followup_lint.core.english_words import dictionary_words

if TYPE_CHECKING:
    from followup_lint.checking.proof_companion import RemoteProofreader
    from followup_lint.checking.rule import RuleContext
    from followup_lint.draft.parsed import Draft

#: The parts of a draft that are the writer's own prose.
OWN_WORDS = ("subject", "greeting", "body", "signoff")
NAME_KEYS = ("to", "from", "interviewer", "company", "cc")
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "PRODUCT", "FAC", "NORP", "WORK_OF_ART",
                         "EVENT", "LAW", "LANGUAGE"})
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CHUNK = re.compile(r"\S+")
_NOT_PROSE = re.compile(r"@|://|^www\.|\.(?:com|org|net|io)\b|/|\d", re.IGNORECASE)


#: Set to 0 (or off, no, false) to proofread in the run's own process.
COMPANION_ENV = "FOLLOWUP_LINT_PROOF_COMPANION"
_companion_allowed = False


def allow_companion(allowed: bool = True) -> None:
    """Let this process proofread in a companion process (a one-run process: the command line).

    Set here, not in ``proof_companion``, so a command that lints nothing never imports it.
    """
    global _companion_allowed
    _companion_allowed = allowed


def companion_allowed() -> bool:
    """Return True when this process may start a companion (and the environment allows one)."""
    return _companion_allowed and os.environ.get(COMPANION_ENV, "1").strip().lower() not in (
        "0", "off", "no", "false")


def available() -> bool:
    """Return True when harper-py is installed (the proofreading rules need it)."""
    from importlib.util import find_spec

    return find_spec("harper") is not None


@dataclass(frozen=True)
class Lint:
    """One Harper finding, as plain data: its span in the draft, kind, message, suggestion."""

    start: int
    end: int
    kind: str
    message: str
    #: Harper's replacements, best first.
    suggestions: tuple[str, ...] = ()

    @property
    def suggestion(self) -> str | None:
        """Return Harper's best replacement, if it has one."""
        return self.suggestions[0] if self.suggestions else None


class Proofreader:
    """A Harper linter with only the rules the FL6xx rules report, and their word filters."""

    def __init__(self, grammar_rules: Iterable[str] = (), prefixes: Iterable[str] = ()) -> None:
        import harper

        self._prefixes = tuple(sorted({p.lower() for p in prefixes}, key=len, reverse=True))
        self._harper = harper
        self._linter = harper.Linter(harper.Dialect.AMERICAN)
        config = self._linter.get_default_lint_config()
        on = {*grammar_rules, "SpellCheck"}
        self._linter.set_lint_config({name: name in on for name in config})
        self._british: Any = None
        self._known: dict[str, bool] = {}
        self._last: tuple[str, list[Lint]] | None = None

    def expect(self, draft: Draft) -> None:
        """Do nothing: in this process a draft is proofread when a rule asks.

        The companion's stand-in (``proof_companion.RemoteProofreader``) starts
        the work here, before the draft is parsed.
        """

    def lints(self, draft: Draft) -> list[Lint]:
        """Return Harper's lints on the writer's own words of a draft (cached for the last one)."""
        return self.lints_of_view(own_view(draft))

    def lints_of_view(self, view: str) -> list[Lint]:
        """Return Harper's lints on a draft's own words (``own_view``), sorted by place."""
        if self._last is not None and self._last[0] == view:
            return self._last[1]
        found = []
        for item in self._linter.lint(view, language="plaintext"):
            replacements = tuple(s.replacement_text for s in item.suggestions
                                 if s.kind == self._harper.SuggestionKind.REPLACE)
            found.append(Lint(item.span.start, item.span.end, item.lint_kind, item.message,
                              replacements))
        found.sort(key=lambda lint: (lint.start, lint.end, lint.kind))
        self._last = (view, found)
        return found

    def is_known(self, word: str, suggestion: str | None = None) -> bool:
        """Return True when a word is spelt right in American or British English.

        A closed compound of two words Harper knows ("runbook", "stormwater"),
        or a known word of five letters or more after a prefix from the
        ``proofreading-prefixes`` lexicon ("resequenced"), counts as known:
        jargon is made that way. Not when Harper's suggestion is
        a single edit away ("intrested" is "int" + "rested", but "interested" is
        one letter off): that is a typo.
        """
        lower = word.lower().replace("’", "'")
        if self._known_to(lower):
            return True
        close = suggestion.replace(" ", "").lower() if suggestion else None
        if close and close != lower and edit_distance(lower, close, 1) <= 1:
            return False  # "thier" is in the CMU dictionary too, but it is a typo
        if lower in dictionary_words():
            return True
        if any(lower.startswith(p) and len(lower) - len(p) >= 5 and self._known_to(lower[len(p):])
               for p in self._prefixes):
            return True  # "resequenced", "retender": a prefix on a known word
        return any(self._known_to(lower[:i], british=False)
                   and self._known_to(lower[i:], british=False)
                   for i in range(3, len(lower) - 3))

    def is_common_word(self, word: str) -> bool:
        """Return True for a word Harper knows in lower case ("data", "grace").

        Names are in Harper's dictionary only with their capital ("Dana"), so
        this tells a capitalised ordinary word from a name.
        """
        return self._known_to(word.lower())

    def _known_to(self, lower: str, british: bool = True) -> bool:
        """Return True when Harper (American, or also British) knows a lower-case word."""
        if not british:
            return not any(lint.lint_kind == "Spelling"
                           for lint in self._linter.lint(lower, language="plaintext"))
        if lower not in self._known:
            if self._british is None:
                self._british = self._harper.Linter(self._harper.Dialect.BRITISH)
            self._known[lower] = any(
                not any(lint.lint_kind == "Spelling"
                        for lint in linter.lint(lower, language="plaintext"))
                for linter in (self._linter, self._british))
        return self._known[lower]


@lru_cache(maxsize=4)
def proofreader(grammar_rules: tuple[str, ...] = (),
                prefixes: tuple[str, ...] = ()) -> Proofreader:
    """Return the process's proofreader (built once; Harper's dictionary is the slow part)."""
    return Proofreader(grammar_rules, prefixes)


def settings_of(lexicons: Mapping[str, tuple[Any, ...]]) -> tuple[tuple[str, ...],
                                                                   tuple[str, ...]]:
    """Return what a proofreader is built from: the pack's Harper rules and prefixes."""
    return (tuple(lexicons.get("harper-grammar-rules", ())),
            tuple(lexicons.get("proofreading-prefixes", ())))


def warm_up(lexicons: Mapping[str, tuple[Any, ...]]) -> None:
    """Start building Harper in the companion process, if this process allows one.

    Called before the model loads (``Rule.warm_up``), so the companion builds
    Harper on another core while this process imports spaCy.
    """
    if available() and companion_allowed():
        from followup_lint.checking import proof_companion

        proof_companion.start()


def for_rules(context: RuleContext) -> Proofreader | RemoteProofreader | None:
    """Return the shared proofreader with the pack's Harper rules and prefixes (FL601-FL604).

    The companion process's stand-in when one runs (``proof_companion``), else
    this process's own. ``None`` without harper-py: each rule then finds
    nothing, or falls back on the CMU dictionary, as its docstring says.
    """
    if not available():
        return None
    settings = settings_of(context.lexicons)
    if companion_allowed():
        from followup_lint.checking import proof_companion

        remote = proof_companion.proofreader_for(settings)
        if remote is not None:
            return remote
    return proofreader(*settings)


def own_view(draft: Draft) -> str:
    """Return the draft's text with everything but the writer's own prose blanked out.

    Offsets are the original text's; the body comes from the prose, so markdown
    syntax and comments are blanked as the other rules see them.
    """
    chars = [ch if ch in "\r\n" else " " for ch in draft.matching_text]
    for offset, text in draft.own_text(*OWN_WORDS):
        chars[offset : offset + len(text)] = text
    return "".join(chars)


def known_names(draft: Draft) -> set[str]:
    """Return the lower-case name words of a draft: metadata, greeting and signature.

    The interviewer, recipient, company and the writer (``from``, the
    signature) are the names a follow-up must spell the same way everywhere.
    """
    names: set[str] = set()
    for key in NAME_KEYS:
        value = draft.meta.get(key)
        if isinstance(value, str):
            names |= {w.lower() for w in _NAME_WORD.findall(re.sub(r"<[^<>]*>", " ", value))}
    for attr in ("interviewer", "company"):
        value = getattr(draft.info, attr, None)
        if isinstance(value, str):
            names |= {w.lower() for w in _NAME_WORD.findall(value)}
    for kind in ("greeting", "signature"):
        for start, end in draft.spans(kind):
            names |= {w.lower() for w in _NAME_WORD.findall(draft.matching_text[start:end])
                      if w[:1].isupper()}
    return names


def name_spans(draft: Draft) -> set[int]:
    """Return the offsets of characters inside the names spaCy found in the body.

    Names of people, organisations, places, products and works; not dates or
    numbers ("since seven years" is a DATE, and its slip is still a slip).
    """
    inside: set[int] = set()
    if draft.doc is not None and draft.doc.has_annotation("ENT_IOB"):
        for ent in draft.doc.ents:
            if ent.label_ not in NAME_LABELS:
                continue
            inside.update(range(ent.start_char, ent.end_char))
    return inside


def could_be_misspelt(draft: Draft, start: int, end: int) -> bool:
    """Return False for a word that is never a misspelling whatever a dictionary says.

    Acronyms, words with inner capitals or digits, parts of compounds, URLs and
    addresses; a capitalised word anywhere but at the start of a sentence, the
    subject or the sign-off (a name, or a title-case subject).
    """
    word = draft.matching_text[start:end]
    if not word or not any(ch.isalpha() for ch in word):
        return False
    if len(word) > 1 and (word.isupper() or any(ch.isupper() for ch in word[1:])):
        return False
    if len(word) <= 4 and not re.search(r"[aeiouy]", word, re.IGNORECASE):
        return False  # a tool written in lower case ("dbt", "npm"), not a typo
    before = draft.matching_text[start - 1] if start else " "
    after = draft.matching_text[end] if end < len(draft.matching_text) else " "
    if before in "-/–&_." or after in "-/–&_@" or (after == "." and _letter_at(draft, end + 1)):
        return False
    chunk = _chunk_around(draft.matching_text, start, end)
    if _NOT_PROSE.search(chunk):
        return False
    if word[0].isupper():  # a name, unless it opens a sentence and no name follows it
        following = re.match(r"[ \t]+([A-Z])[a-z]", draft.matching_text[end : end + 4])
        return starts_sentence(draft, start) and following is None
    # A lower-case word is no name, whatever the tagger guesses for a word it does not
    # know ("realy" comes out PROPN); names in lower case are the entities and lists.
    return True


def starts_sentence(draft: Draft, start: int) -> bool:
    """Return True for a word that opens a body sentence, the subject or the sign-off."""
    token = _token_at(draft, start)
    if token is not None:
        return bool(token.is_sent_start)
    for kind in ("subject", "signoff"):
        for begin, end in draft.spans(kind):
            if begin <= start < end and not draft.matching_text[begin:start].strip():
                return True
    return False


def _letter_at(draft: Draft, index: int) -> bool:
    return index < len(draft.matching_text) and draft.matching_text[index].isalpha()


def _chunk_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    match = _CHUNK.match(text, left)
    return match.group() if match else text[start:end]


def _token_at(draft: Draft, offset: int) -> Any:
    """Return the spaCy token starting at ``offset`` in the body, or None outside it."""
    doc = draft.doc
    if doc is None:
        return None
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or not len(span) or span[0].idx != offset or span[0].is_space:
        return None  # outside the body: the prose is blank there
    return span[0]


def lemma_at(draft: Draft, offset: int) -> str | None:
    """Return the lemma spaCy gives the body word at ``offset`` (None outside the body)."""
    token = _token_at(draft, offset)
    return token.lemma_ if token is not None else None


def words_of(text: str) -> Iterator[re.Match[str]]:
    """Yield the capitalised words of a text: the candidates for names."""
    for match in _NAME_WORD.finditer(text):
        if match.group()[:1].isupper():
            yield match


def edit_distance(a: str, b: str, limit: int) -> int:
    """Return the optimal-string-alignment distance (a swap counts as one edit), capped.

    Past ``limit`` the exact value does not matter, so the loop stops early.
    """
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
