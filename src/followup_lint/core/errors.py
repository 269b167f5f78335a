"""Exit codes and the errors that stop one input (or the whole run) cleanly.

Every error here becomes one line on stderr; none of them should ever surface
as a traceback.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit status, following flake8 and ruff."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERRUPTED = 130


class LintError(Exception):
    """Base class: something the user can fix, told in one line."""


class InputError(LintError):
    """One input could not be read or understood; the other inputs go on."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        """Pickle by source and reason, so errors cross from ``--jobs`` workers intact."""
        return (type(self), (self.source, self.reason))


class ConfigError(LintError):
    """A configuration file or option is wrong; nothing is linted with it."""


class PackError(LintError):
    """A rule pack is malformed; the message names the file and the entry."""


class PluginLoadError(LintError):
    """A rule plugin failed to load; the message names the package."""


class ModelError(LintError):
    """The spaCy model is missing or cannot be loaded."""
