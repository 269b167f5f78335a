"""``--fix`` and ``--diff``: apply the mechanical replacements findings carry.

A finding whose rule knows the exact text that should stand in place of its
span ("SO" -> "so", "the the" -> "the") carries it as ``replacement``; a
replacement that could change what the writer meant (a guessed spelling, a
grammar rewrite) is marked unsafe and is applied only with ``--unsafe-fixes``.
Advice the writer must put in their own words is never applied.

Fixes are applied to the decoded text and the file is written back in the
encoding it came in (UTF-8, UTF-8 with a byte order mark, UTF-16 LE or BE
with its mark); line endings are untouched because only the flagged spans
change. A fix can uncover another (or a rule can flag its own output), so a
draft is re-linted after each round, up to ``MAX_ROUNDS`` rounds, as ruff does.
"""

from __future__ import annotations

import codecs
import difflib
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from followup_lint.core.errors import ExitCode, InputError, LintError
from followup_lint.core.findings import Finding
from followup_lint.draft.line_index import LineIndex
from followup_lint.reading.inputs import Source, read_sources
from followup_lint.reading.reader import read_draft

if TYPE_CHECKING:
    from followup_lint.checking.engine import Linter
    from followup_lint.draft.parsed import Draft

MAX_ROUNDS = 10
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass(frozen=True)
class Fixed:
    """One draft after fixing: its text before and after, and how many fixes went in."""

    source: str
    before: str
    after: str
    data: bytes
    applied: int

    @property
    def changed(self) -> bool:
        """Return True when at least one fix changed the text."""
        return self.after != self.before


def is_fixable(finding: Finding, unsafe: bool) -> bool:
    """Return True when ``--fix`` (with or without ``--unsafe-fixes``) applies this finding."""
    return finding.replacement is not None and (finding.safe or unsafe)


def apply_fixes(text: str, findings: Iterable[Finding], unsafe: bool = False) -> tuple[str, int]:
    """Return ``text`` with the fixable findings' replacements applied, and how many were.

    Findings count 1-based code-point columns in ``text``. Of two overlapping
    fixes the earlier one wins; the other is left for the next round.
    """
    lines = LineIndex(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, str]] = []
    for f in findings:
        if not is_fixable(f, unsafe):
            continue
        start = lines.offset(f.line, f.column)
        end = max(lines.offset(f.end_line, f.end_column), start)
        replacement = (f.replacement or "").replace("\r\n", "\n").replace("\n", newline)
        if text[start:end] != replacement:
            edits.append((start, end, replacement))
    out: list[str] = []
    position = applied = 0
    for start, end, replacement in sorted(edits):
        if start < position:
            continue  # overlaps a fix already taken
        out += [text[position:start], replacement]
        position = end
        applied += 1
    out.append(text[position:])
    return "".join(out), applied


def encoding_of(data: bytes) -> tuple[bytes, str]:
    """Return the byte order mark (or b"") and codec a draft's bytes were read with."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return bom, codec
    return b"", "utf-8"


def encode_like(text: str, original: bytes) -> bytes:
    """Encode ``text`` the way ``original`` was encoded, byte order mark included."""
    bom, codec = encoding_of(original)
    return bom + text.encode(codec)


def fix_draft(source: str, data: bytes, lint: Callable[[bytes], Sequence[Finding]],
              unsafe: bool = False) -> Fixed:
    """Fix one draft's bytes, re-linting after each round; return the result.

    ``lint(data)`` returns the findings for the draft's current bytes.
    """
    before = read_draft(source, data).text
    text, applied, current = before, 0, data
    for _ in range(MAX_ROUNDS):
        text, count = apply_fixes(text, lint(current), unsafe)
        if not count:
            break
        applied += count
        current = encode_like(text, data)
    return Fixed(source, before, text, current, applied)


def unified_diff(fixed: Fixed) -> str:
    """Return the change as a unified diff (``--- a/path`` / ``+++ b/path``), or ""."""
    if not fixed.changed:
        return ""
    old = _diff_lines(fixed.before)
    new = _diff_lines(fixed.after)
    return "".join(difflib.unified_diff(old, new, f"a/{fixed.source}", f"b/{fixed.source}"))


def _diff_lines(text: str) -> list[str]:
    """Split into lines for difflib; a last line without a newline is marked as git does."""
    lines = [line + "\n" for line in text.split("\n")]
    last = lines.pop()  # the text after the last newline
    if last != "\n":
        lines.append(last[:-1] + "\n\\ No newline at end of file\n")
    return lines


def fix_sources(sources: Iterable[Source], choose: Callable[[Draft], Linter], *,
                max_bytes: int, unsafe: bool, diff_only: bool,
                out: Callable[[str], object], err: Callable[[str], object]) -> int:
    """Fix every source in place (or, with ``diff_only``, print diffs); return the status.

    With ``--diff`` the status is final: 1 when something would change, 2 when
    an input could not be read (named on ``err``). With ``--fix`` the command
    lints the drafts again afterwards, so an unreadable input is left for that
    pass to report, once; only a failed write is reported here.
    """
    status, applied, drafts = ExitCode.OK, 0, 0
    for source in sources:
        try:
            data = source_bytes(source, max_bytes)
            if data is None:
                continue
            fixed = fix_draft(source.name, data, partial(_lint, choose, source.name, max_bytes),
                              unsafe)
        except LintError as exc:
            if diff_only:
                err(f"followup-lint: {exc}")
                status = ExitCode.USAGE
            continue
        if not fixed.changed:
            continue
        applied, drafts = applied + fixed.applied, drafts + 1
        if diff_only:
            out(unified_diff(fixed))
            status = max(status, ExitCode.FINDINGS)
            continue
        assert source.path is not None
        try:
            source.path.write_bytes(fixed.data)
        except OSError as exc:
            err(f"followup-lint: {source.name}: cannot write the fix ({exc.strerror or exc})")
            status = ExitCode.USAGE
    if applied:
        err(f"{'Would fix' if diff_only else 'Fixed'} {applied} finding{'s' * (applied != 1)} "
            f"in {drafts} draft{'s' * (drafts != 1)}.")
    return int(status)


def _lint(choose: Callable[[Draft], Linter], name: str, max_bytes: int,
          data: bytes) -> list[Finding]:
    """Return the findings for a draft's current bytes, with the linter its settings pick."""
    (draft,) = read_sources([Source(name, None)], max_bytes=max_bytes, stdin=data)
    if isinstance(draft, LintError):
        raise draft
    (result,) = choose(draft).lint([draft])
    if result.error is not None:
        raise result.error
    return result.findings


def source_bytes(source: Source, max_bytes: int) -> bytes | None:
    """Return a source's bytes (standard input is read once, here), or raise InputError.

    None for what the linter skips too: a binary file that sits in a drafts folder.
    """
    if source.path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            data = source.path.read_bytes()
        except OSError:
            data = b""  # read_sources names the reason
    for item in read_sources([source], max_bytes=max_bytes, stdin=data):
        if isinstance(item, InputError):
            raise item
        return data
    return None
