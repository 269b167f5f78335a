"""The built-in Python rules: the checks that need more than phrase matching.

Registered through the ``followup_lint.rules`` entry point, exactly as a
third-party plugin would be. Importing this package must stay cheap: rules
import spaCy, VADER and textstat only when they run.
"""

from __future__ import annotations

from followup_lint.builtin.bad_directive import BadDirective
from followup_lint.builtin.desperation import Desperation
from followup_lint.builtin.doubled_word import DoubledWord
from followup_lint.builtin.early_nudge import EarlyNudge
from followup_lint.builtin.grammar_slip import GrammarSlip
from followup_lint.builtin.hard_to_read import HardToRead
from followup_lint.builtin.impersonal_greeting import ImpersonalGreeting
from followup_lint.builtin.late_thank_you import LateThankYou
from followup_lint.builtin.long_sentence import LongSentence
from followup_lint.builtin.mismatched_name import MismatchedName
from followup_lint.builtin.missing_detail import MissingDetail
from followup_lint.builtin.missing_thanks import MissingThanks
from followup_lint.builtin.misspelt_metadata import MisspeltMetadata
from followup_lint.builtin.name_spelling import NameSpelling
from followup_lint.builtin.negativity import Negativity
from followup_lint.builtin.reused_draft import ReusedDraft
from followup_lint.builtin.shouting import Shouting
from followup_lint.builtin.spelling import Spelling
from followup_lint.builtin.too_long import TooLong
from followup_lint.builtin.too_many_follow_ups import TooManyFollowUps
from followup_lint.builtin.too_many_questions import TooManyQuestions
from followup_lint.builtin.too_short import TooShort
from followup_lint.builtin.weak_subject import WeakSubject

RULES = [BadDirective, Negativity, Desperation, TooLong, MissingThanks, MissingDetail, Shouting,
         LongSentence, HardToRead, TooShort, TooManyQuestions, ImpersonalGreeting, WeakSubject,
         MismatchedName, ReusedDraft, LateThankYou, EarlyNudge, TooManyFollowUps,
         MisspeltMetadata, Spelling, DoubledWord, GrammarSlip, NameSpelling]

__all__ = [
         "RULES",
         "BadDirective",
         "Desperation",
         "DoubledWord",
         "EarlyNudge",
         "GrammarSlip",
         "HardToRead",
         "ImpersonalGreeting",
         "LateThankYou",
         "LongSentence",
         "MismatchedName",
         "MissingDetail",
         "MissingThanks",
         "MisspeltMetadata",
         "NameSpelling",
         "Negativity",
         "ReusedDraft",
         "Shouting",
         "Spelling",
         "TooLong",
         "TooManyFollowUps",
         "TooManyQuestions",
         "TooShort",
         "WeakSubject",
]
