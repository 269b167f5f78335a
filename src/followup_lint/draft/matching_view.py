"""The one text every rule matches on, and the map from it back to the file.

Real drafts are typed in mail clients and word processors: apostrophes and
quotes come out curly (U+2018, U+2019, U+201C, U+201D), spaces come out non-breaking, and plain-text
mail is hard-wrapped at about 72 columns, so "I really need" and "this job"
sit on two lines. Matched on the raw text, a curly apostrophe defeats every
contraction pattern and a line break splits every phrase. The view fixes both:

* typographic quotes, primes, dashes and Unicode spaces become their ASCII
  forms, one character for one (offsets are unchanged);
* a line break inside a paragraph (a hard wrap) becomes one space. Where the
  break is wider than one character (CRLF, trailing or leading spaces), the
  extra characters move to the end of the paragraph as padding, so the view
  keeps the length of the file and nothing outside the paragraph moves.

spaCy parses the view (curly apostrophes and stray line breaks hurt the
parse too), every rule matches on it, and ``to_original`` maps an offset in
the view back to the file, so findings keep the file's line and column.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

#: One character for one: typographic punctuation and Unicode spaces.
_CHARACTERS = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u00a0": " ", "\u1680": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ",
    **{chr(c): " " for c in range(0x2000, 0x200B)},
}
_TABLE = str.maketrans(_CHARACTERS)
#: A line that starts a list item or a quote is never a continuation.
_LIST_START = re.compile(r"[ \t]*(?:[-*+•>]|\d{1,3}[.)])[ \t]")
#: A line at least this long that runs on into the next is taken as hard-wrapped.
WRAP_MIN_COLUMNS = 40


def normalise_characters(text: str) -> str:
    """Return text with typographic quotes, dashes and Unicode spaces in ASCII, length kept."""
    return text.translate(_TABLE)


@dataclass(frozen=True)
class MatchingView:
    """The normalised text and, where it moved anything, the offset of each character."""

    text: str
    #: ``origin[i]`` is the file offset of view character ``i``; empty when nothing moved.
    origin: array  # type: ignore[type-arg]

    def to_original(self, offset: int) -> int:
        """Return the file offset of a view offset (a span's start)."""
        if not self.origin or offset >= len(self.origin):
            return offset
        return self.origin[max(offset, 0)]

    def to_original_end(self, offset: int) -> int:
        """Return the file offset of a view span's exclusive end."""
        if not self.origin or offset <= 0 or offset > len(self.origin):
            return offset
        return self.origin[offset - 1] + 1


def build_view(prose: str) -> MatchingView:
    """Normalise the masked body text (``Draft.prose``) into the matching view."""
    text = normalise_characters(prose)
    lines = _lines(text)
    joins = [(lines[i], lines[i + 1]) for i in range(len(lines) - 1)
             if _is_wrap(text, lines[i], lines[i + 1])]
    if not joins:
        return MatchingView(text, array("i"))
    chars = list(text)
    origin = array("i", range(len(text)))
    for paragraph in _paragraphs(joins):
        _unwrap(text, chars, origin, paragraph)
    return MatchingView("".join(chars), origin)


def _lines(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each line's content, without the line ending."""
    spans = []
    pos = 0
    for match in re.finditer(r"\r?\n", text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return spans


def _is_wrap(text: str, line: tuple[int, int], following: tuple[int, int]) -> bool:
    """Return True when the break between two body lines is a hard wrap, not a new line."""
    head = text[line[0] : line[1]].strip()
    tail = text[following[0] : following[1]]
    if not head or not tail.strip() or _LIST_START.match(tail):
        return False
    first = tail.lstrip()[0]
    if first.islower() or head[-1] in ",;-(":
        return True
    return len(text[line[0] : line[1]].rstrip()) >= WRAP_MIN_COLUMNS and head[-1] not in ":"


def _paragraphs(joins: list[tuple[tuple[int, int], tuple[int, int]]]
                ) -> list[list[tuple[tuple[int, int], tuple[int, int]]]]:
    """Group joins into runs of lines joined one to the next (one paragraph each)."""
    groups: list[list[tuple[tuple[int, int], tuple[int, int]]]] = []
    for join in joins:
        if groups and groups[-1][-1][1] == join[0]:
            groups[-1].append(join)
        else:
            groups.append([join])
    return groups


def _unwrap(text: str, chars: list[str], origin: array,  # type: ignore[type-arg]
            paragraph: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """Rewrite one paragraph: each wrap becomes one space, extra characters pad the end."""
    start = paragraph[0][0][0]
    end = paragraph[-1][1][1]
    out: list[str] = []
    where: list[int] = []
    pos = start
    for line, following in paragraph:
        content_end = line[0] + len(text[line[0] : line[1]].rstrip(" \t"))
        out.extend(text[pos:content_end])
        where.extend(range(pos, content_end))
        out.append(" ")
        where.append(content_end)
        pos = following[0] + len(text[following[0] : following[1]]) - len(
            text[following[0] : following[1]].lstrip(" \t"))
    out.extend(text[pos:end])
    where.extend(range(pos, end))
    padding = (end - start) - len(out)
    out.extend(" " * padding)
    where.extend([max(end - 1, start)] * padding)
    chars[start:end] = out
    origin[start:end] = array("i", where)
