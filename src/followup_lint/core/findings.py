"""What rules produce (``Hit``) and what the linter reports (``Finding``).

Rules only say *where* and *what*: a character span and a message. The engine
stamps the rule's identity and severity, so rules never repeat their own code
and severities stay configurable.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How much a finding matters; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Return a number that grows with importance, for ``--fail-on``."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class Hit:
    """A problem a rule found: a span of the draft's original text and what to say."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    #: A rule whose findings differ in weight may set one; else the rule's default applies.
    severity: Severity | None = None
    #: The exact text that should stand in place of [start, end), when the fix is that
    #: mechanical ("SO" -> "so", "??" -> "?"); editors offer it as a one-click fix.
    #: None when the suggestion is advice the writer has to apply in their own words.
    replacement: str | None = None
    #: Whether ``--fix`` may apply the replacement on its own. An unsafe one (a guessed
    #: spelling, a grammar rewrite) could change what the writer meant, so it is only
    #: applied with ``--unsafe-fixes``; editors offer both kinds as quick fixes.
    safe: bool = True


@dataclass(frozen=True)
class Finding:
    """A reported problem, with 1-based positions in the original file."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    suggestion: str | None = None
    #: See ``Hit.replacement``. Not part of the JSON output, whose keys are fixed.
    replacement: str | None = None
    #: See ``Hit.safe``.
    safe: bool = True

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """Order findings by path, line, column, then code."""
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, object]:
        """Return the JSON object for this finding, with exactly the documented keys."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "suggestion": self.suggestion,
        }
