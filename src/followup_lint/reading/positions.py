"""Where the characters of a decoded view lie in the file it was decoded from.

An ``.eml`` draft is linted as a *view*: its headers, its unfolded and decoded
subject, and its chosen text part decoded from quoted-printable, base64 or a
declared charset. The view is what the rules read; findings must still point
at lines and columns of the file. A ``ViewBuilder`` records, piece by piece,
where each view character came from, as runs: a run that copies the file
(one view character per file character) or a run whose characters all stand
for one file position (a base64 or HTML part: its first line). A
``MappedLineIndex`` then answers the same questions as ``LineIndex`` in file
terms. Runs, not one offset per character, keep held drafts small.
"""

from __future__ import annotations

from bisect import bisect_right

from followup_lint.draft.line_index import LineIndex


class ViewBuilder:
    """Build a view's text and its map to file offsets, one piece at a time."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.length = 0
        self.view_starts: list[int] = []
        self.file_starts: list[int] = []
        self.steps: list[int] = []
        self.labels: dict[int, str] = {}

    def copy(self, text: str, file_start: int) -> None:
        """Append text that lies unchanged in the file from ``file_start``."""
        self._run(text, file_start, 1)

    def at(self, text: str, file_start: int, label: str | None = None) -> None:
        """Append text that stands for one file position (decoded from elsewhere).

        ``label`` names what was decoded ("base64 text part"): findings in it
        then say which decoded line they are on.
        """
        if label is not None and text:
            self.labels[self.length] = label
        self._run(text, file_start, 0)

    def mapped(self, text: str, offsets: list[int]) -> None:
        """Append text whose i-th character lies at file offset ``offsets[i]``."""
        if text and offsets[len(text) - 1] - offsets[0] == len(text) - 1:
            self.copy(text, offsets[0])  # offsets only grow: no gap means a plain copy
            return
        i = 0
        while i < len(text):
            j = i + 1
            while j < len(text) and offsets[j] == offsets[j - 1] + 1:
                j += 1
            self.copy(text[i:j], offsets[i])
            i = j

    def text(self) -> str:
        """Return the view's text so far."""
        return "".join(self._parts)

    def is_identity(self, file_length: int) -> bool:
        """Say whether the view is the whole file, character for character."""
        return (self.length == file_length and len(self.steps) <= 1
                and all(s == 1 for s in self.steps) and self.file_starts in ([], [0]))

    def index(self, file_index: LineIndex, shift: int = 0) -> MappedLineIndex:
        """Return the position index of the view, its file offsets moved by ``shift``."""
        return MappedLineIndex(self.text(), file_index, self.view_starts,
                               [f + shift for f in self.file_starts], self.steps, self.labels)

    def _run(self, text: str, file_start: int, step: int) -> None:
        if not text:
            return
        if (self.steps and self.steps[-1] == step == 1
                and self.file_starts[-1] + (self.length - self.view_starts[-1]) == file_start):
            pass  # continues the previous copy run
        else:
            self.view_starts.append(self.length)
            self.file_starts.append(file_start)
            self.steps.append(step)
        self._parts.append(text)
        self.length += len(text)


class MappedLineIndex(LineIndex):
    """A ``LineIndex`` for a view: offsets in the view, lines and columns in the file."""

    def __init__(self, text: str, file_index: LineIndex, view_starts: list[int],
                 file_starts: list[int], steps: list[int],
                 labels: dict[int, str] | None = None) -> None:
        # Deliberately not LineIndex.__init__: the file's line starts are shared.
        self.text = text
        self.file = file_index
        self._view_starts = view_starts or [0]
        self._file_starts = file_starts or [0]
        self._steps = steps or [0]
        self._labels = labels or {}

    def file_offset(self, offset: int) -> int:
        """Return the file offset a view offset stands for."""
        offset = max(0, min(offset, len(self.text)))
        k = max(bisect_right(self._view_starts, offset) - 1, 0)
        return self._file_starts[k] + self._steps[k] * (offset - self._view_starts[k])

    def note(self, offset: int) -> str:
        """Return where a finding lies in a decoded part, when its file position cannot say.

        A finding in a base64 or HTML part points at the part's first line; the
        note gives the line of the decoded text: " (line 3 of the decoded base64 text part)".
        """
        offset = max(0, min(offset, len(self.text)))
        k = max(bisect_right(self._view_starts, offset) - 1, 0)
        label = self._labels.get(self._view_starts[k])
        if label is None:
            return ""
        line = self.text.count("\n", self._view_starts[k], offset) + 1
        return f" (line {line} of the decoded {label})"

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) in the file of a view offset."""
        return self.file.position(self.file_offset(offset))

    def offset(self, line: int, column: int) -> int:
        """Return the first view offset at or after a file (line, column)."""
        target = self.file.offset(line, column)
        k = bisect_right(self._file_starts, target) - 1
        if k < 0:
            return 0
        run_end = (self._view_starts[k + 1] if k + 1 < len(self._view_starts)
                   else len(self.text))
        if self._steps[k] == 0:
            return self._view_starts[k]
        return min(self._view_starts[k] + target - self._file_starts[k], run_end)

    def line_span(self, line: int) -> tuple[int, int]:
        """Return the view span of a file line (what the terminal shows under a finding)."""
        start, end = self.file.line_span(line)
        first = self.offset(*self.file.position(start))
        last = self.offset(*self.file.position(end))
        # A line inside a decoded part maps to the part's start: show its first decoded line.
        limit = last if last > first else len(self.text)
        view_end = first
        while view_end < limit and self.text[view_end] not in "\r\n":
            view_end += 1
        return first, view_end

    @property
    def line_count(self) -> int:
        """Return the number of lines of the file."""
        return self.file.line_count
