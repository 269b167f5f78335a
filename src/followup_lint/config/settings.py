"""Build the ``Linter`` for a draft from the settings in force: the one place that decides.

Both ``check`` and the language server go through a configuration ``Planner``:
command-line settings layered over the nearest configuration file of each
draft. The language server keeps one planner for its session, so a profile
(rules, options, the loaded model) is built once per configuration and kept
between edits.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from followup_lint.checking.engine import Linter
from followup_lint.config.planner import Planner
from followup_lint.core.errors import LintError
from followup_lint.core.findings import Severity


@dataclass(frozen=True)
class LintSettings:
    """What the command line says about rules; configuration files fill in the rest."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_packs: tuple[Path, ...] = ()
    model: str | None = None
    fail_on: str | None = None
    config: Path | None = None
    isolated: bool = False


def make_planner(settings: LintSettings) -> Planner:
    """Return the planner that layers these command-line settings over config files."""
    if settings.config is not None and not settings.config.is_file():
        raise LintError(f"{settings.config}: configuration file not found")
    overrides = {
        "select": settings.select or None,
        "ignore": settings.ignore or None,
        "fail_on": Severity(settings.fail_on) if settings.fail_on else None,
        "model": settings.model,
    }
    return Planner(overrides, config=settings.config, isolated=settings.isolated,
                   extra_packs=settings.rule_packs)


class LinterCache:
    """The linter for each draft path, one per configuration, kept for the session."""

    def __init__(self, base: LintSettings) -> None:
        self.base = base
        self.planner = make_planner(base)
        self._seen: set[int] = set()
        #: How many linters were built: each build compiles the rules (the model loads once).
        self.builds = 0

    def for_path(self, path: Path | None) -> Linter:
        """Return the linter for a draft at ``path`` (None: an unsaved draft, from the cwd)."""
        source = str(path) if path is not None else str(Path.cwd() / "untitled")
        linter = self.planner.profile_for(source).linter
        if id(linter) not in self._seen:
            self._seen.add(id(linter))
            self.builds += 1
        return linter
