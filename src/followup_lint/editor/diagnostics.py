"""Findings as LSP diagnostics and quick fixes; pure functions, no server state.

Findings count columns in Unicode code points; LSP clients count UTF-16 code
units unless they negotiate otherwise, so every position goes through the
document's position codec (pygls picks the encoding with the client). A line
holding an emoji is where the two differ.

A finding offers a quick fix only when its rule gave a ``replacement``: the
exact text that should stand in place of the flagged span ("SO" -> "so").
Advice the writer must put in their own words is shown, never applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from followup_lint.core.findings import Finding, Severity

SOURCE = "followup-lint"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def to_diagnostics(findings: Iterable[Finding], text: str,
                   codec: PositionCodec) -> list[types.Diagnostic]:
    """Turn findings on ``text`` (the draft as linted) into diagnostics in client units."""
    lines = text.split("\n")
    return [to_diagnostic(f, lines, text, codec) for f in findings]


def to_diagnostic(finding: Finding, lines: Sequence[str], text: str,
                  codec: PositionCodec) -> types.Diagnostic:
    """Return one diagnostic; the quick-fix data rides along when there is a replacement."""
    start = _position(lines, finding.line, finding.column, codec)
    end = _position(lines, finding.end_line, finding.end_column, codec)
    message = finding.message
    if finding.suggestion:
        message = f"{message}\n{finding.suggestion}"
    data: dict[str, Any] | None = None
    if finding.replacement is not None:
        data = {"replacement": finding.replacement,
                "original": _span_text(lines, finding), "safe": finding.safe}
    return types.Diagnostic(
        range=types.Range(start=start, end=end),
        message=message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        source=SOURCE,
        data=data,
    )


def _position(lines: Sequence[str], line: int, column: int,
              codec: PositionCodec) -> types.Position:
    """Convert a 1-based line and code-point column to a 0-based position in client units."""
    return codec.position_to_client_units(
        list(lines), types.Position(line=line - 1, character=column - 1))


def _span_text(lines: Sequence[str], finding: Finding) -> str:
    """Return the original text a finding covers (code-point columns, end exclusive)."""
    if finding.line == finding.end_line:
        return lines[finding.line - 1][finding.column - 1 : finding.end_column - 1]
    parts = [lines[finding.line - 1][finding.column - 1 :]]
    parts.extend(lines[finding.line : finding.end_line - 1])
    parts.append(lines[finding.end_line - 1][: finding.end_column - 1])
    return "\n".join(parts)


def quick_fixes(uri: str, diagnostics: Iterable[types.Diagnostic],
                text_in: Any) -> list[types.CodeAction]:
    """Return a code action for each of our diagnostics that carries a direct replacement.

    ``text_in(range)`` returns the document's current text in a range; a fix is
    offered only while that is still the flagged text, so a stale diagnostic
    never rewrites words the writer has since changed.
    """
    actions = []
    for diagnostic in diagnostics:
        data = diagnostic.data
        if diagnostic.source != SOURCE or not isinstance(data, dict):
            continue
        replacement, original = data.get("replacement"), data.get("original")
        if not isinstance(replacement, str) or text_in(diagnostic.range) != original:
            continue
        title = (f'Replace "{original}" with "{replacement}"' if replacement
                 else f'Remove "{original}"')
        preferred = bool(data.get("safe", True))
        actions.append(types.CodeAction(
            title=f"{title} ({diagnostic.code})",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            is_preferred=preferred,
            edit=types.WorkspaceEdit(changes={
                uri: [types.TextEdit(range=diagnostic.range, new_text=replacement)]}),
        ))
    return actions


def code_actions(uri: str, at: types.Range, given: Sequence[types.Diagnostic],
                 published: Sequence[types.Diagnostic], text_in: Any) -> list[types.CodeAction]:
    """Return the quick fixes for a code-action request, the finding under the cursor first.

    Editors send the diagnostics they show at the cursor, but some (Neovim's
    ``vim.lsp.buf.code_action()`` on a selection) send none: then the fixes
    are those of the diagnostics this server published that touch the range.
    """
    diagnostics = list(given) or [d for d in published if _touches(d.range, at)]
    ordered = sorted(diagnostics, key=lambda d: (not _touches(d.range, types.Range(
        start=at.start, end=at.start)), _distance(d.range, at)))
    return quick_fixes(uri, ordered, text_in)


def _key(position: types.Position) -> tuple[int, int]:
    return position.line, position.character


def _touches(a: types.Range, b: types.Range) -> bool:
    """Return True when two ranges overlap or touch (a cursor at a span's end counts)."""
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def _distance(a: types.Range, b: types.Range) -> tuple[int, int]:
    """Return how far a diagnostic starts from the request, in lines then characters."""
    return abs(a.start.line - b.start.line), abs(a.start.character - b.start.character)
