"""Hide markdown syntax from the prose so it never counts as words or sentences.

Masking replaces syntax characters with spaces (newlines stay), so every
character keeps its offset and findings still point into the original file.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_WHOLE = [  # constructs that are not prose at all
    re.compile(r"<!--.*?-->", re.DOTALL),
    re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.DOTALL | re.MULTILINE),
    re.compile(r"`[^`\n]+`"),
    re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"),
    re.compile(r"<https?://[^>\s]+>"),
    re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]+\S.*$", re.MULTILINE),
    re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE),
    # HTML tags are lower case; a <Job Title> placeholder is not a tag.
    re.compile(r"</?[a-z][a-z0-9-]*(?:\s[^>\n]*)?/?>"),
]
_LINK = re.compile(r"(\[)[^\]\n]+(\]\([^)\n]*\))")
_MARKERS = [  # syntax around prose: only the marker goes
    re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]", re.MULTILINE),
    re.compile(r"^[ \t]*([-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE),
    re.compile(r"(\*\*|__|~~)(?=\S)"),
    re.compile(r"(?<=\S)(\*\*|__|~~)"),
    re.compile(r"(?<![\w*])(\*|_)(?=[^\s*_])"),
    re.compile(r"(?<=[^\s*_])(\*|_)(?![\w*])"),
]


def mask_markdown(text: str) -> str:
    """Return text with markdown syntax replaced by spaces, offsets unchanged."""
    chars = list(text)
    blank: Callable[[int, int], None] = lambda s, e: _blank(chars, text, s, e)  # noqa: E731
    for pattern in _WHOLE:
        for match in pattern.finditer(text):
            blank(*match.span())
    for match in _LINK.finditer(text):
        blank(*match.span(1))
        blank(*match.span(2))
    for pattern in _MARKERS:
        for match in pattern.finditer(text):
            blank(*match.span(1))
    return "".join(chars)


def _blank(chars: list[str], text: str, start: int, end: int) -> None:
    for i in range(start, end):
        if text[i] not in "\r\n":
            chars[i] = " "
