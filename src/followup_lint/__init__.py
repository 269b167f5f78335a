"""followup-lint: a tone and quality linter for interview follow-up emails.

The public API is small and lints text or files the way the command line
does (README: "Python API")::

    import followup_lint

    for f in followup_lint.lint_text(open("draft.txt").read()):
        print(f.line, f.column, f.code, f.message)

``lint_text``, ``lint_paths``, ``score_text`` and the reusable ``Linter``
(which loads the language model once) import their machinery on first use,
so ``import followup_lint`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from followup_lint.core.errors import LintError
from followup_lint.core.findings import Finding, Hit, Severity

if TYPE_CHECKING:
    from followup_lint.api import Linter, lint_paths, lint_text, score_text
    from followup_lint.output.score import Score

__all__ = ["Finding", "Hit", "LintError", "Linter", "Score", "Severity", "__version__",
           "lint_paths", "lint_text", "score_text"]

_LAZY = {"Linter": "followup_lint.api", "lint_text": "followup_lint.api",
         "lint_paths": "followup_lint.api", "score_text": "followup_lint.api",
         "Score": "followup_lint.output.score"}


def __getattr__(name: str) -> Any:
    """Import the API's machinery only when it is first used."""
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'followup_lint' has no attribute {name!r}")
