"""One time budget per draft for every regular expression the packs run on it.

A pack's ``regex`` cues and the ``REGEX`` predicates of its spaCy token
patterns are written by users, and one that backtracks catastrophically
(``^(a+)+$`` against 32 a's takes minutes) must not hang a run. A limit per
pattern per region is not enough: 400 regions at 0.25 s each is still 100 s.
So each draft gets ``DRAFT_BUDGET`` seconds for all of them together; the
pattern that runs out of it is named in one line and the draft is reported,
not linted, while the other drafts go on.

spaCy compiles ``REGEX`` predicates with ``re``, which cannot be interrupted,
so ``bounded_pattern`` rewrites each one into a token extension whose getter
runs the same search with the ``regex`` module and the draft's remaining time.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Mapping
from typing import Any

#: Seconds of regular-expression matching each draft may use, over all rules.
DRAFT_BUDGET = 1.0
#: Token attributes a ``REGEX`` predicate may test, and the Token property holding each.
TOKEN_TEXT = {"ORTH": "text", "TEXT": "text", "LOWER": "lower_", "NORM": "norm_",
              "LEMMA": "lemma_", "POS": "pos_", "TAG": "tag_", "DEP": "dep_",
              "ENT_TYPE": "ent_type_", "ENT_ID": "ent_id_", "ENT_KB_ID": "ent_kb_id_",
              "SHAPE": "shape_", "PREFIX": "prefix_", "SUFFIX": "suffix_", "MORPH": "morph"}


class BudgetSpent(Exception):
    """A regular expression ran out of the draft's matching time."""

    def __init__(self, pattern: str) -> None:
        super().__init__(pattern)
        self.pattern = pattern


class _Budget:
    def __init__(self) -> None:
        self.left = DRAFT_BUDGET


_state = threading.local()


def budget_for(draft: object) -> _Budget:
    """Return the budget of ``draft``: a fresh one when matching moves on to a new draft."""
    current = getattr(_state, "draft", None)
    if current is None or current() is not draft:
        _state.draft = weakref.ref(draft)
        _state.budget = _Budget()
    return _state.budget  # type: ignore[no-any-return]


def _current() -> _Budget:
    budget = getattr(_state, "budget", None)
    if budget is None:
        budget = _state.budget = _Budget()
    return budget  # type: ignore[no-any-return]


def finditer(pattern: Any, text: str, budget: _Budget) -> list[Any]:
    """Return every match of a compiled ``regex`` pattern, within the budget."""
    return _timed(budget, pattern.pattern, lambda left: list(pattern.finditer(text,
                                                                              timeout=left)))


def search(pattern: Any, text: str) -> bool:
    """Return whether a compiled ``regex`` pattern is found, within the current budget."""
    return _timed(_current(), pattern.pattern,
                  lambda left: pattern.search(text, timeout=left) is not None)


def _timed(budget: _Budget, source: str, run: Any) -> Any:
    if budget.left <= 0:
        raise BudgetSpent(source)
    started = time.perf_counter()
    try:
        return run(budget.left)
    except TimeoutError:
        budget.left = 0
        raise BudgetSpent(source) from None
    finally:
        budget.left -= time.perf_counter() - started


_extensions: dict[tuple[str, str], str] = {}
_lock = threading.Lock()


def bounded_pattern(pattern: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return a token pattern with each ``{ATTR: {REGEX: ...}}`` run under the budget.

    Raises ``ValueError`` for a ``REGEX`` that does not compile or tests an
    attribute that is not text.
    """
    return [_bounded_token(token) for token in pattern]


def _bounded_token(token: Mapping[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    flags: dict[str, Any] = {}
    for key, value in token.items():
        if not (isinstance(value, Mapping) and "REGEX" in value):
            result[key] = value
            continue
        attr = str(key).upper()
        if attr not in TOKEN_TEXT:
            raise ValueError(f"REGEX is only allowed on text attributes ({', '.join(TOKEN_TEXT)}),"
                             f" not {key}")
        flags[_extension(attr, value["REGEX"])] = True
        rest = {k: v for k, v in value.items() if k != "REGEX"}
        if rest:
            result[key] = rest
    if flags:
        extra = result.get("_")
        result["_"] = {**(extra if isinstance(extra, Mapping) else {}), **flags}
    return result


def _extension(attr: str, source: Any) -> str:
    """Register (once) a Token extension that tests ``attr`` against ``source``."""
    import regex
    from spacy.tokens import Token

    if not isinstance(source, str):
        raise ValueError(f"REGEX must be a string, not {source!r}")
    try:
        compiled = regex.compile(source)
    except regex.error as exc:
        raise ValueError(f"invalid regular expression {source!r}: {exc}") from None
    with _lock:
        name = _extensions.get((attr, source))
        if name is None:
            name = f"followup_lint_regex_{len(_extensions)}"
            _extensions[(attr, source)] = name
            prop = TOKEN_TEXT[attr]
            Token.set_extension(name, force=True,
                                getter=lambda t: search(compiled, str(getattr(t, prop))))
    return name
