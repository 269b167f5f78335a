"""FL604 name-spelling: a name spelt differently from the way the draft spells it elsewhere."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup_lint.checking import proofreader as proof
from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.english_words import is_english_word
from followup_lint.core.findings import Hit, Severity

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft

OWN_WORDS = ("subject", "greeting", "body", "signoff", "signature")


class NameSpelling(Rule):
    """A name spelt one way in the metadata and another in the draft.

    Misspelling the interviewer's name, the company's or your own is the
    slip readers notice first. The names come from the front matter or
    headers (``to``, ``from``, ``interviewer``, ``company``), the greeting
    and the signature; a capitalised word one or two letters away from one
    of them ("Katharine" for Katherine, "Brigthline" for Brightline) is
    reported, unless it is a short form (Dan is not a misspelling of Dana).
    Both spellings may be real names, but in one draft to one person only
    one of them is right.
    """

    code = "FL604"
    name = "name-spelling"
    group = "proofreading"
    severity = Severity.WARNING
    examples = Examples(
        flags=("---\ninterviewer: Katherine Oduya\ncompany: Brightline\n---\nDear Katherine,\n\n"
               "Thank you for the tour. I would love to join Brigthline.",),
        passes=("---\ninterviewer: Dana Cho\ncompany: Acme\n---\nDear Dana,\n\nThank you for the "
                "tour. Dan from the Acme data team was very kind.",),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of name-spelling."""

        #: Words that are never misspellings of a name (a colleague "Dane" when you wrote to
        #: Dana); the spelling rule has its own list.
        words: tuple[str, ...] = ()

    def warm_up(self, lexicons: Mapping[str, tuple[Any, ...]]) -> None:
        """Start Harper's companion process while the model loads (a command-line run)."""
        proof.warm_up(lexicons)

    def prepare(self, context: RuleContext) -> None:
        """Use Harper to tell ordinary words from names; the CMU dictionary without it."""
        self._proof = proof.for_rules(context)

    def _common(self, word: str) -> bool:
        if self._proof is not None:
            return self._proof.is_common_word(word)
        return is_english_word(word)  # names too: fewer findings, never a false one

    def check(self, draft: Draft, options: Options, context: RuleContext) -> Iterator[Hit]:
        """Report capitalised words one or two edits from a known name of this draft."""
        names = {n for n in proof.known_names(draft) if len(n) >= 3}
        allowed = {w.lower() for w in options.words}
        spelled = {n.lower(): n for n in _display_names(draft)}
        for offset, text in draft.own_text(*OWN_WORDS):
            for m in proof.words_of(text):
                word = re.sub(r"['’]s?$", "", m.group())
                lower = word.lower()
                if lower in names or lower in allowed or len(word) < 4:
                    continue
                match = _closest(lower, names)
                if match is None or match.startswith(lower) or lower.startswith(match):
                    continue  # "Dan" for Dana, "Acmes": a short form, not a slip
                if self._common(word):  # asked last: a Harper look-up costs milliseconds
                    continue  # "Data" is a word, not a slip for Dana
                right = spelled.get(match, match.capitalize())
                start = offset + m.start()
                yield Hit(start, start + len(word),
                          f'"{word}" looks like a misspelling of "{right}", as the name is '
                          "written elsewhere in this draft.",
                          f'Spell the name "{right}" everywhere.', replacement=right,
                          safe=False)


def _display_names(draft: Draft) -> list[str]:
    """Return the name words as the draft writes them (for the replacement's capitals)."""
    out = []
    for key in proof.NAME_KEYS:
        value = draft.meta.get(key)
        if isinstance(value, str):
            out += [m.group() for m in proof.words_of(value)]
    return out


def _closest(word: str, names: set[str]) -> str | None:
    """Return the name a word is a likely misspelling of: 1 edit (2 for long names)."""
    best: tuple[int, str] | None = None
    for name in names:
        limit = 2 if min(len(name), len(word)) >= 7 else 1
        if abs(len(name) - len(word)) > limit or name[0] != word[0]:
            continue
        distance = proof.edit_distance(word, name, limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, name)
    return best[1] if best else None

