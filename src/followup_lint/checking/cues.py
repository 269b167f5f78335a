"""Cues: what a rule looks for, in one or more forms, and the matcher that finds them.

A cue may be phrases (matched case-insensitively), lemmas, spaCy token
patterns or regular expressions (run with a time limit). Pack rules are made
of cues, and Python rules read cue lists from pack lexicons, so both share
this one matcher.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup_lint.checking import match_budget
from followup_lint.checking.required_words import doc_words, required_words
from followup_lint.checking.rule import RuleContext
from followup_lint.core.errors import InputError, PackError
from followup_lint.draft.parsed import REGION_KINDS

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft

CUE_KEYS = {"id", "weight", "message", "suggestion", "phrases", "lemmas", "patterns", "regex",
            "unless", "regions", "replacement"}


@dataclass(frozen=True)
class Cue:
    """One thing a pack rule looks for, in one or more forms, with a weight."""

    id: str
    weight: float
    message: str | None
    suggestion: str | None
    phrases: tuple[str, ...]
    lemmas: tuple[str, ...]
    patterns: tuple[Any, ...]
    regex: tuple[Any, ...]
    unless: tuple[str, ...]
    regions: tuple[str, ...]
    #: Text that replaces the match outright ("?" for "??"), for one-click editor fixes.
    replacement: str | None = None


@dataclass(frozen=True)
class Match:
    """A cue found in the draft at [start, end)."""

    start: int
    end: int
    cue: Cue


class CueMatcher:
    """Finds a set of cues in a parsed draft: phrases, lemmas, token patterns, regexes."""

    def __init__(self, cues: tuple[Cue, ...], where: str) -> None:
        self.cues = cues
        self.where = where
        self._by_id = {cue.id: cue for cue in cues}
        self._matchers: tuple[Any, ...] = ()
        self._token_matchers: tuple[tuple[tuple[frozenset[int], ...], Any], ...] = ()

    def prepare(self, context: RuleContext) -> None:
        """Compile the spaCy matchers; an invalid token pattern names its cue.

        Each token pattern gets a matcher of its own, with the words it cannot
        match without (``anchors.py``), so ``find`` runs only the patterns a
        draft could match.
        """
        from spacy.matcher import Matcher, PhraseMatcher

        nlp = context.nlp
        lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        tokens: list[tuple[tuple[frozenset[int], ...], Any]] = []
        for cue in self.cues:
            if cue.phrases:
                lower.add(cue.id, [nlp.make_doc(phrase) for phrase in cue.phrases])
            if cue.lemmas:
                lemma.add(cue.id, list(nlp.pipe(cue.lemmas)))
            for pattern in cue.patterns:
                matcher = Matcher(nlp.vocab, validate=True)
                try:
                    matcher.add(cue.id, [match_budget.bounded_pattern(list(pattern))])
                except Exception as exc:
                    details = [ln.strip("- ") for ln in str(exc).splitlines() if "->" in ln]
                    reason = details[0] if details else str(exc).strip().splitlines()[0]
                    raise PackError(f"{self.where}: cue '{cue.id}' has an invalid token "
                                    f"pattern: {reason}") from None
                needs = tuple(frozenset(nlp.vocab.strings.add(w) for w in words)
                              for words in required_words(pattern))
                tokens.append((needs, matcher))
        self._matchers = tuple(m for m in (lower, lemma) if len(m))
        self._token_matchers = tuple(tokens)

    def find(self, draft: Draft, context: RuleContext) -> list[Match]:
        """Return every cue match in the draft; where matches overlap the longest wins."""
        found: list[Match] = []
        doc = draft.doc
        budget = match_budget.budget_for(draft)  # one budget per draft, across all rules
        try:
            found += self._find_all(draft, doc, context, budget)
        except match_budget.BudgetSpent as exc:
            raise InputError(draft.source, f"{self.where}: regular expression {exc.pattern!r} "
                             f"took longer than the {match_budget.DRAFT_BUDGET:g} s a draft has "
                             "for pattern matching; simplify the pattern") from None
        found = [m for m in found if not _vetoed(draft, m)]
        return _without_overlaps(found)

    def _find_all(self, draft: Draft, doc: Any, context: RuleContext,
                  budget: Any) -> list[Match]:
        found: list[Match] = []
        if doc is not None:
            strings = context.nlp.vocab.strings
            for matcher in self._matchers:
                for match_id, start, end in matcher(doc):
                    span = doc[start:end]
                    found.append(Match(span.start_char, span.end_char,
                                       self._by_id[strings[match_id]]))
            found += self._token_matches(doc, strings)
        for cue in self.cues:
            for pattern in cue.regex:
                found.extend(self._regex_matches(draft, cue, pattern, budget))
        return found

    def _token_matches(self, doc: Any, strings: Any) -> list[Match]:
        """Run the token patterns whose required words the draft has, in cue order."""
        if not self._token_matchers:
            return []
        words = doc_words(doc)
        seen: set[tuple[int, int, int]] = set()
        found: list[Match] = []
        for needs, matcher in self._token_matchers:
            if any(need.isdisjoint(words) for need in needs):
                continue
            for key in matcher(doc):
                if key not in seen:  # two patterns of one cue may find the same span
                    seen.add(key)
                    span = doc[key[1] : key[2]]
                    found.append(Match(span.start_char, span.end_char,
                                       self._by_id[strings[key[0]]]))
        return found

    def _regex_matches(self, draft: Draft, cue: Cue, pattern: Any,
                       budget: Any) -> Iterator[Match]:
        for start, text in draft.own_text(*cue.regions):
            try:
                matches = match_budget.finditer(pattern, text, budget)
            except match_budget.BudgetSpent:
                raise InputError(draft.source, f"{self.where}: cue '{cue.id}': regular "
                                 f"expression {pattern.pattern!r} took longer than the "
                                 f"{match_budget.DRAFT_BUDGET:g} s a draft has for pattern "
                                 "matching; simplify the pattern") from None
            for m in matches:
                if m.end() > m.start():
                    yield Match(start + m.start(), start + m.end(), cue)

def _vetoed(draft: Draft, match: Match) -> bool:
    """Return True when an ``unless`` phrase overlaps the match ("thanks in advance")."""
    if not match.cue.unless:
        return False
    text = draft.matching_text
    line_start = text.rfind("\n", 0, match.start) + 1
    line_end = text.find("\n", match.end)
    line = text[line_start : len(text) if line_end < 0 else line_end].lower()
    for phrase in match.cue.unless:
        at = line.find(phrase)
        while at >= 0:
            if line_start + at < match.end and match.start < line_start + at + len(phrase):
                return True
            at = line.find(phrase, at + 1)
    return False


def _without_overlaps(matches: list[Match]) -> list[Match]:
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), -m.cue.weight, m.start)):
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def parse_cue(raw: Any, index: int, where: str, rule_regions: Any = None) -> Cue:
    """Validate one cue mapping (from a pack rule or a lexicon) and compile its regexes."""
    import regex

    here = f"{where}: cue {index + 1}"
    if not isinstance(raw, Mapping):
        raise PackError(f"{here}: must be a mapping of keys to values")
    unknown = set(raw) - CUE_KEYS
    if unknown:
        raise PackError(f"{here}: unknown key '{sorted(unknown)[0]}' "
                        f"(allowed: {', '.join(sorted(CUE_KEYS))})")
    cue_id = str(raw.get("id") or f"cue-{index + 1}")
    here = f"{where}: cue '{cue_id}'"
    lists = {k: _str_list(raw.get(k, ()), f"{here}: '{k}'") for k in
             ("phrases", "lemmas", "unless")}
    patterns = raw.get("patterns", [])
    if not isinstance(patterns, list) or not all(
        isinstance(p, list) and p and all(isinstance(t, Mapping) for t in p) for p in patterns
    ):
        raise PackError(f"{here}: 'patterns' must be a list of token patterns "
                        "(each a list of token mappings such as {LEMMA: need})")
    compiled = []
    for source in _str_list(raw.get("regex", ()), f"{here}: 'regex'"):
        try:
            compiled.append(regex.compile(source))
        except regex.error as exc:
            raise PackError(f"{here}: invalid regular expression {source!r}: {exc}") from None
    if not (lists["phrases"] or lists["lemmas"] or patterns or compiled):
        raise PackError(f"{here}: needs at least one of phrases, lemmas, patterns or regex")
    weight = raw.get("weight", 1.0)
    if not isinstance(weight, (int, float)) or isinstance(weight, bool) or weight < 0:
        raise PackError(f"{here}: 'weight' must be a number of at least 0")
    regions = _regions(raw.get("regions", rule_regions or ["body"]), here)
    return Cue(cue_id, float(weight), _opt_str(raw, "message", here),
               _opt_str(raw, "suggestion", here), lists["phrases"],
               tuple(p.lower() for p in lists["lemmas"]), tuple(patterns), tuple(compiled),
               tuple(u.lower() for u in lists["unless"]), regions,
               _opt_str(raw, "replacement", here))


def _regions(value: Any, where: str) -> tuple[str, ...]:
    names = _str_list(value, f"{where}: 'regions'")
    for name in names:
        if name not in REGION_KINDS:
            allowed = ", ".join(REGION_KINDS)
            raise PackError(f"{where}: unknown region '{name}' (allowed: {allowed})")
    return names


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{where} must be a list of strings")
    return tuple(value)


def _opt_str(raw: Mapping[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise PackError(f"{where}: '{key}' must be a string")
    return value


def lexicon_matcher(context: RuleContext, lexicon: str) -> CueMatcher:
    """Return a prepared matcher over a lexicon of cue mappings (the tone rules' cues)."""
    where = f"lexicon {lexicon}"
    cues = tuple(parse_cue(raw, i, where) for i, raw in enumerate(context.lexicon(lexicon)))
    matcher = CueMatcher(cues, where)
    matcher.prepare(context)
    return matcher
