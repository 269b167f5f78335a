"""Rules that look across the drafts of one run, over small per-draft summaries.

Most rules see one draft. A few need the whole run: the same template sent to
two interviewers (FL406), a nudge too soon after the last email (FL502), too
many emails to one person (FL503). Those are ``CorpusRule`` subclasses. The
engine reduces every draft, right after it is checked, to a ``Summary``: its
metadata, its kind, a fixed-size fingerprint of its body and two anchors
(where a finding about it should point). Summaries are a few hundred bytes, so
memory stays flat however many drafts stream through; no spaCy ``Doc`` or
draft text is kept. The corpus rules run once all drafts are read.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from followup_lint.checking.rule import Rule, RuleContext
from followup_lint.core.findings import Hit
from followup_lint.core.text import GREETING_OPENER, line_span
from followup_lint.core.text import words as text_words
from followup_lint.draft.dates import show
from followup_lint.draft.kind_guess import draft_kind
from followup_lint.draft.metadata import Metadata

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft

#: Words per shingle, and how many of the smallest shingle hashes a fingerprint keeps.
SHINGLE = 5
SKETCH = 64
_GREETING_WORD_RE = re.compile(rf"^\s*{GREETING_OPENER}\b\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Anchor:
    """A 1-based [start, end) position in a draft's file, for a finding about it."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Summary:
    """What the cross-draft rules know of one draft once its parse is gone."""

    source: str
    info: Metadata
    kind: str
    words: int
    sketch: tuple[int, ...]
    greeting: str | None
    body_at: Anchor
    date_at: Anchor

    @cached_property
    def recipient(self) -> str | None:
        """Return the grouping key of the recipient, or None when the draft does not say.

        Kept once worked out: a cross-draft rule asks for it on every pair it
        compares, and each answer parses email addresses.
        """
        return self.info.recipient

    def label(self) -> str:
        """Return "path (date)" for naming this draft in another draft's finding."""
        when = show(self.info.date) if self.info.date is not None else "undated"
        return f"{self.source} ({when})"


@dataclass(frozen=True)
class RunExamples:
    """Runs of drafts that must be flagged and that must pass; each run is a tuple of texts.

    The tests lint each run as one folder (``d1.md``, ``d2.md``, ...), since a
    cross-draft rule has nothing to say about a draft on its own.
    """

    flags: tuple[tuple[str, ...], ...] = ()
    passes: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class CorpusHit:
    """A cross-draft problem: the draft it belongs to, where, and what to say."""

    source: str
    at: Anchor
    message: str
    suggestion: str | None = None


class CorpusRule(Rule):
    """A rule that runs once per run, over the summaries of all its drafts."""

    examples: RunExamples = RunExamples()  # type: ignore[assignment]
    needs: frozenset[str] | None = frozenset()  # summaries, never a parse

    def check(self, draft: Draft, options: Any, context: RuleContext) -> Iterator[Hit]:
        """Report nothing per draft: a corpus rule speaks in ``check_corpus``."""
        return iter(())

    def check_corpus(self, summaries: Sequence[Summary], options: Any,
                     context: RuleContext) -> Iterator[CorpusHit]:
        """Yield the problems found across the drafts of one run (in input order)."""
        raise NotImplementedError


def summarize(draft: Draft, lexicons: Mapping[str, tuple[Any, ...]]) -> Summary:
    """Reduce a read draft to what the cross-draft rules need."""
    body = draft.prose
    words = text_words(body)
    greeting = draft.region("greeting")
    name = None
    if greeting is not None:
        text = _GREETING_WORD_RE.sub("", draft.text[greeting.start : greeting.end])
        name = text.strip(" ,:;!.").lower() or None
    start = draft.body_start if draft.body_start < len(draft.text) else 0
    return Summary(
        source=draft.key, info=draft.info, kind=draft_kind(draft, lexicons),
        words=len(words), sketch=fingerprint(words), greeting=name,
        body_at=anchor(draft, start, line_span(draft.text, start)[1]),
        date_at=anchor(draft, *(field_span(draft, "date") or
                                (start, line_span(draft.text, start)[1]))),
    )


def fingerprint(words: Sequence[str]) -> tuple[int, ...]:
    """Return a bottom-k sketch of the body's word 5-shingles, with names masked.

    Every capitalised word becomes one token, so "Dear Dana ... Acme" and
    "Dear Maria ... Globex" fingerprint alike: a template with the names
    swapped is still the same template.
    """
    masked = ["#" if w[:1].isupper() else w.lower() for w in words]
    grams = {_stable_hash(" ".join(masked[i : i + SHINGLE]))
             for i in range(max(len(masked) - SHINGLE + 1, 0))}
    return tuple(sorted(grams)[:SKETCH])


def _stable_hash(text: str) -> int:
    """Hash a shingle the same way in every process (``hash()`` is salted per run)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimate the Jaccard similarity of two shingle sets from their sketches."""
    if not a or not b:
        return 0.0
    sa = set(a)
    shared = sa.intersection(b)
    if not shared:  # most pairs a rule compares share nothing: skip the sort
        return 0.0
    union = sorted(sa.union(b))[:SKETCH]
    return len(shared.intersection(union)) / len(union)


def anchor(draft: Draft, start: int, end: int) -> Anchor:
    """Return the 1-based position of [start, end) in the draft's file."""
    line, column = draft.position(start)
    end_line, end_column = draft.end_position(max(start, end))
    return Anchor(line, column, end_line, end_column)


def field_span(draft: Draft, *names: str) -> tuple[int, int] | None:
    """Return the span of a front matter key's or header's value, if the draft has one."""
    head = draft.text[: draft.body_start]
    for name in names:
        pattern = rf"^{re.escape(name)}[ \t]*:[ \t]*['\"]?(?P<v>[^\r\n]*?)['\"]?[ \t]*\r?$"
        match = re.search(pattern, head, re.MULTILINE | re.IGNORECASE)
        if match and match.group("v"):
            return match.start("v"), match.end("v")
    return None
