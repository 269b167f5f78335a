"""The reader's word lists, loaded once from the built-in ``rules/mail.yaml`` lexicon.

The reader runs before any rule pack is loaded (the language server and the
tests read drafts on their own), so it reads its lexicon file directly; the
lists are data, kept with the other lexicons, not in Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import yaml

from followup_lint.checking.registry import builtin_packs_dir

LEXICON_FILE = "mail.yaml"


@dataclass(frozen=True)
class MailWords:
    """Compiled patterns for the parts of an email, built from the lexicon."""

    closings: tuple[str, ...]
    signoff: re.Pattern[str]
    signoff_with_name: re.Pattern[str]
    separator: re.Pattern[str]
    header_line: re.Pattern[str]
    intro: re.Pattern[str]
    subject_prefix: re.Pattern[str]


@lru_cache(maxsize=1)
def mail_words() -> MailWords:
    """Return the reader's patterns, compiled from ``rules/mail.yaml`` on first use."""
    path = builtin_packs_dir() / LEXICON_FILE
    lexicons = yaml.safe_load(path.read_text(encoding="utf-8"))["lexicons"]
    closings = tuple(str(p).lower() for p in lexicons["closings"])
    closing = _alternatives(closings)
    names = _alternatives(str(n) for n in lexicons["quote-header-names"])
    separators = _alternatives(str(s) for s in lexicons["quote-separators"])
    return MailWords(
        closings=closings,
        signoff=re.compile(rf"^\s*(?:{closing})\s*[,.!]?\s*$", re.IGNORECASE),
        signoff_with_name=re.compile(
            rf"^\s*(?:{closing})\s*,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,2}}\s*$",
            re.IGNORECASE),
        # "-----Original Message-----", "---------- Forwarded message ---------",
        # "Begin forwarded message:", and Outlook's line of underscores.
        separator=re.compile(rf"^\s*(?:-{{2,}}\s*(?:{separators})\s*-{{2,}}|(?:{separators}):"
                             rf"|_{{10,}})\s*$", re.IGNORECASE),
        header_line=re.compile(rf"^\s*\*?(?:{names})\*?\s?:\*?\s", re.IGNORECASE),
        intro=re.compile("|".join(f"(?:{p})" for p in lexicons["quote-intros"]),
                         re.IGNORECASE),
        subject_prefix=re.compile(
            rf"(?:(?:{_alternatives(str(p) for p in lexicons['subject-prefixes'])})"
            r"(?:\[\d+\])?[ \t]?:[ \t]*)+", re.IGNORECASE),
    )


def _alternatives(phrases: Iterable[str]) -> str:
    """Return a regex alternation of the phrases, longest first (so "best regards" beats "best")."""
    return "|".join(sorted({re.escape(p) for p in phrases}, key=len, reverse=True))
