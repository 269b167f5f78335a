"""The built-in Python rules: the checks that need more than phrase matching.

Registered through the ``followup_lint.rules`` entry point, exactly as a
third-party plugin would be. Importing this package must stay cheap: rules
import spaCy and VADER only when they run.
"""

from __future__ import annotations

from followup_lint.builtin.directives import BadDirective
from followup_lint.builtin.length import TooLong
from followup_lint.builtin.negativity import Negativity
from followup_lint.builtin.shouting import Shouting
from followup_lint.builtin.specificity import MissingDetail

RULES = [BadDirective, Negativity, TooLong, MissingDetail, Shouting]

__all__ = ["RULES", "BadDirective", "MissingDetail", "Negativity", "Shouting", "TooLong"]
