"""followup-lint: a tone and quality linter for interview follow-up emails.

The public API is small and lints text or files the way the command line
does (README: "Python API")::

    import followup_lint

    for f in followup_lint.lint_text(open("draft.txt").read()):
        print(f.line, f.column, f.code, f.message)

A coaching platform or a web form lints drafts in its own process: build one
``Linter`` (it loads the spaCy model on first use and keeps it), then call it
for each draft. The module-level functions share one default ``Linter``.
Settings are the keys of a configuration file, as a mapping
(``{"ignore": ["FL402"], "rules": {"too-long": {"max-words": 150}}}``); no
configuration file is read unless you pass its path as ``config``.

Everything heavy (the rules, spaCy, Harper) is imported inside the methods,
on first use, so ``import followup_lint`` stays cheap.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup_lint.core.errors import InputError, LintError
from followup_lint.core.findings import Finding, Hit, Severity

__version__ = "0.1.0"

if TYPE_CHECKING:
    from followup_lint.config.planner import Profile
    from followup_lint.draft.parsed import Draft
    from followup_lint.output.score import Score

__all__ = ["Finding", "Hit", "LintError", "Linter", "Score", "Severity", "__version__",
           "lint_paths", "lint_text", "score_text"]


class Linter:
    """Lint drafts in process with one set of settings; the model loads once, on first use.

    ``settings`` holds configuration keys (as in ``.followup-lint.toml``);
    ``config`` is a configuration file to read instead. Not thread-safe: use
    one ``Linter`` per thread.
    """

    def __init__(self, settings: Mapping[str, Any] | None = None, *,
                 config: str | Path | None = None) -> None:
        from followup_lint.checking.registry import build_registry
        from followup_lint.config.files import load_config, parse_settings
        from followup_lint.config.planner import Profile

        if config is not None:
            resolved = load_config(Path(config))
        else:
            resolved = parse_settings(dict(settings or {}), "settings", Path.cwd(), "Python API")
        self._profile: Profile = Profile(resolved, build_registry(resolved.packs))

    def lint_text(self, text: str, *, kind: str | None = None, path: str = "draft.txt",
                  ) -> list[Finding]:
        """Return the findings for one draft given as text.

        ``path`` names the draft in findings, and its ending says how it is
        read (``.md`` masks markdown, ``.eml`` reads headers). ``kind`` is
        ``"thank-you"``, ``"follow-up"`` or ``"check-in"``, as the front
        matter's ``kind`` key; None lets the rules guess.
        """
        return self._check(self._draft(text, kind, path))[0]

    def score_text(self, text: str, *, kind: str | None = None,
                   path: str = "draft.txt") -> Score:
        """Return a draft's send-readiness score (``total`` 0-100, ``groups``, ``statistics``)."""
        from followup_lint.output.score import default_weights, score_draft

        findings, draft = self._check(self._draft(text, kind, path))
        groups = {rule.code: rule.group for rule in self._profile.registry.sorted_rules()}
        weights = self._profile.settings.scoring or default_weights()
        return score_draft(findings, draft, weights, groups)

    def lint_paths(self, paths: Iterable[str | Path]) -> list[Finding]:
        """Lint files and folders (every .txt, .md and .eml below them) as one run.

        Cross-draft rules (a reused template, too many follow-ups) see every
        draft. Raises ``LintError`` naming the first input that could not be
        read, after the others were linted.
        """
        from followup_lint.reading.inputs import collect, read_sources

        sources = collect([str(p) for p in paths], self._profile.settings.extensions)
        found: list[Finding] = []
        errors: list[LintError] = []
        for result in self._profile.linter.lint(read_sources(sources)):
            if result.error is not None:
                errors.append(result.error)
            found += result.findings
        if errors:
            raise errors[0]
        return found

    def _draft(self, text: str, kind: str | None, path: str) -> Draft:
        from followup_lint.draft.metadata import KINDS
        from followup_lint.reading.reader import parse_draft

        draft = parse_draft(path, text)
        if kind is not None:
            if kind not in KINDS:
                raise InputError(path, f"has an unknown kind '{kind}' (use {', '.join(KINDS)})")
            draft.info = dataclasses.replace(draft.info, kind=kind)
        return draft

    def _check(self, draft: Draft) -> tuple[list[Finding], Draft]:
        (result,) = self._profile.linter.lint([draft])
        if result.error is not None:
            raise result.error
        return result.findings, draft


_DEFAULT: Linter | None = None


def default_linter() -> Linter:
    """Return the shared ``Linter`` with the default settings (built on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Linter()
    return _DEFAULT


def _linter(settings: Mapping[str, Any] | None) -> Linter:
    return default_linter() if settings is None else Linter(settings)


def lint_text(text: str, *, kind: str | None = None, settings: Mapping[str, Any] | None = None,
              path: str = "draft.txt") -> list[Finding]:
    """Return the findings for one draft given as text (see ``Linter.lint_text``)."""
    return _linter(settings).lint_text(text, kind=kind, path=path)


def lint_paths(paths: Iterable[str | Path], *,
               settings: Mapping[str, Any] | None = None) -> list[Finding]:
    """Lint files and folders as one run (see ``Linter.lint_paths``)."""
    return _linter(settings).lint_paths(paths)


def score_text(text: str, *, kind: str | None = None, settings: Mapping[str, Any] | None = None,
               path: str = "draft.txt") -> Score:
    """Return a draft's send-readiness score (see ``Linter.score_text``)."""
    return _linter(settings).score_text(text, kind=kind, path=path)


def __getattr__(name: str) -> Any:
    """Import the API's machinery only when it is first used."""
    if name == "Score":
        from followup_lint.output.score import Score

        globals()["Score"] = Score
        return Score
    raise AttributeError(f"module 'followup_lint' has no attribute {name!r}")
