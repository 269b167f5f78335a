"""``followup-lint rule CODE``: a rule's documentation, built from the rule itself.

The text comes from the rule's docstring (or its pack entry's summary and
why), its examples and its options, so Python rules and pack rules read alike.
"""

from __future__ import annotations

import textwrap

from followup_lint.checking.rule import Rule
from followup_lint.checking.rule_options import describe_options


def explain_rule(rule: Rule) -> str:
    """Return the plain-text documentation of a rule."""
    doc = _plain(textwrap.dedent(rule.documentation)).strip().splitlines()
    summary = doc[0].strip() if doc else rule.summary
    why = textwrap.dedent("\n".join(doc[1:])).strip()
    lines = [f"{rule.code} {rule.name} ({rule.group}, {rule.severity.value} by default)", "",
             summary, ""]
    if why:
        lines += ["Why it matters:", textwrap.indent(why, "  "), ""]
    if rule.examples.flags:
        lines += ["Flagged:", "\n\n".join(_example(t) for t in rule.examples.flags[:2]), ""]
    if rule.examples.passes:
        lines += ["Passes:", "\n\n".join(_example(t) for t in rule.examples.passes[:2]), ""]
    options = describe_options(rule.Options)
    if options:
        lines.append("Options (under [tool.followup-lint.rules." + rule.name + "]):")
        lines += [f"  {name} = {default!r}  ({kind})" for name, kind, default in options]
        lines.append("")
    lines += [
        "Turn it off:",
        f'  everywhere:  ignore = ["{rule.code}"] in [tool.followup-lint], or --ignore {rule.code}',
        f"  one draft:   front matter  followup-lint: {{ignore: [{rule.name}]}}",
        f"  in markdown: <!-- followup-lint: disable-next-line {rule.code} -->",
        f'  its level:   [tool.followup-lint.severity] {rule.name} = "info"',
        f"  source:      {rule.origin}",
    ]
    return "\n".join(lines)


def _plain(text: str) -> str:
    """Return docstring text with reStructuredText's ``double backticks`` as plain quotes."""
    import re

    return re.sub(r"``([^`]+)``", r"\1", text)


def _example(text: str) -> str:
    """Return an example draft indented, its own line breaks kept (front matter, greeting)."""
    text = text.strip("\n")
    if len(text) > 400:
        text = text[:399] + "…"
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(["  | " + lines[0], *(f"  | {line}" if line else "  |" for line in lines[1:])])
