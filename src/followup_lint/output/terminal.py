"""Human-readable terminal output: the source line, the span underlined, and a summary.

Columns in findings count characters; a terminal counts cells. A tab jumps to
the next tab stop, East Asian wide characters and most emoji take two cells,
combining marks none, so the carets are computed in cells from the same widths
used to print the line. Lines wider than the terminal are shown as a window
around the span, with an ellipsis for what is cut.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import click

from followup_lint.core.findings import Finding, Severity

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft
    from followup_lint.output.score import Score

TAB_SIZE = 4
ELLIPSIS = "…"
SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def use_colour(stream_is_tty: bool, environ: Mapping[str, str] | None = None) -> bool:
    """Decide on colour: ``NO_COLOR`` wins, then ``FORCE_COLOR``, then a non-dumb terminal.

    Both variables count only when set to a non-empty value (no-color.org).
    """
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    return stream_is_tty and env.get("TERM") != "dumb"


def cell_width(ch: str, column: int = 0) -> int:
    """Return how many terminal cells a character takes when printed at ``column``."""
    if ch == "\t":
        return TAB_SIZE - column % TAB_SIZE
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me"):
        return 0  # accents, zero-width joiners, control characters
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def underline(line: str, start: int, end: int, width: int) -> tuple[str, str]:
    """Return the line as printed and the caret line under characters [start, end).

    ``start`` and ``end`` are 0-based character indices into ``line``; ``end``
    may pass the line's end (a span that continues on the next line). An empty
    span gets one caret. The result fits in ``width`` cells.
    """
    cells: list[tuple[str, int]] = []  # what each character prints as, and its width
    column = 0
    for ch in line:
        w = cell_width(ch, column)
        text = " " * w if ch == "\t" else "" if unicodedata.category(ch) == "Cc" else ch
        cells.append((text, w))
        column += w
    first, last = _window([w for _, w in cells], start, max(width, 10))
    shown = ELLIPSIS if first > 0 else ""
    carets = " " if first > 0 else ""
    for i in range(first, last):
        text, w = cells[i]
        shown += text
        if i == start == end:
            carets += "^"  # an empty span: one caret where it sits
        carets += ("^" if start <= i < end else " ") * w
    if "^" not in carets:
        carets += "^"  # a span at the end of the line, e.g. its line break
    if last < len(cells):
        shown += ELLIPSIS
    return shown, carets.rstrip()


def _window(sizes: list[int], start: int, width: int) -> tuple[int, int]:
    """Pick characters [first, last) to show: all if they fit, else a window at the span."""
    if sum(sizes) <= width:
        return 0, len(sizes)
    room = width - 2  # an ellipsis on each side
    first = min(start, len(sizes))
    lead = room // 4  # a little context before the span
    while first > 0 and lead - sizes[first - 1] >= 0:
        lead -= sizes[first - 1]
        first -= 1
    last, used = first, 0
    while last < len(sizes) and used + sizes[last] <= room:
        used += sizes[last]
        last += 1
    return first, last


def style(text: str, colour: bool, **kwargs: object) -> str:
    """Return text styled with click when colour is on, else as it is."""
    return click.style(text, **kwargs) if colour else text  # type: ignore[arg-type]


def render_finding(finding: Finding, draft: Draft | None, *, width: int,
                   colour: bool) -> str:
    """Return the full, multi-line rendering of one finding."""
    def paint(text: str, **kwargs: object) -> str:
        return style(text, colour, **kwargs)

    sev = finding.severity.value
    tint = SEVERITY_COLOURS[sev]
    out = [f"{paint(f'{finding.path}:{finding.line}:{finding.column}:', bold=True)} "
           f"{paint(f'{sev} {finding.code}', fg=tint, bold=True)} "
           f"{paint(f'({finding.rule})', dim=True)}"]
    if draft is not None:
        number = str(finding.line)
        gutter = " " * len(number)
        line_start, line_end = draft.lines.line_span(finding.line)
        line = draft.text[line_start:line_end]
        # Columns are file columns; a decoded email line (quoted-printable) is shorter.
        start = draft.lines.offset(finding.line, finding.column) - line_start
        end = (draft.lines.offset(finding.end_line, finding.end_column) - line_start
               if finding.end_line == finding.line else len(line) + 1)
        room = width - len(number) - 5
        shown, carets = underline(line, start, max(end, start), room)
        bar = paint("|", fg="blue")
        out.append(f"  {paint(number, fg='blue')} {bar} {shown}".rstrip())
        more = (f" (to line {finding.end_line})" if finding.end_line > finding.line else "")
        out.append(f"  {gutter} {bar} {paint(carets, fg=tint, bold=True)}"
                   f"{paint(more, dim=True) if more else ''}")
    out.append(wrap(finding.message, width, "  "))
    if finding.suggestion:
        label = "suggestion:"
        text = wrap(f"{label} {finding.suggestion}", width, "  ")
        out.append(text.replace(label, paint(label, fg="green", bold=True), 1))
    return "\n".join(out) + "\n"


def wrap(text: str, width: int, indent: str) -> str:
    """Wrap text at word boundaries to ``width`` cells, every line indented.

    A word longer than a line (a URL) is kept whole rather than split, so the
    terminal never cuts "interview" into "inter" and "view".
    """
    import textwrap

    return textwrap.fill(text, width=max(width, 20), initial_indent=indent,
                         subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False)


def render_score(path: str, score: Score, *, colour: bool) -> str:
    """Return the score block: total, what each group lost and why, and the statistics."""
    def paint(text: str, **kwargs: object) -> str:
        return style(text, colour, **kwargs)

    tint = "green" if score.total >= 80 else "yellow" if score.total >= 50 else "red"
    out = [f"{paint(path, bold=True)}: send-readiness "
           f"{paint(f'{score.total}/100', fg=tint, bold=True)}"]
    column = max((len(name) for name in score.groups), default=8)  # "proofreading" fits
    for name, group in score.groups.items():
        where = ", ".join(f"{c.finding.code} {c.finding.line}:{c.finding.column}"
                          for c in group.costs)
        lost = f"-{group.lost:g}" if group.lost else "0"
        out.append(f"  {name:<{max(column, 8)}} {lost:>5}  {where}".rstrip())
    out.append(f"  {statistics_line(score)}")
    return "\n".join(out) + "\n"


def statistics_line(score: Score) -> str:
    """Return the statistics as one readable line."""
    s = score.statistics
    return (f"{_plural(s.words, 'word')}, {_plural(s.sentences, 'sentence')}, "
            f"{_plural(s.questions, 'question')}, reading grade {s.reading_grade:g}, "
            f"about {reading_time(s.reading_seconds)} to read")


def reading_time(seconds: int) -> str:
    """Return a reading time as ``45 s`` or ``1 min 30 s``."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def summary(counts: Mapping[Severity, int], flagged: int, total: int) -> str:
    """Return the closing line, e.g. ``1 error, 3 warnings in 2 of 5 drafts``."""
    nouns = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info finding"}
    parts = [_plural(counts[s], nouns[s]) for s in Severity if counts.get(s)]
    if not parts:
        return f"No problems found in {_plural(total, 'draft')}."
    return f"{', '.join(parts)} in {flagged} of {_plural(total, 'draft')}."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def counts_of(findings: Sequence[Finding]) -> dict[Severity, int]:
    """Count findings by severity."""
    counts: dict[Severity, int] = {}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts
