"""Per-rule fixtures, as sqlfluff keeps them: ``tests/rules/FL102.yaml`` holds one rule's cases.

Each case is a draft (``text``, read as ``file``, default ``d.txt``) or a run of
several (``drafts``: name -> text, for cross-draft rules), optional rule
``options`` (as in ``[tool.followup-lint.rules.NAME]``), and the exact
``findings`` of that rule alone: line, column, end line, end column (1-based,
as the text format prints them), severity, and ``span``, the flagged text when
it sits on one line and is at most ``SPAN_MAX`` characters long. ``findings:
[]`` is a passing case. Every rule has a file with at least one flagged and one
passing case; one parametrized test runs them all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from followup_lint.checking.engine import Linter
from followup_lint.checking.registry import Registry, build_registry
from followup_lint.checking.rule_options import build_options
from followup_lint.core.findings import Finding
from followup_lint.reading.reader import read_draft

from .conftest import HERE

FIXTURES = HERE / "rules"
CASE_KEYS = {"name", "text", "file", "drafts", "options", "findings"}
FINDING_KEYS = {"path", "line", "column", "end_line", "end_column", "severity", "span"}
SPAN_MAX = 120


def load(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(data) == {"rule", "cases"} and data["rule"] == path.stem, path
    return data["cases"]


def all_cases() -> Iterator[Any]:
    for path in sorted(FIXTURES.glob("*.yaml")):
        for case in load(path):
            yield pytest.param(path.stem, case, id=f"{path.stem}: {case['name']}")


def described(finding: Finding, texts: Mapping[str, str], several: bool) -> dict[str, Any]:
    """A finding as a fixture writes it."""
    row: dict[str, Any] = {"path": finding.path} if several else {}
    row.update(line=finding.line, column=finding.column, end_line=finding.end_line,
               end_column=finding.end_column, severity=finding.severity.value)
    if finding.line == finding.end_line:
        line = texts[finding.path].replace("\r\n", "\n").split("\n")[finding.line - 1]
        span = line[finding.column - 1 : finding.end_column - 1]
        if len(span) <= SPAN_MAX:
            row["span"] = span
    return row


_LINTERS: dict[tuple[str, str], Linter] = {}


def linter_for(registry: Registry, code: str, options: Mapping[str, Any]) -> Linter:
    """One linter per rule and options, built like the planner builds them (one rule only)."""
    key = (code, repr(sorted(options.items())))
    if key not in _LINTERS:
        rule = registry.rules[code]
        built = {code: build_options(rule.Options, dict(options), f"{code} fixture")}
        _LINTERS[key] = Linter([rule], lexicons=registry.lexicons, options=built,
                               is_rule=registry.is_rule)
    return _LINTERS[key]


def run_case(registry: Registry, code: str, case: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Lint a case's draft(s) with its one rule and return the findings as a fixture lists them."""
    several = "drafts" in case
    texts = dict(case["drafts"]) if several else {case.get("file", "d.txt"): case["text"]}
    drafts = [read_draft(name, text.encode("utf-8")) for name, text in sorted(texts.items())]
    results = list(linter_for(registry, code, case.get("options") or {}).lint(drafts))
    for result in results:
        assert result.error is None, result.error
    return [described(f, texts, several) for r in results for f in r.findings]


@pytest.fixture(scope="module")
def fixture_registry(nlp: Any) -> Registry:
    return build_registry()


def test_every_rule_has_flagged_and_passing_cases(fixture_registry: Registry) -> None:
    have = {path.stem for path in FIXTURES.glob("*.yaml")}
    assert have == set(fixture_registry.rules), "one tests/rules/CODE.yaml per rule"
    for code in sorted(have):
        cases = load(FIXTURES / f"{code}.yaml")
        assert any(c["findings"] for c in cases), f"{code}: no flagged case"
        assert any(not c["findings"] for c in cases), f"{code}: no passing case"
        for case in cases:
            assert set(case) <= CASE_KEYS and {"name", "findings"} <= set(case), (code, case)
            assert ("text" in case) != ("drafts" in case), (code, case["name"])
            assert all(set(f) <= FINDING_KEYS for f in case["findings"]), (code, case["name"])


@pytest.mark.parametrize(("code", "case"), list(all_cases()))
def test_rule_fixture(fixture_registry: Registry, code: str, case: dict[str, Any]) -> None:
    assert run_case(fixture_registry, code, case) == case["findings"]
