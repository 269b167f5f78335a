"""followup-lint: a tone and quality linter for interview follow-up emails.

The public API is small: lint text or files the way the command line does.
"""

from __future__ import annotations

__version__ = "0.1.0"

from followup_lint.core.findings import Finding, Hit, Severity

__all__ = ["Finding", "Hit", "Severity", "__version__"]
