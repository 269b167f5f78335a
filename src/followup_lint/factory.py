"""Build the ``Linter`` for a draft from the settings in force: the one place that decides.

The language server makes every linter here, so configuration has one place to
hook in: to honour a config file, ``settings_for`` finds the file that governs
a draft's path and merges it under the settings given on the command line (the
command line wins, as in ``check``). Linters are cached per effective settings,
so the model and compiled rules are built once and kept between edits.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from followup_lint.engine import Linter


@dataclass(frozen=True)
class LintSettings:
    """What selects and shapes the rules of a run; hashable, so linters can be cached by it."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_packs: tuple[Path, ...] = ()
    model: str | None = None


def settings_for(base: LintSettings, path: Path | None) -> LintSettings:
    """Return the settings that apply to the draft at ``path`` (None: an unsaved draft).

    There are no configuration files yet, so these are the base settings; this
    is where discovery of a config file from ``path`` belongs.
    """
    return base


def build_linter(settings: LintSettings) -> Linter:
    """Load the registry and make a linter for these settings (the model loads on first use)."""
    from followup_lint.registry import build_registry

    registry = build_registry(settings.rule_packs)
    rules = registry.select(list(settings.select) or None, list(settings.ignore))
    return Linter(rules, lexicons=registry.lexicons, model=settings.model)


class LinterCache:
    """One linter per effective settings, built on first use and kept for the session."""

    def __init__(self, base: LintSettings) -> None:
        self.base = base
        self._linters: dict[LintSettings, Linter] = {}
        #: How many linters were built: each build loads the model and compiles the rules.
        self.builds = 0

    def for_path(self, path: Path | None) -> Linter:
        """Return the linter for a draft at ``path``, building it the first time."""
        settings = settings_for(self.base, path)
        if settings not in self._linters:
            self._linters[settings] = build_linter(settings)
            self.builds += 1
        return self._linters[settings]
