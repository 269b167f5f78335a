"""FL001 bad-directive: a suppression in the draft names a rule that does not exist."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.checking.suppression import META_KEY, directives, front_matter_ignores
from followup_lint.core.findings import Hit, Severity

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft


class BadDirective(Rule):
    """A suppression comment or front matter key names a rule that does not exist.

    A misspelt suppression ("disable FL1O2", "ignore: [desparation]") silently
    does nothing, so the warning it was meant to silence keeps coming back,
    or worse, a typo hides nothing while you think it does. Each unknown rule
    in a directive is reported where it is written.
    """

    code = "FL001"
    name = "bad-directive"
    group = "meta"
    severity = Severity.WARNING
    needs = frozenset()  # reads the text only
    examples = Examples(
        flags=("---\nfollowup-lint: {ignore: [desparation]}\n---\nThank you for the tour.",),
        passes=("---\nfollowup-lint: {ignore: [desperation]}\n---\nThank you for the tour.",),
    )

    def check(self, draft: Draft, options: Any, context: RuleContext) -> Iterator[Hit]:
        """Report every selector in a directive that matches no rule."""
        known = context.is_rule
        try:
            ignored = front_matter_ignores(draft)
        except ValueError as exc:
            yield Hit(0, min(3, len(draft.text)), f"{exc}.",
                      "Write it as: followup-lint: {ignore: [FL201, desperation]}")
            ignored = ()
        for selector in ignored:
            if not known(selector):
                start = draft.text.find(selector, draft.text.find(META_KEY))
                start = max(start, 0)
                yield self._hit(selector, start, start + len(selector))
        for d in directives(draft):
            for selector in d.selectors:
                if not known(selector):
                    start = draft.text.find(selector, d.start, d.end)
                    yield self._hit(selector, start, start + len(selector))

    @staticmethod
    def _hit(selector: str, start: int, end: int) -> Hit:
        return Hit(start, end, f'"{selector}" is not a rule, so this suppression does nothing.',
                   "Use a rule code such as FL102 or a name such as desperation "
                   "(followup-lint --list-rules shows them all).")
