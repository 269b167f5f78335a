"""What kind of follow-up a draft is, when its metadata does not say.

``kind`` in front matter or an ``X-Kind`` header wins. Otherwise the body
decides: "just following up on my interview last week" is a check-in, a note
that thanks the reader is a thank-you, anything else is a follow-up. The
phrases are the ``check-in-phrases`` and ``thank-you-phrases`` lexicons of the
``timing`` pack. Plain regular expressions, not spaCy: the cross-draft rules
need the kind of every draft long after its parse is gone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft


def draft_kind(draft: Draft, lexicons: Mapping[str, tuple[Any, ...]]) -> str:
    """Return the draft's kind: thank-you, follow-up or check-in."""
    if draft.info.kind:
        return draft.info.kind
    return guess_kind(draft.prose, lexicons)


def guess_kind(prose: str, lexicons: Mapping[str, tuple[Any, ...]]) -> str:
    """Guess the kind of a body from its wording."""
    if _phrases(tuple(lexicons.get("check-in-phrases", ()))).search(prose):
        return "check-in"
    if _phrases(tuple(lexicons.get("thank-you-phrases", ()))).search(prose):
        return "thank-you"
    return "follow-up"


@lru_cache(maxsize=16)
def _phrases(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Compile phrases into one case-insensitive pattern; any run of spaces matches a space."""
    parts = [r"\s+".join(re.escape(w) for w in str(p).split()) for p in phrases if str(p).strip()]
    if not parts:
        return re.compile(r"(?!)")
    return re.compile(r"(?<![\w'’])(?:" + "|".join(sorted(parts, key=len, reverse=True))
                      + r")(?![\w'’])", re.IGNORECASE)
