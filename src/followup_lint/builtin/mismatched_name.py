"""FL405 mismatched-name: the body names another company or person than the metadata."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from followup_lint.builtin.impersonal_greeting import normalize_greeting
from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.findings import Hit, Severity
from followup_lint.core.text import GREETING_WORDS

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft

_NAME = r"[A-Z][\w&'’-]*(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&'’-]*){0,3}"
#: The innermost bracketed part: a bracket never spans another opening one, so a line
#: of 200 KB of "<" is scanned in linear time.
_PLACEHOLDER_RE = re.compile(r"[\[{<][^\[{<\]}>\n]*[\]}>]")


class MismatchedName(Rule):
    """The body names a company or person that contradicts the metadata.

    The classic reused-template slip: "I'd love to join Globex" in a draft
    whose ``company`` is Acme, or "Dear Maria" when the ``interviewer`` is
    Dana. The reader sees at once that the note was written for someone else.
    A company counts only after words that mark it as the employer you are
    writing to (the ``company-cues`` lexicon: "join", "the role at"), so a
    past employer ("At Northwind I led...") is never a mismatch.
    """

    code = "FL405"
    name = "mismatched-name"
    group = "content"
    severity = Severity.ERROR
    needs = frozenset()  # reads the text only
    examples = Examples(
        flags=("---\ncompany: Acme\n---\nThank you for Tuesday. I'd love to join Globex.",
               "---\ninterviewer: Dana Cho\n---\nDear Maria,\n\nThank you for Tuesday."),
        passes=("---\ncompany: Acme Corp\n---\nThank you for Tuesday. I'd love to join Acme. "
                "At Northwind I led a similar project.",
                "---\ninterviewer: Dana Cho\n---\nDear Ms. Cho,\n\nThank you for Tuesday.",
                "Dear Maria,\n\nThank you for Tuesday. I'd love to join Globex."),
    )

    def check(self, draft: Draft, options: object, context: RuleContext) -> Iterator[Hit]:
        """Report a greeting name or an employer name that the metadata contradicts."""
        yield from self._person(draft, context)
        yield from self._company(draft, context)

    def _person(self, draft: Draft, context: RuleContext) -> Iterator[Hit]:
        expected = draft.info.addressee
        greeting = draft.region("greeting")
        if not expected or greeting is None:
            return
        generic = {str(w).lower() for w in context.lexicon("generic-addressees")}
        text = draft.text[greeting.start : greeting.end]
        # A template slot ("Dear [First Name],") is the placeholder rule's to report.
        words = re.findall(r"[^\W\d_][\w'’-]*", _PLACEHOLDER_RE.sub(" ", text))
        words = words[1:] if _opens(text) else words
        names = [w for w in words if w[:1].isupper() and w.lower().rstrip(".") not in generic]
        if not names or _overlaps(names, re.findall(r"[\w'’-]+", expected)):
            return
        at = greeting.start + text.find(names[0])
        yield Hit(at, at + len(names[0]),
                  f"The greeting says \"{names[0]}\", but this draft is to {expected}; "
                  "a name left from another draft tells the reader it was copied.",
                  f"Greet {expected} by name.")

    def _company(self, draft: Draft, context: RuleContext) -> Iterator[Hit]:
        company = draft.info.company
        if not company:
            return
        suffixes = frozenset(str(w).lower() for w in context.lexicon("company-suffixes"))
        wanted = _name_words(company, suffixes)
        pattern = _cue_pattern(tuple(str(c) for c in context.lexicon("company-cues")))
        for match in pattern.finditer(draft.prose):
            found = match.group("name").rstrip(".'’")
            found = re.sub(r"['’]s$", "", found)
            if _overlaps(_name_words(found, suffixes), wanted):
                continue
            start = match.start("name")
            yield Hit(start, start + len(found),
                      f"\"{found}\" is not {company}, the company this draft is for; a name "
                      "left from another draft tells the reader it was copied.",
                      f"Replace \"{found}\" with {company}.")


def _opens(text: str) -> bool:
    """Return True when a greeting line starts with a greeting word ("Hi", "Dear")."""
    words = normalize_greeting(text).split()
    return bool(words) and words[0] in GREETING_WORDS


def _name_words(name: str, suffixes: frozenset[str]) -> set[str]:
    """Return a company name's words without "Inc", "LLC", "Group" (lexicon company-suffixes)."""
    return {w.lower() for w in re.findall(r"[\w&'’-]+", name)} - suffixes


def _overlaps(names: Iterable[str], expected: Iterable[str]) -> bool:
    """Return True when a name matches an expected word, or is a short form of it.

    "Seun" for Oluwaseun and "Acme" for "Acme Corp" are the same name; "Maria"
    for Dana is not.
    """
    want = {w.lower().rstrip(".") for w in expected}
    for name in (w.lower().rstrip(".") for w in names):
        if name in want or any(len(name) >= 3 and (name in w or w in name) for w in want
                               if len(w) >= 3):
            return True
    return False


@lru_cache(maxsize=8)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """Match a cue phrase, then a capitalised name not preceded by "the", "your" or "our"."""
    parts = sorted((r"\s+".join(re.escape(w) for w in c.split()) for c in cues if c.strip()),
                   key=len, reverse=True)
    cue = "|".join(parts) or "(?!)"
    return re.compile(rf"(?<![\w'’])(?:{cue})[ \t]+(?P<name>{_NAME})(?![\w&])")
