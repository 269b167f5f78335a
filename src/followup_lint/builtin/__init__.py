"""The built-in Python rules: the checks that need more than phrase matching.

Registered through the ``followup_lint.rules`` entry point, exactly as a
third-party plugin would be. Importing this package must stay cheap: rules
import spaCy, VADER and textstat only when they run.
"""

from __future__ import annotations

from followup_lint.builtin.cadence import EarlyNudge, TooManyFollowUps
from followup_lint.builtin.directives import BadDirective
from followup_lint.builtin.greeting import ImpersonalGreeting
from followup_lint.builtin.length import TooLong
from followup_lint.builtin.names import MismatchedName
from followup_lint.builtin.negativity import Negativity
from followup_lint.builtin.questions import TooManyQuestions
from followup_lint.builtin.readability import HardToRead, LongSentence
from followup_lint.builtin.reuse import ReusedDraft
from followup_lint.builtin.shouting import Shouting
from followup_lint.builtin.specificity import MissingDetail
from followup_lint.builtin.subject import WeakSubject
from followup_lint.builtin.timing import LateThankYou

RULES = [BadDirective, Negativity, TooLong, MissingDetail, Shouting,
         LongSentence, HardToRead, TooManyQuestions, ImpersonalGreeting, WeakSubject,
         MismatchedName, ReusedDraft, LateThankYou, EarlyNudge, TooManyFollowUps]

__all__ = ["RULES", "BadDirective", "EarlyNudge", "HardToRead", "ImpersonalGreeting",
           "LateThankYou", "LongSentence", "MismatchedName", "MissingDetail", "Negativity",
           "ReusedDraft", "Shouting", "TooLong", "TooManyFollowUps", "TooManyQuestions",
           "WeakSubject"]
