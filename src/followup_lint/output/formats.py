"""Output formats. Each formatter streams: ``start``, one ``draft`` call per input, ``finish``.

``text`` is the flake8/ruff line every editor and CI parses; ``json`` is one
array of finding objects with a fixed set of keys; ``json-report`` is one
object with every draft, its findings and its score; ``full`` is for people:
each finding under its source line, and a closing summary. ``gnu`` adds the
severity in the GNU form Emacs and Vim read; ``github`` writes GitHub Actions
workflow commands; ``sarif`` (in ``sarif.py``) writes SARIF 2.1.0.

``draft`` receives the parsed draft (for source lines) and, when scoring is
on, its score; formatters that need neither ignore them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, TextIO

from followup_lint.core.findings import Finding, Severity
from followup_lint.output import terminal
from followup_lint.output.sarif import sarif_log

if TYPE_CHECKING:
    from followup_lint.checking.rule import Rule
    from followup_lint.draft.parsed import Draft
    from followup_lint.output.score import Score


class Formatter:
    """Base formatter: writes findings to a stream as drafts finish."""

    name = ""

    def __init__(self, stream: TextIO, rules: Sequence[Rule] = ()) -> None:
        self.stream = stream
        #: The enabled rules, for formats that describe them (SARIF's tool.driver.rules).
        self.rules = list(rules)

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

    def __init__(self, stream: TextIO, rules: Sequence[Rule] = (), *,
                 colour: bool | None = None, width: int | None = None) -> None:
        super().__init__(stream, rules)
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


class GnuFormatter(Formatter):
    """``path:line:col: warning: message [FL102]``: the GNU form, with the severity.

    Emacs' compilation mode and Vim's ``%t`` read the severity word; info
    findings print as ``note``, the word GCC uses for the mildest level.
    """

    name = "gnu"
    WORDS: ClassVar[dict[Severity, str]] = {
        Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

    def draft(self, findings: Sequence[Finding], draft: Draft | None = None,
              score: Score | None = None) -> None:
        """Write one line per finding."""
        for f in findings:
            self.stream.write(f"{f.path}:{f.line}:{f.column}: {self.WORDS[f.severity]}: "
                              f"{f.message} [{f.code}]\n")


class GithubFormatter(Formatter):
    """GitHub Actions workflow commands, which the runner turns into annotations.

    ``::warning file=...,line=...,col=...,endLine=...,endColumn=...,title=FL102
    desperation::message``, escaped as the Actions toolkit does: ``%``, CR and LF
    everywhere, and ``:`` and ``,`` in properties too. GitHub takes columns only
    for a span on one line, so a finding over several lines gives lines alone.
    """

    name = "github"
    COMMANDS: ClassVar[dict[Severity, str]] = {
        Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}

    def draft(self, findings: Sequence[Finding], draft: Draft | None = None,
              score: Score | None = None) -> None:
        """Write one workflow command per finding."""
        for f in findings:
            props: dict[str, object] = {"file": f.path, "line": f.line, "col": f.column,
                                        "endLine": f.end_line, "endColumn": f.end_column,
                                        "title": f"{f.code} {f.rule}"}
            if f.end_line != f.line:
                del props["col"], props["endColumn"]
            joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
            self.stream.write(f"::{self.COMMANDS[f.severity]} {joined}::"
                              f"{escape_data(f.message)}\n")


def escape_data(text: str) -> str:
    """Escape a workflow command's message: ``%``, carriage return and line feed."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command property value: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class SarifFormatter(Formatter):
    """One SARIF 2.1.0 log (see ``sarif.py``); SARIF is one document, so it is written last."""

    name = "sarif"

    def start(self) -> None:
        """Begin with no findings."""
        self._findings: list[Finding] = []

    def draft(self, findings: Sequence[Finding], draft: Draft | None = None,
              score: Score | None = None) -> None:
        """Keep the findings until the log is written."""
        self._findings.extend(findings)

    def finish(self) -> None:
        """Write the log as indented JSON."""
        json.dump(sarif_log(self.rules, self._findings), self.stream, ensure_ascii=False,
                  indent=2)
        self.stream.write("\n")


FORMATTERS: dict[str, type[Formatter]] = {
    f.name: f for f in (TextFormatter, JsonFormatter, JsonReportFormatter, FullFormatter,
                        GnuFormatter, GithubFormatter, SarifFormatter)
}

#: Formats meant for programs: no progress bar, no score unless asked for.
MACHINE_FORMATS = frozenset({"text", "json", "json-report", "gnu", "github", "sarif"})
