"""Convention tests over the whole registry: every rule is documented, unique and exemplified."""

from __future__ import annotations

import dataclasses

import pytest

from followup_lint.checking.cross_draft import CorpusRule
from followup_lint.checking.registry import Registry, build_registry
from followup_lint.checking.rule import CODE_RE, GROUPS, NAME_RE

ALL = build_registry().sorted_rules()
CORE = {"FL101": "negativity", "FL102": "desperation", "FL201": "too-long",
        "FL301": "missing-thanks", "FL302": "missing-detail", "FL401": "placeholder",
        "FL402": "shouting"}


def test_core_rules_have_their_public_codes_and_names(registry: Registry) -> None:
    assert {code: registry.rules[code].name for code in CORE} == CORE


@pytest.mark.parametrize("rule", ALL, ids=lambda r: r.code)
def test_rule_identity_and_documentation(rule) -> None:  # type: ignore[no-untyped-def]
    assert CODE_RE.match(rule.code)
    assert NAME_RE.match(rule.name)
    assert rule.group in GROUPS
    assert rule.summary and len(rule.summary) < 100
    assert len(rule.documentation.split()) >= 25, "explain why the rule matters"
    assert rule.examples.flags and rule.examples.passes
    assert dataclasses.is_dataclass(rule.Options)
    rule.Options()  # defaults are valid


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in ALL}) == len(ALL)
    assert len({r.name for r in ALL}) == len(ALL)


def run_of(texts: tuple[str, ...]) -> dict[str, str]:
    """Name a cross-draft example's drafts d1.md, d2.md, ... as in a folder."""
    return {f"d{i}.md": text for i, text in enumerate(texts, 1)}


@pytest.mark.parametrize("rule", ALL, ids=lambda r: r.code)
def test_examples_flag_and_pass(rule, lint, lint_run) -> None:  # type: ignore[no-untyped-def]
    if isinstance(rule, CorpusRule):
        for texts in rule.examples.flags:
            assert lint_run(run_of(texts), codes=(rule.code,)), f"{rule.code} should flag"
        for texts in rule.examples.passes:
            found = lint_run(run_of(texts), codes=(rule.code,))
            assert not found, f"{rule.code} should pass: {found}"
        return
    for text in rule.examples.flags:
        assert lint(text, codes=(rule.code,)), f"{rule.code} should flag: {text}"
    for text in rule.examples.passes:
        found = lint(text, codes=(rule.code,))
        assert not found, f"{rule.code} should pass: {text}: {found}"


@pytest.mark.parametrize("rule", ALL, ids=lambda r: r.code)
def test_every_finding_has_a_message_and_suggestion(rule, lint, lint_run) -> None:  # type: ignore[no-untyped-def]
    if isinstance(rule, CorpusRule):
        found = [f for texts in rule.examples.flags
                 for f in lint_run(run_of(texts), codes=(rule.code,))]
    else:
        found = [f for text in rule.examples.flags for f in lint(text, codes=(rule.code,))]
    assert found
    for finding in found:
        assert finding.message.endswith((".", "?", "!")), finding.message
        assert finding.suggestion, f"{rule.code} gives no suggestion"
