"""FL002 misspelt-metadata: a front matter key, header or kind the linter reads, misspelt."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity
from followup_lint.draft.metadata import KINDS, MetaProblem

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft


class MisspeltMetadata(Rule):
    """A front matter key, email header or kind that is almost one followup-lint reads.

    The timing rules need ``interview_date``; a draft that says
    ``interviewdate:`` or ``InterviewDate:`` would quietly switch them off.
    Keys are read with dashes or underscores (``interview-date`` and
    ``interview_date`` are the same key). A key that differs only in case or
    separators is still used, and reported so the next draft is spelt right;
    a near miss (``intervew_date``) is reported and not used. A ``kind`` such
    as ``thankyou`` is read as ``thank-you`` and reported the same way.
    """

    code = "FL002"
    name = "misspelt-metadata"
    group = "meta"
    severity = Severity.WARNING
    examples = Examples(
        flags=("---\ninterviewdate: 2026-11-03\n---\nThank you for the tour.",
               "---\nkind: thankyou\n---\nThank you for the tour."),
        passes=("---\ninterview-date: 2026-11-03\n---\nThank you for the tour.",
                "---\ninterview_date: 2026-11-03\nkind: thank-you\n---\nThank you for the tour."),
    )

    def check(self, draft: Draft, options: Any, context: RuleContext) -> Iterator[Hit]:
        """Report each misspelt key or kind where it is written in the header block."""
        header_end = _header_end(draft)
        for problem in draft.info.problems:
            start, end = _locate(draft.text, problem, header_end)
            meant = _replacement(draft, problem)
            yield Hit(start, end, _message(draft.text[start:end], problem, meant),
                      _suggestion(problem, meant), replacement=meant)


def _header_end(draft: Draft) -> int:
    body = [r.start for r in draft.regions if r.kind != "subject"]
    return min(body) if body else len(draft.text)


def _locate(text: str, problem: MetaProblem, limit: int) -> tuple[int, int]:
    key = re.escape(problem.key).replace("\\-", "[-_]?").replace("_", "[-_]?")
    pattern = rf"^[ \t]*(?:x-)?(?P<key>{key})[ \t]*:[ \t]*['\"]?(?P<value>[^\r\n'\"]*)"
    match = re.search(pattern, text[:limit], re.IGNORECASE | re.MULTILINE)
    if match is None:
        return 0, 0
    group = "value" if problem.value is not None else "key"
    return match.start(group), match.end(group) if match.group(group) else match.end("key")


def _message(written: str, problem: MetaProblem, dashed: str) -> str:
    if problem.value is not None:
        if problem.used:
            return (f'The kind "{written}" is read as "{problem.meant}"; '
                    f'write it "{problem.meant}" so every tool reads it.')
        return (f'"{written}" is not a kind followup-lint knows, so the kind is guessed from '
                f'the text; did you mean "{problem.meant}"?')
    if problem.used:
        return f'"{written}" is read as "{dashed}"; write it "{dashed}" so every tool reads it.'
    return (f'"{written}" is not a key followup-lint reads, so it is ignored; '
            f'did you mean "{dashed}"?')


def _suggestion(problem: MetaProblem, dashed: str) -> str:
    if problem.value is not None:
        return f"Use one of: {', '.join(KINDS)}."
    return f'Rename it "{dashed}" (dashes or underscores: both work).'


def _replacement(draft: Draft, problem: MetaProblem) -> str:
    """Return the spelling to write: ``interview-date``, or ``Interview-Date`` as a header."""
    if problem.value is not None:
        return problem.meant
    meant = problem.meant.replace("_", "-")
    return meant.title() if draft.format == "eml" else meant
