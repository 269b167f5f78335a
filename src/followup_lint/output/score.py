"""The send-readiness score: 100 minus what the findings cost, explained by group.

The score only ever moves because of findings, so every point lost points at
something the writer can fix. The weights are data (``scoring.yaml`` beside
this module); ``Weights.from_mapping`` validates the same shape from any
configuration source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from followup_lint.core.errors import ConfigError
from followup_lint.core.findings import Finding, Severity
from followup_lint.core.text import SCORED_GROUPS
from followup_lint.draft.body_stats import Statistics, draft_statistics

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft

#: The groups every breakdown shows, in this order, even when they lost nothing.
GROUPS = SCORED_GROUPS
#: The keys a weights table may hold (``scoring.yaml`` and ``[tool.followup-lint.scoring]``).
TOP_KEYS = ("severity_points", "groups", "other_group", "repeat", "statistics")
STATISTICS_KEYS = ("words_per_minute", "abbreviations")


@dataclass(frozen=True)
class GroupWeight:
    """What a group's findings cost: a multiplier and the most the group can lose."""

    weight: float
    cap: float


@dataclass(frozen=True)
class Weights:
    """Everything the score and statistics depend on; defaults in ``scoring.yaml``."""

    severity_points: Mapping[str, float]
    groups: Mapping[str, GroupWeight]
    other_group: GroupWeight
    repeat: float
    words_per_minute: int = 200
    abbreviations: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], origin: str = "scoring") -> Weights:
        """Build weights from parsed YAML or TOML; errors name the origin and the key."""
        _check_keys(data, TOP_KEYS, origin)
        _check_keys(data.get("statistics") or {}, STATISTICS_KEYS, f"{origin}.statistics")
        try:
            stats = data.get("statistics") or {}
            points = {s.value: float(data["severity_points"][s.value]) for s in Severity}
            groups = {str(name): _group(value) for name, value in data["groups"].items()}
            weights = cls(
                severity_points=points,
                groups=groups,
                other_group=_group(data.get("other_group", {"weight": 1.0, "cap": 30})),
                repeat=float(data.get("repeat", 1.0)),
                words_per_minute=int(stats.get("words_per_minute", 200)),
                abbreviations=tuple(str(a) for a in stats.get("abbreviations", ())),
            )
        except KeyError as exc:
            raise ConfigError(f"{origin}: invalid scoring weights: missing key {exc}; see the "
                              "README section 'Send-readiness score'") from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"{origin}: invalid scoring weights: {exc}; see the "
                              "README section 'Send-readiness score'") from None
        if not 0 <= weights.repeat <= 1 or weights.words_per_minute <= 0:
            raise ConfigError(f"{origin}: 'repeat' must be between 0 and 1 and "
                              "'words_per_minute' above 0")
        return weights

    def group(self, name: str) -> GroupWeight:
        """Return the weight of a group, or the fallback for groups not configured."""
        return self.groups.get(name, self.other_group)


def _check_keys(data: Any, allowed: tuple[str, ...], origin: str) -> None:
    if not isinstance(data, Mapping):
        raise ConfigError(f"{origin}: must be a table")
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ConfigError(f"{origin}: unknown key '{unknown[0]}' (allowed: "
                          f"{', '.join(allowed)})")


def _group(value: Mapping[str, Any]) -> GroupWeight:
    return GroupWeight(weight=float(value["weight"]), cap=float(value["cap"]))


def default_weights() -> Weights:
    """Return the weights shipped in ``scoring.yaml``."""
    return Weights.from_mapping(_default_data(), origin="scoring.yaml")


def _default_data() -> dict[str, Any]:
    text = resources.files("followup_lint.output").joinpath("scoring.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def weights_with(overrides: Mapping[str, Any], origin: str) -> Weights:
    """Return the default weights with a configuration's table laid over them.

    Tables merge key by key (``groups.tone.weight = 2`` keeps tone's cap);
    keys may be written with dashes, as elsewhere in the configuration.
    """
    return Weights.from_mapping(_merge(_default_data(), _snake(overrides)), origin=origin)


def _snake(data: Mapping[str, Any]) -> dict[str, Any]:
    """Accept ``severity-points``, ``other-group`` and ``words-per-minute`` in TOML style."""
    def fix(table: Mapping[str, Any]) -> dict[str, Any]:
        return {str(k).replace("-", "_"): v for k, v in table.items()}

    out = fix(data)
    if isinstance(out.get("statistics"), Mapping):
        out["statistics"] = fix(out["statistics"])
    return out


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, Mapping) and isinstance(over, Mapping):
        return {**base, **{k: _merge(base.get(k), v) for k, v in over.items()}}
    return over


@dataclass(frozen=True)
class Cost:
    """One finding and the points it cost."""

    finding: Finding
    points: float


@dataclass
class GroupScore:
    """What one group lost, capped, and the findings that cost it."""

    cap: float
    costs: list[Cost] = field(default_factory=list)

    @property
    def lost(self) -> float:
        """Return the points this group lost: its findings' cost, at most its cap."""
        return round(min(self.cap, float(sum(c.points for c in self.costs))), 1)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object for this group."""
        return {
            "lost": self.lost,
            "cap": self.cap,
            "findings": [{"code": c.finding.code, "rule": c.finding.rule,
                          "line": c.finding.line, "column": c.finding.column,
                          "points": round(c.points, 1)} for c in self.costs],
        }


@dataclass
class Score:
    """A draft's send-readiness: total, breakdown by group, statistics."""

    total: int
    groups: dict[str, GroupScore]
    statistics: Statistics

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object: ``total``, ``groups`` and ``statistics``."""
        return {
            "total": self.total,
            "groups": {name: group.to_dict() for name, group in self.groups.items()},
            "statistics": self.statistics.to_dict(),
        }


def score_draft(findings: Iterable[Finding], draft: Draft, weights: Weights,
                groups: Mapping[str, str] | None = None) -> Score:
    """Score one draft from its findings; ``groups`` maps rule codes to their group.

    A finding whose rule has no group in ``groups`` counts under ``other``.
    A draft whose body has no words scores 0 whatever its findings (FL205
    too-short says why): with nothing to send it is not ready, even when
    that rule is turned off.
    """
    groups = groups or {}
    breakdown = {name: GroupScore(cap=weights.group(name).cap) for name in GROUPS}
    seen: Counter[str] = Counter()
    for finding in findings:
        name = groups.get(finding.code, "other")
        weight = weights.group(name)
        base = weights.severity_points[finding.severity.value] * weight.weight
        points = base * weights.repeat ** seen[finding.code]
        seen[finding.code] += 1
        breakdown.setdefault(name, GroupScore(cap=weight.cap)).costs.append(Cost(finding, points))
    lost = sum(group.lost for group in breakdown.values())
    statistics = draft_statistics(draft, words_per_minute=weights.words_per_minute,
                                  abbreviations=weights.abbreviations)
    total = max(0, round(100 - lost)) if draft.word_count else 0
    return Score(total=total, groups=breakdown, statistics=statistics)
