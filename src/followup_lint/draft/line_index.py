"""Map character offsets in a draft to 1-based line and column numbers.

Columns count Unicode characters (code points), as ruff does. A CRLF line
ending belongs to the line it ends, so columns are the same as with LF.
"""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Offsets of line starts in a text, for fast offset → (line, column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                starts.append(i + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Return the character offset of a 1-based (line, column): ``position`` reversed."""
        line = max(1, min(line, len(self._starts)))
        return min(self._starts[line - 1] + column - 1, len(self.text))

    def line_span(self, line: int) -> tuple[int, int]:
        """Return (start, end) offsets of a 1-based line, without its line ending."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self.text)
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return start, end

    def note(self, offset: int) -> str:
        """Return words to add to a finding's message about where it is; none for a plain file."""
        return ""

    @property
    def line_count(self) -> int:
        """Return the number of lines (a trailing newline starts an empty last line)."""
        return len(self._starts)
