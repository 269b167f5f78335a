"""Output formats. Each formatter streams: ``start``, one ``draft`` call per input, ``finish``.

``text`` is the flake8/ruff line every editor and CI parses; ``json`` is one
array of finding objects with a fixed set of keys.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from followup_lint.findings import Finding


class Formatter:
    """Base formatter: writes findings to a stream as drafts finish."""

    name = ""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def start(self) -> None:
        """Write anything that comes before the first finding."""

    def draft(self, findings: Sequence[Finding]) -> None:
        """Write the findings of one draft."""

    def finish(self) -> None:
        """Write anything that comes after the last finding."""


class TextFormatter(Formatter):
    """``path:line:col: CODE message``, one finding a line."""

    name = "text"

    def draft(self, findings: Sequence[Finding]) -> None:
        """Write one line per finding."""
        for f in findings:
            self.stream.write(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}\n")


class JsonFormatter(Formatter):
    """One JSON array of finding objects, written as the drafts finish."""

    name = "json"

    def start(self) -> None:
        """Open the array."""
        self._count = 0
        self.stream.write("[")

    def draft(self, findings: Sequence[Finding]) -> None:
        """Write each finding as an indented object."""
        for f in findings:
            self.stream.write(",\n  " if self._count else "\n  ")
            self.stream.write(json.dumps(f.to_dict(), ensure_ascii=False))
            self._count += 1

    def finish(self) -> None:
        """Close the array."""
        self.stream.write("\n]\n" if self._count else "]\n")


FORMATTERS: dict[str, type[Formatter]] = {f.name: f for f in (TextFormatter, JsonFormatter)}
