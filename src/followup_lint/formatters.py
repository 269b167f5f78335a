"""Output formats. Each formatter streams: ``start``, one ``draft`` call per input, ``finish``.

``text`` is the flake8/ruff line every editor and CI parses; ``json`` is one
array of finding objects with a fixed set of keys; ``json-report`` is one
object with every draft, its findings and its score; ``full`` is for people:
each finding under its source line, and a closing summary.

``draft`` receives the parsed draft (for source lines) and, when scoring is
on, its score; formatters that need neither ignore them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from followup_lint import terminal
from followup_lint.findings import Finding, Severity

if TYPE_CHECKING:
    from followup_lint.draft import Draft
    from followup_lint.scoring import Score


class Formatter:
    """Base formatter: writes findings to a stream as drafts finish."""

    name = ""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def start(self) -> None:
        """Write anything that comes before the first finding."""

    def draft(self, findings: Sequence[Finding], draft: Draft | None = None,
              score: Score | None = None) -> None:
        """Write the findings of one draft (and its score, when scoring is on)."""

    def finish(self) -> None:
        """Write anything that comes after the last finding."""


class TextFormatter(Formatter):
    """``path:line:col: CODE message``, one finding a line."""

    name = "text"

    def draft(self, findings: Sequence[Finding], draft: Draft | None = None,
              score: Score | None = None) -> None:
        """Write one line per finding, then the score line when scoring is on."""
        for f in findings:
            self.stream.write(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}\n")
        if score is not None and draft is not None:
            lost = ", ".join(f"{name} -{g.lost:g}" for name, g in score.groups.items() if g.lost)
            self.stream.write(f"{draft.source}: score {score.total}/100"
                              f"{f' ({lost})' if lost else ''}; "
                              f"{terminal.statistics_line(score)}\n")


class JsonFormatter(Formatter):
    """One JSON array of finding objects, written as the drafts finish."""

    name = "json"

    def start(self) -> None:
        """Open the array."""
        self._count = 0
        self.stream.write("[")

    def draft(self, findings: Sequence[Finding], draft: Draft | None = None,
              score: Score | None = None) -> None:
        """Write each finding as an indented object."""
        for f in findings:
            self.stream.write(",\n  " if self._count else "\n  ")
            self.stream.write(json.dumps(f.to_dict(), ensure_ascii=False))
            self._count += 1

    def finish(self) -> None:
        """Close the array."""
        self.stream.write("\n]\n" if self._count else "]\n")


class JsonReportFormatter(Formatter):
    """One JSON object: ``{"drafts": [{path, findings, score}, ...]}``, every draft listed."""

    name = "json-report"

    def start(self) -> None:
        """Open the object and its list of drafts."""
        self._count = 0
        self.stream.write('{"drafts": [')

    def draft(self, findings: Sequence[Finding], draft: Draft | None = None,
              score: Score | None = None) -> None:
        """Write one draft entry: its path, findings (as in ``json``) and score."""
        entry = {
            "path": draft.source if draft is not None else (findings[0].path if findings else ""),
            "findings": [f.to_dict() for f in findings],
            "score": score.to_dict() if score is not None else None,
        }
        self.stream.write(",\n  " if self._count else "\n  ")
        self.stream.write(json.dumps(entry, ensure_ascii=False))
        self._count += 1

    def finish(self) -> None:
        """Close the list and the object."""
        self.stream.write("\n]}\n" if self._count else "]}\n")


class FullFormatter(Formatter):
    """For people: each finding under its source line with the span underlined.

    Colour follows ``NO_COLOR``, ``FORCE_COLOR`` and whether the stream is a
    terminal; the width is the terminal's. A summary line closes the run.
    """

    name = "full"

    def __init__(self, stream: TextIO, *, colour: bool | None = None,
                 width: int | None = None) -> None:
        super().__init__(stream)
        isatty = getattr(stream, "isatty", lambda: False)()
        self.colour = terminal.use_colour(isatty) if colour is None else colour
        self.width = width or shutil.get_terminal_size((100, 24)).columns
        self._counts: dict[Severity, int] = {}
        self._flagged = self._drafts = 0

    def draft(self, findings: Sequence[Finding], draft: Draft | None = None,
              score: Score | None = None) -> None:
        """Write each finding with its source line, then the draft's score if any."""
        self._drafts += 1
        self._flagged += bool(findings)
        for severity, n in terminal.counts_of(findings).items():
            self._counts[severity] = self._counts.get(severity, 0) + n
        for f in findings:
            self.stream.write(terminal.render_finding(f, draft, width=self.width,
                                                      colour=self.colour) + "\n")
        if score is not None and draft is not None:
            self.stream.write(terminal.render_score(draft.source, score,
                                                    colour=self.colour) + "\n")

    def finish(self) -> None:
        """Write the summary line."""
        line = terminal.summary(self._counts, self._flagged, self._drafts)
        self.stream.write(terminal.style(line, self.colour, bold=True) + "\n")


FORMATTERS: dict[str, type[Formatter]] = {
    f.name: f for f in (TextFormatter, JsonFormatter, JsonReportFormatter, FullFormatter)
}

#: Formats meant for programs: no progress bar, no score unless asked for.
MACHINE_FORMATS = frozenset({"text", "json", "json-report"})
