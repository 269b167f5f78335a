"""SARIF 2.1.0 logs, the format GitHub code scanning and other CI dashboards import.

One run: ``tool.driver`` describes every enabled rule (id, name, short and full
description, default level, help text), and each finding becomes one result
with its region. ``SarifFormatter`` in ``formatters.py`` writes the log.
Columns count Unicode code points, as the text output does, and the run says
so (``columnKind``); SARIF's end column is exclusive, as ours is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from followup_lint import __version__
from followup_lint.checking.rule import Rule
from followup_lint.core.findings import Finding, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif_log(rules: Sequence[Rule], findings: Iterable[Finding]) -> dict[str, Any]:
    """Return the SARIF log of one run: the rules that ran and what they found."""
    index = {rule.code: i for i, rule in enumerate(rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "followup-lint",
                "version": __version__,
                "rules": [descriptor(rule) for rule in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": [result(f, index.get(f.code)) for f in findings],
        }],
    }


def descriptor(rule: Rule) -> dict[str, Any]:
    """Return the reportingDescriptor of a rule: what it flags, why, and its default level."""
    summary = rule.summary
    why = rule.documentation.strip()[len(summary):].strip() or summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": " ".join(why.split())},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "help": {"text": f"{summary} {' '.join(why.split())}"},
        "properties": {"tags": [rule.group]},
    }


def result(finding: Finding, rule_index: int | None) -> dict[str, Any]:
    """Return the SARIF result of one finding, with its region and any one-click fix."""
    location = {"physicalLocation": {
        "artifactLocation": {"uri": artifact_uri(finding.path)},
        "region": region(finding),
    }}
    text = finding.message if not finding.suggestion else f"{finding.message} {finding.suggestion}"
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [location],
    }
    if rule_index is not None:
        out["ruleIndex"] = rule_index
    if finding.replacement is not None:
        out["fixes"] = [{
            "description": {"text": finding.suggestion or f"Replace with {finding.replacement!r}"},
            "artifactChanges": [{
                "artifactLocation": {"uri": artifact_uri(finding.path)},
                "replacements": [{"deletedRegion": region(finding),
                                  "insertedContent": {"text": finding.replacement}}],
            }],
        }]
    return out


def region(finding: Finding) -> dict[str, int]:
    """Return a SARIF region: 1-based lines and columns, end column exclusive."""
    return {"startLine": finding.line, "startColumn": finding.column,
            "endLine": finding.end_line, "endColumn": finding.end_column}


def artifact_uri(path: str) -> str:
    """Return a relative URI reference for a path as the linter printed it."""
    # errors="replace": a file name that is not UTF-8 (surrogate escapes) becomes %3F, not a crash
    return quote(PurePath(path).as_posix(), safe="/:", errors="replace")
