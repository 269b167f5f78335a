"""Turn resolved Settings into a ready Linter, and pick the right one for each draft.

A run may cover drafts under several configuration files (the nearest one
wins for each draft). The ``Planner`` finds each draft's configuration, layers
the command line on top, and keeps one ``Profile`` (rules, options, filters)
per configuration, all sharing one loaded model.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from followup_lint.checking.engine import Linter
from followup_lint.checking.registry import Registry, build_registry
from followup_lint.checking.rule_options import build_options
from followup_lint.checking.suppression import suppressions
from followup_lint.config.files import Settings, find_config, layer, load_config, user_config
from followup_lint.core.errors import ConfigError
from followup_lint.core.findings import Finding
from followup_lint.draft.parsed import Draft

COMMAND_LINE = "command line"


class Profile:
    """The rules and filters that apply to the drafts under one set of settings."""

    def __init__(self, settings: Settings, registry: Registry) -> None:
        self.settings = settings
        self.registry = registry
        try:
            rules = registry.select(settings.select or None, settings.ignore)
        except ConfigError as exc:
            key = "select" if any(not registry.is_rule(s) for s in settings.select) else "ignore"
            raise ConfigError(f"{settings.origin(key)}: '{key}': {exc}") from None
        self.rules = rules
        self.linter = Linter(
            rules, lexicons=registry.lexicons, options=self._options(),
            severities={code: level for selector, level in settings.severity
                        for code in self._codes(selector, "severity")},
            model=settings.model, keep=self.keep, is_rule=registry.is_rule,
        )
        self._file_ignores = [(glob, {c for s in sel for c in self._codes(s, "per-file-ignores")})
                              for glob, sel in settings.per_file_ignores]
        self._allow = tuple(p.lower() for p in settings.allow)

    def _codes(self, selector: str, key: str) -> list[str]:
        try:
            return [r.code for r in self.registry.resolve(selector)]
        except ConfigError as exc:
            raise ConfigError(f"{self.settings.origin(key)}: '{key}': {exc}") from None

    def _options(self) -> dict[str, Any]:
        built: dict[str, Any] = {}
        for selector, values in self.settings.rule_options:
            where = f"{self.settings.origin('rules')}: [rules.{selector}]"
            try:
                (rule,) = self.registry.resolve(selector)[:1]
            except (ConfigError, ValueError):
                names = ", ".join(r.name for r in self.registry.sorted_rules())
                raise ConfigError(f"{where}: unknown rule '{selector}' (rules: {names})") from None
            built[rule.code] = build_options(rule.Options, dict(values), where)
        return built

    def keep(self, draft: Draft, findings: list[Finding]) -> list[Finding]:
        """Drop findings turned off by per-file ignores, allowed phrases or the draft itself."""
        ignored = self.ignored_codes(draft.source)
        suppressed = suppressions(draft, lambda s: [r.code for r in self.registry.resolve(s)])
        return [f for f in findings if f.code not in ignored and suppressed.allows(f)
                and not self._allowed(draft, f)]

    def ignored_codes(self, source: str) -> set[str]:
        """Return the codes that per-file-ignores turn off for a draft path."""
        if not self._file_ignores:
            return set()
        path = Path(source)
        try:
            relative = PurePosixPath(path.resolve().relative_to(self.settings.root.resolve()))
        except ValueError:
            relative = PurePosixPath(path.as_posix())
        codes: set[str] = set()
        for glob, selected in self._file_ignores:
            target = str(relative) if "/" in glob else relative.name
            if fnmatch.fnmatch(target, glob) or fnmatch.fnmatch(str(relative), glob):
                codes |= selected
        return codes

    def _allowed(self, draft: Draft, finding: Finding) -> bool:
        """Return True when at least half of the finding's span is an allowed phrase.

        So an allowed "really need this job" silences the finding on "I really
        need this job", while an allowed word inside a whole line that a
        document-level finding points at does not silence that finding.
        """
        if not self._allow:
            return False
        start = draft.lines.offset(finding.line, finding.column)
        end = max(draft.lines.offset(finding.end_line, finding.end_column), start + 1)
        lowered = draft.text.lower()
        for phrase in self._allow:
            for m in re.finditer(re.escape(phrase), lowered):
                if 2 * (min(end, m.end()) - max(start, m.start())) >= end - start:
                    return True
        return False


class Planner:
    """Find each draft's settings (config file + command line) and its Profile."""

    def __init__(self, overrides: Mapping[str, Any], config: Path | None = None,
                 isolated: bool = False, extra_packs: tuple[Path, ...] = ()) -> None:
        self.overrides = {k: v for k, v in overrides.items() if v is not None}
        self.extra_packs = extra_packs
        self.config = config
        self.isolated = isolated
        self._profiles: dict[Path | None, Profile] = {}
        self._registries: dict[tuple[Path, ...], Registry] = {}
        self._nearest: dict[Path, Path | None] = {}

    def config_for(self, source: str) -> Path | None:
        """Return the configuration file that governs a draft path (or None)."""
        if self.isolated:
            return None
        if self.config is not None:
            return self.config
        folder = Path(source).parent if source not in ("-", "") else Path.cwd()
        if folder not in self._nearest:
            self._nearest[folder] = find_config(folder) or user_config()
        return self._nearest[folder]

    def settings_for(self, source: str) -> Settings:
        """Return the resolved settings for a draft: defaults, file, then command line."""
        path = self.config_for(source)
        base = load_config(path) if path is not None else Settings(root=Path.cwd())
        settings = layer(base, self.overrides, COMMAND_LINE)
        if self.extra_packs:  # --rules adds packs to the configured ones
            settings = layer(settings, {"packs": settings.packs + self.extra_packs}, COMMAND_LINE)
        return settings

    def profile_for(self, source: str) -> Profile:
        """Return the (cached) profile for a draft path."""
        key = self.config_for(source)
        if key not in self._profiles:
            settings = self.settings_for(source)
            packs = tuple(settings.packs)
            if packs not in self._registries:
                self._registries[packs] = build_registry(packs)
            profile = Profile(settings, self._registries[packs])
            first = next(iter(self._profiles.values()), None)
            if first is not None and first.settings.model != settings.model:
                raise ConfigError(
                    f"{settings.origin('model')}: 'model' is {settings.model!r} but other drafts "
                    f"in this run use {first.settings.model!r}; lint them in separate runs")
            self._profiles[key] = profile
        return self._profiles[key]

    def linter_for(self, draft: Draft) -> Linter:
        """Return the linter for a draft (used by the engine's stream)."""
        return self.profile_for(draft.source).linter

