"""A draft as the rules see it: the original text, its parts, and its metadata.

Everything is kept as character spans of the *original* text, so any finding
maps back to the right line and column of the file, whatever was stripped
(front matter, headers, quoted replies, markdown syntax) before parsing.
``prose`` is the matching view (``matching_view.py``): typographic quotes,
Unicode spaces and hard wraps normalised, the length of the file kept; rules
match on it and ``position`` maps its offsets back to the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from followup_lint.core.text import is_counted_word
from followup_lint.draft.line_index import LineIndex
from followup_lint.draft.matching_view import MatchingView, build_view, normalise_characters
from followup_lint.draft.metadata import Metadata

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: The parts of a draft a rule can ask for. ``body`` is the prose spaCy parses;
#: the others are the writer's own words around it.
REGION_KINDS = ("subject", "greeting", "body", "signoff", "signature")


@dataclass(frozen=True)
class Region:
    """A named part of the draft: ``kind`` and its [start, end) character span."""

    kind: str
    start: int
    end: int


@dataclass
class Draft:
    """One follow-up draft, read and split into regions; ``doc`` is set once parsed."""

    source: str
    text: str
    format: str
    prose: str
    regions: tuple[Region, ...]
    meta: dict[str, Any] = field(default_factory=dict)
    doc: Doc | None = None
    #: The typed metadata the rules read (``meta`` holds the raw keys).
    info: Metadata = field(default_factory=Metadata)
    #: When ``text`` is a decoded view of the file (an email's decoded part, one
    #: message of an mbox), where its characters lie in the file; else None.
    positions: LineIndex | None = None
    #: The message number when the file holds several messages (an mbox), else None.
    message: int | None = None

    #: The matching view of the body; ``prose`` is its text.
    view: MatchingView = field(init=False, repr=False)

    @property
    def key(self) -> str:
        """Return what tells this draft from every other of the run: its file and message."""
        return self.source if self.message is None else f"{self.source} message {self.message}"

    def __post_init__(self) -> None:
        """Replace the masked body with its matching view, so every rule sees one text."""
        self.view = build_view(self.prose)
        self.prose = self.view.text

    @cached_property
    def matching_text(self) -> str:
        """Return the whole text as rules match it: the body view, other regions normalised.

        Same length as ``text``; outside the body only typographic characters
        change, so offsets there are the file's own.
        """
        outside = normalise_characters(self.text)
        chars = list(outside)
        for start, end in self.spans("body"):
            chars[start:end] = self.prose[start:end]
        return "".join(chars)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the file's 1-based (line, column) of a span start in the view."""
        return self.lines.position(self.view.to_original(offset))

    def end_position(self, offset: int) -> tuple[int, int]:
        """Return the file's 1-based (line, column) of a span's exclusive end in the view."""
        return self.lines.position(self.view.to_original_end(offset))

    @cached_property
    def lines(self) -> LineIndex:
        """Return the line index that maps offsets of ``text`` to file lines and columns."""
        return self.positions if self.positions is not None else LineIndex(self.text)

    def spans(self, *kinds: str) -> Iterator[tuple[int, int]]:
        """Yield the (start, end) spans of the regions of the given kinds, in order."""
        for region in self.regions:
            if region.kind in kinds:
                yield region.start, region.end

    def region(self, kind: str) -> Region | None:
        """Return the first region of a kind, or None."""
        return next((r for r in self.regions if r.kind == kind), None)

    @property
    def body_start(self) -> int:
        """Return the offset of the first body character (or of the text's end)."""
        for start, end in self.spans("body"):
            stripped = self.prose[start:end]
            lead = len(stripped) - len(stripped.lstrip())
            if lead < len(stripped):
                return start + lead
        return len(self.text)

    @cached_property
    def words(self) -> list[tuple[int, int]]:
        """Return the spans of body words: whitespace-separated runs holding a letter or digit."""
        import re

        return [m.span() for m in re.finditer(r"\S+", self.prose) if is_counted_word(m.group())]

    @property
    def word_count(self) -> int:
        """Return the number of body words (the count too-long compares)."""
        return len(self.words)

    @cached_property
    def sentences(self) -> list[Span]:
        """Return the parsed body's sentences, trimmed of the whitespace around them.

        The prose keeps masked regions as whitespace, so a sentence may start with
        a run of it; trimming makes every sentence span start on its first word.
        """
        if self.doc is None:
            raise RuntimeError("draft has not been parsed")
        trimmed = []
        for sent in self.doc.sents:
            start, end = sent.start, sent.end
            while start < end and self.doc[start].is_space:
                start += 1
            while end > start and self.doc[end - 1].is_space:
                end -= 1
            if end > start:
                trimmed.append(self.doc[start:end])
        return trimmed

    def own_text(self, *kinds: str) -> Iterator[tuple[int, str]]:
        """Yield (offset, text) for each region of the given kinds.

        Body regions come from the prose, so markdown syntax and HTML comments
        (suppression directives) are already blanked out; other regions are the
        original text with typographic characters normalised (``matching_text``).
        """
        for region in self.regions:
            if region.kind in kinds:
                source = self.prose if region.kind == "body" else self.matching_text
                yield region.start, source[region.start : region.end]
