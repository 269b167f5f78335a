"""The one contract every rule follows, whether written in Python or in a rule pack.

A rule declares who it is (code, name, group, default severity), what it needs
from spaCy, its typed options, and examples; ``check`` receives a parsed draft
and yields ``Hit`` spans. The engine stamps identity and severity afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from followup_lint.core.findings import Hit, Severity
from followup_lint.core.text import GROUPS as RULE_GROUPS

if TYPE_CHECKING:
    from spacy.language import Language

    from followup_lint.draft.parsed import Draft

CODE_RE = re.compile(r"^[A-Z]{1,3}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
GROUPS = RULE_GROUPS


@dataclass(frozen=True)
class Examples:
    """Drafts (body text) that must be flagged and that must pass; tests run them all."""

    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoOptions:
    """Options of a rule that has none."""


@dataclass
class RuleContext:
    """What a rule may use besides the draft: the loaded model and the pack lexicons."""

    nlp: Language
    lexicons: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    #: Whether a selector (code, name, group or prefix) names a known rule.
    is_rule: Callable[[str], bool] = lambda selector: True

    def lexicon(self, name: str) -> tuple[Any, ...]:
        """Return a lexicon (a list of words, phrases or patterns) from the rule packs."""
        return self.lexicons.get(name, ())


class Rule:
    """Base class of all rules. Subclasses set the class attributes and ``check``.

    The docstring is the rule's documentation: a summary line, then why it
    matters for a follow-up email.
    """

    code: str = ""
    name: str = ""
    group: str = ""
    severity: Severity = Severity.WARNING
    #: What the rule reads from spaCy's parse: any of ``nlp.NEEDS`` ("tagger",
    #: "attribute_ruler" for POS, "lemmatizer", "parser", "senter" for sentences
    #: only, "ner"); the engine loads the union over the enabled rules. None
    #: (undeclared) gets the tagger, lemmatizer and parser, as before rules declared.
    needs: frozenset[str] | None = None
    Options: ClassVar[type] = NoOptions
    examples: Examples = Examples()
    origin: str = "builtin"

    @property
    def summary(self) -> str:
        """Return the first line of the documentation."""
        return self.documentation.strip().splitlines()[0].strip() if self.documentation else ""

    @property
    def documentation(self) -> str:
        """Return the rule's documentation text (its docstring for Python rules)."""
        return type(self).__doc__ or ""

    def warm_up(self, lexicons: Mapping[str, tuple[Any, ...]]) -> None:
        """Start slow set-up that needs no model, just before the model loads.

        Work started here can run in another process while spaCy loads (the
        proofreading rules start Harper's companion process).
        """

    def prepare(self, context: RuleContext) -> None:
        """Build matchers or other state once per run, after the model is loaded."""

    def before_parse(self, draft: Draft, context: RuleContext) -> None:
        """Start work on a draft that needs no parse, when it is queued for parsing.

        Work handed to another process here overlaps spaCy's parse of the draft.
        """

    def check(self, draft: Draft, options: Any, context: RuleContext) -> Iterator[Hit]:
        """Yield the problems found in one parsed draft."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} {self.name}>"
