"""The words a token pattern cannot match without, so a draft that lacks them is skipped.

spaCy's ``Matcher`` tries every pattern at every token, and the set-valued
tests (``{LOWER: {IN: [...]}}``) run in Python, so token patterns were most of
the rules' own cost. But a pattern such as ``[{LEMMA: need}, {OP: "{0,2}"},
{LOWER: {IN: [decision, answer]}}]`` can only match a draft that has a token
whose lemma is "need" *and* one that reads "decision" or "answer". Checking
that against the draft's set of words (computed once per parse) is a few set
lookups, and it rules out nearly every pattern for nearly every draft. The
test is exact: it never skips a pattern that could have matched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Token attributes whose literal values a draft's word set holds.
WORD_ATTRS = ("LOWER", "LEMMA")
_COUNT_OP = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_DOC_KEY = "followup_lint.core.english_words"


def required_words(pattern: Sequence[Mapping[str, Any]]) -> tuple[frozenset[str], ...]:
    """Return, per token the pattern must match, the words one of which that token must be.

    Only tokens that must occur (no ``?``, ``*``, ``!`` or ``{0,n}``) and only
    literal ``LOWER``/``LEMMA`` values or ``IN`` lists count; anything else
    (regular expressions, part-of-speech tests, wildcards) adds no requirement.
    """
    needs: list[frozenset[str]] = []
    for spec in pattern:
        if not _must_occur(spec.get("OP")):
            continue
        for key, value in spec.items():
            if str(key).upper() in WORD_ATTRS:
                words = _literal_words(value)
                if words:
                    needs.append(words)
    return tuple(needs)


def doc_words(doc: Doc) -> frozenset[int]:
    """Return the hashes of every lower-case form and lemma in a parsed draft (cached on it)."""
    cached = doc.user_data.get(_DOC_KEY)
    if cached is None:
        from spacy.attrs import LEMMA, LOWER

        cached = frozenset(doc.to_array([LOWER, LEMMA]).ravel().tolist())
        doc.user_data[_DOC_KEY] = cached
    return cached


def _must_occur(op: Any) -> bool:
    if op is None or op == "+":
        return True
    match = _COUNT_OP.fullmatch(str(op))
    return bool(match and match.group(1) and int(match.group(1)) > 0)


def _literal_words(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset([value])
    if isinstance(value, Mapping):
        allowed = value.get("IN")
        if isinstance(allowed, list) and allowed and all(isinstance(v, str) for v in allowed):
            return frozenset(allowed)
    return frozenset()
