"""Hyphenation points of English words: Pyphen's algorithm on its en_US patterns, read lazily.

The reading grade counts syllables as Pyphen's hyphenation points plus one
(``body_stats``). ``pyphen.Pyphen`` parses all 11,000 patterns of its
dictionary when it is built, with a regular expression and a few objects per
pattern: about 0.06 s of CPU, and importing ``pyphen`` (which lists its 70
dictionaries) 0.03 s more, in every run's first draft. Here the same file is
read and split into lines keyed by their letters (a few milliseconds), and a
pattern is parsed, exactly as Pyphen parses it, only when a word contains it.
The points are Pyphen's, computed by the same steps (Liang's algorithm, then
the ``left``/``right`` margins); ``tests/test_hyphenation.py`` compares them
with Pyphen's own on every word of the corpora and of the CMU dictionary.

A dictionary file with what this reader does not parse (Pyphen's ``^^hh``
escapes or nonstandard ``/`` alternatives; en_US has neither) is handed to
Pyphen itself.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

#: The dictionary ``pyphen.Pyphen(lang="en_US")`` reads.
DICTIONARY = ("dictionaries", "hyph_en_US.dic")
#: Pyphen's own parsing of one pattern (``pyphen.parse``) and the lines it skips.
_PARSE = re.compile(r"(\d?)(\D?)").findall
_IGNORED = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN",
            "COMPOUNDRIGHTHYPHENMIN")
_DIGITS = str.maketrans("", "", "0123456789")
_NONZERO = re.compile(r"[1-9]")


class Hyphenator:
    """Pyphen's ``positions`` for one dictionary and margins, parsing patterns on first use."""

    def __init__(self, lines: list[str], left: int, right: int) -> None:
        self.left, self.right = left, right
        #: Letters -> the pattern's text, then (once a word has used it) Pyphen's
        #: (offset, values). A later line with the same letters wins, as in Pyphen.
        self._patterns: dict[str, Any] = {}
        for line in lines:
            pattern = line.strip()
            if not pattern or pattern.startswith(_IGNORED) or not _NONZERO.search(pattern):
                continue  # Pyphen skips a pattern of only zeros
            self._patterns[pattern.translate(_DIGITS)] = pattern
        self._maxlen = max(len(key) for key in self._patterns)

    def positions(self, word: str) -> list[int]:
        """Return where the word may be hyphenated, as ``pyphen.Pyphen.positions`` does."""
        right = len(word) - self.right
        return [i for i in self._points(word.lower()) if self.left <= i <= right]

    def _points(self, word: str) -> list[int]:
        """Liang's algorithm, step for step as ``pyphen.HyphDict.positions``."""
        pointed = f".{word}."
        references = [0] * (len(pointed) + 1)
        for i in range(len(pointed) - 1):
            stop = min(i + self._maxlen, len(pointed)) + 1
            for j in range(i + 1, stop):
                pattern = self._pattern(pointed[i:j])
                if not pattern:
                    continue
                offset, values = pattern
                part = slice(i + offset, i + offset + len(values))
                references[part] = map(max, values, references[part])
        return [i - 1 for i, reference in enumerate(references) if reference % 2]

    def _pattern(self, letters: str) -> tuple[int, tuple[int, ...]] | None:
        found = self._patterns.get(letters)
        if isinstance(found, str):
            found = self._patterns[letters] = _parsed(found)
        return found


def _parsed(pattern: str) -> tuple[int, tuple[int, ...]]:
    """Return Pyphen's (offset, values) for a pattern with a non-zero value."""
    values = tuple(int(digit or "0") for digit, _ in _PARSE(pattern))
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, values[start:end]


@lru_cache(maxsize=4)
def english_hyphenator(left: int, right: int) -> Any:
    """Return the en_US hyphenator with these margins (Pyphen's, if its file needs Pyphen)."""
    spec = find_spec("pyphen")
    folders = list(spec.submodule_search_locations or ()) if spec else []
    path = Path(folders[0], *DICTIONARY) if folders else None
    if path is not None and path.is_file():
        raw = path.read_bytes()
        encoding, _, text = raw.partition(b"\n")
        name = encoding.decode().strip()
        if name.lower() in ("utf-8", "utf8", "iso8859-1", "iso-8859-1"):
            lines = text.decode(name).split("\n")
            if not any("^^" in line or "/" in line for line in lines):
                return Hyphenator(lines, left, right)
    import pyphen

    return pyphen.Pyphen(lang="en_US", left=left, right=right)
