"""Suppressions written inside a draft, where they never reach the recipient.

* Front matter, any draft: ``followup-lint: {ignore: [FL201, desperation]}``.
* Markdown drafts, in HTML comments that renderers hide:
  ``<!-- followup-lint: disable FL102 -->`` ... ``<!-- followup-lint: enable FL102 -->``
  and ``<!-- followup-lint: disable-next-line FL102 -->``. Without rules, a
  directive applies to every rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from followup_lint.core.errors import ConfigError
from followup_lint.core.findings import Finding
from followup_lint.draft.parsed import Draft

DIRECTIVE_RE = re.compile(
    r"<!--\s*followup-lint\s*:\s*(?P<action>disable-next-line|disable|enable)\b"
    r"(?P<rules>[^>]*?)\s*-->",
    re.IGNORECASE,
)
META_KEY = "followup-lint"
ALL = "*"


@dataclass(frozen=True)
class Directive:
    """One suppression comment: its action, the selectors it names, and where it is."""

    action: str
    selectors: tuple[str, ...]
    start: int
    end: int
    line: int


@dataclass
class Suppressions:
    """What a draft suppresses: whole rules, line ranges per rule, and single lines."""

    codes: set[str] = field(default_factory=set)
    ranges: list[tuple[str, int, int]] = field(default_factory=list)

    def allows(self, finding: Finding) -> bool:
        """Return False when a directive in the draft turns this finding off."""
        if finding.code in self.codes or ALL in self.codes:
            return False
        return not any(code in (finding.code, ALL) and first <= finding.line <= last
                       for code, first, last in self.ranges)


def directives(draft: Draft) -> Iterator[Directive]:
    """Yield the markdown comment directives of a draft (only .md drafts have them)."""
    if draft.format != "md":
        return
    for m in DIRECTIVE_RE.finditer(draft.text):
        selectors = tuple(s for s in re.split(r"[\s,]+", m.group("rules")) if s)
        line, _ = draft.lines.position(m.start())
        yield Directive(m.group("action").lower(), selectors, m.start(), m.end(), line)


def front_matter_ignores(draft: Draft) -> tuple[str, ...]:
    """Return the selectors in the front matter's ``followup-lint: {ignore: [...]}``."""
    value = draft.meta.get(META_KEY)
    if value is None:
        return ()
    ignore = value.get("ignore") if isinstance(value, dict) else None
    if isinstance(ignore, str):
        ignore = [ignore]
    if not isinstance(ignore, list) or not all(isinstance(v, str) for v in ignore):
        raise ValueError("front matter 'followup-lint' must be {ignore: [rule, ...]}")
    return tuple(ignore)


def suppressions(draft: Draft, resolve: Callable[[str], list[str]]) -> Suppressions:
    """Collect a draft's suppressions; selectors that do not resolve are skipped.

    ``resolve`` turns a selector (code, name, group, prefix) into codes and
    raises ``ConfigError`` for an unknown one; the bad-directive rule reports
    those, so here they are simply ignored.
    """
    result = Suppressions()
    try:
        for selector in front_matter_ignores(draft):
            result.codes.update(_codes(selector, resolve))
    except ValueError:
        pass
    open_from: dict[str, int] = {}
    last_line = draft.lines.line_count
    for d in directives(draft):
        codes = [ALL] if not d.selectors else [c for s in d.selectors for c in _codes(s, resolve)]
        for code in codes:
            if d.action == "disable-next-line":
                result.ranges.append((code, d.line + 1, d.line + 1))
            elif d.action == "disable":
                open_from.setdefault(code, d.line)
            elif code in open_from:
                result.ranges.append((code, open_from.pop(code), d.line))
    result.ranges.extend((code, first, last_line) for code, first in open_from.items())
    return result


def _codes(selector: str, resolve: Callable[[str], list[str]]) -> list[str]:
    try:
        return resolve(selector)
    except ConfigError:
        return []
