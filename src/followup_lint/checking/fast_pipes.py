"""Run spaCy's attribute ruler and rule lemmatizer faster, with the same annotations.

Both components are Python loops over tokens: the attribute ruler runs a
``Matcher`` of about 180 one-token patterns over every token, the lemmatizer
builds a ``Token`` per word and looks its lemma up. Measured by
``bench/run.py`` and per-component timings on the shared corpus, the two cost about
a fifth of the model's whole pipeline, as much as the linter's own rules.

Each answer depends only on a few attributes of one token: a one-token
pattern on the token's tag, lower-case form, dependency label and
whitespace flag; a lemma on its text, part of speech and morphology. So each
is worked out once per distinct key (with spaCy's own code) and remembered;
per draft only ``Doc.to_array`` and dictionary look-ups remain. A pattern of
several tokens is checked token by token from the same keys; one with
operators (``OP``) or other attributes still goes through a ``Matcher`` of
its own. Matches are applied by the ruler's own ``set_annotations`` in the
ruler's order, so every token gets the
attributes spaCy would give it (``tests/test_speed.py`` compares every token
of the corpus drafts with the stock components').
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: The token attributes a one-token pattern may test to be answered from a remembered key.
_KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
#: A pattern's token as checks on the token's key: (column, value must be in the set?, set),
#: or (column, "REGEX", expression).
_Test = tuple[tuple[int, "bool | str", "frozenset[int] | re.Pattern[str]"], ...]


def speed_up(nlp: Language) -> Language:
    """Swap in the fast paths for a loaded pipeline's attribute ruler and rule lemmatizer."""
    if "attribute_ruler" in nlp.component_names:
        _fast_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in nlp.component_names:
        _fast_lemmatizer(nlp.get_pipe("lemmatizer"))
    return nlp


def _fast_attribute_ruler(ruler: Any) -> None:
    """Give the ruler a ``match`` that answers its patterns from remembered token keys."""
    from spacy.attrs import IDS
    from spacy.matcher import Matcher

    strings = ruler.vocab.strings
    columns = [IDS[name] for name in _KEY_ATTRS]
    tag = _KEY_ATTRS.index("TAG")
    #: One-token patterns by the tag they require (None: any tag).
    by_tag: dict[int | None, list[tuple[int, int, _Test]]] = {}
    #: Fixed-length patterns of several tokens: each token's test is an index in ``specs``.
    specs: list[_Test] = []
    longer: list[tuple[int, int, tuple[int, ...]]] = []
    rest = Matcher(ruler.vocab, validate=False)  # what cannot be answered from a key
    for attr_id in range(len(ruler.attrs)):
        key = str(attr_id)
        match_id = strings.add(key)
        for pattern in ruler.matcher.get(key)[1]:
            tests = [_token_test(spec, strings) for spec in pattern]
            if not tests or any(test is None for test in tests):
                rest.add(key, [pattern])
            elif len(tests) == 1:
                (test,) = tests
                assert test is not None
                tags = [values for column, inside, values in test if column == tag
                        and inside is True and isinstance(values, frozenset) and len(values) == 1]
                required = next(iter(tags[0])) if tags else None
                by_tag.setdefault(required, []).append((attr_id, match_id, test))
            else:
                first = len(specs)
                specs.extend(t for t in tests if t is not None)
                longer.append((attr_id, match_id, tuple(range(first, len(specs)))))
    known: dict[tuple[int, ...], tuple[list[tuple[int, int]], frozenset[int]]] = {}

    def learn(row: tuple[int, ...]) -> tuple[list[tuple[int, int]], frozenset[int]]:
        candidates = [*by_tag.get(row[tag], ()), *by_tag.get(None, ())]
        hits = list(dict.fromkeys((attr_id, match_id) for attr_id, match_id, test in candidates
                                  if _passes(test, row, strings)))
        return hits, frozenset(i for i, test in enumerate(specs) if _passes(test, row, strings))

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        matches = []
        passed = []
        for i, row in enumerate(map(tuple, doc.to_array(columns).tolist())):
            entry = known.get(row)
            if entry is None:
                entry = known[row] = learn(row)
            matches += [(attr_id, match_id, i, i + 1) for attr_id, match_id in entry[0]]
            passed.append(entry[1])
        for attr_id, match_id, wanted in longer:
            first = wanted[0]
            for i in range(len(passed) - len(wanted) + 1):
                if first in passed[i] and all(spec in passed[i + k]
                                              for k, spec in enumerate(wanted)):
                    matches.append((attr_id, match_id, i, i + len(wanted)))
        if len(rest):
            matches += [(int(strings[m]), m, s, e)
                        for m, s, e in rest(doc, allow_missing=True, as_spans=False)]
        matches.sort()
        return matches

    ruler.match = match


def _token_test(spec: dict[str, Any], strings: Any) -> _Test | None:
    """Return the checks of one token's key for a pattern's token, or None for a Matcher.

    A check is (column of the key, whether the value must be in the set, the
    set of values), or (column, "REGEX", compiled expression); the token
    matches when every check holds. Only exact values, ``IN`` / ``NOT_IN``
    sets and ``REGEX`` on ``_KEY_ATTRS`` are answered here, compared as the
    Matcher compares them (string hashes, booleans as 0 or 1, ``re.search`` on
    the string); anything else (an ``OP``, another attribute) is None.
    """
    checks: list[tuple[int, bool | str, frozenset[int] | re.Pattern[str]]] = []
    for name, value in spec.items():
        attr = "ORTH" if name.upper() == "TEXT" else name.upper()
        if attr not in _KEY_ATTRS:
            return None
        column = _KEY_ATTRS.index(attr)
        if isinstance(value, dict):
            if set(value) - {"IN", "NOT_IN", "REGEX"}:
                return None
            for predicate, values in value.items():
                if predicate == "REGEX":
                    if attr == "IS_SPACE":
                        return None
                    checks.append((column, "REGEX", re.compile(values)))
                else:
                    checks.append((column, predicate == "IN",
                                   frozenset(_hash(v, strings) for v in values)))
        else:
            checks.append((column, True, frozenset({_hash(value, strings)})))
    return tuple(checks)


def _passes(test: _Test, row: tuple[int, ...], strings: Any) -> bool:
    """Return True when a token's key passes every check of a test."""
    for column, inside, values in test:
        if isinstance(values, re.Pattern):
            if not values.search(strings[row[column]]):
                return False
        elif (row[column] in values) is not inside:
            return False
    return True


def _hash(value: Any, strings: Any) -> int:
    """Return a pattern value as the Matcher stores it: a string's hash, a flag as 0 or 1."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        return int(strings.add(value))
    return int(value)


def _fast_lemmatizer(lemmatizer: Any) -> None:
    """Make the lemmatizer remember each (text, POS, morphology)'s lemma and set lemmas in bulk.

    spaCy's rule and lookup lemmatizers read nothing else of a token, and
    leave alone a token that already has a lemma (the attribute ruler sets
    some) unless configured to overwrite.
    """
    if lemmatizer.mode not in ("rule", "lookup"):
        return
    base = type(lemmatizer)

    class RememberingLemmatizer(base):  # type: ignore[valid-type,misc]
        """The same lemmatizer, answering each distinct token once."""

        def __call__(self, doc: Doc) -> Doc:
            from spacy.attrs import LEMMA, MORPH, ORTH, POS
            from spacy.errors import Errors

            if not self._validated:
                self._validate_tables(Errors.E1004)
            error_handler = self.get_error_handler()
            if not len(doc):
                return doc
            try:
                rows = doc.to_array([LEMMA, ORTH, POS, MORPH])
                lemmas = rows[:, 0].copy()
                known = self._followup_lemmas
                strings = self.vocab.strings
                for i, (lemma, orth, pos, morph) in enumerate(rows.tolist()):
                    if self.overwrite or lemma == 0:
                        key = (orth, pos, morph)
                        found = known.get(key)
                        if found is None:
                            found = known[key] = strings.add(self.lemmatize(doc[i])[0])
                        lemmas[i] = found
                doc.from_array([LEMMA], cast(Any, lemmas.reshape(-1, 1)))
                return doc
            except Exception as e:
                error_handler(self.name, self, [doc], e)
                return doc

    if lemmatizer.mode == "rule" and lemmatizer.lookups.has_table("lemma_index"):
        # The rules test "form in index" for each candidate form; the index is a list of
        # up to 57,000 words, read from the model as JSON. A set answers the same.
        index = lemmatizer.lookups.get_table("lemma_index")
        for pos in list(index.keys()):
            index[pos] = frozenset(index[pos])
    lemmatizer._followup_lemmas = {}
    lemmatizer.__class__ = RememberingLemmatizer
