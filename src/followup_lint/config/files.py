"""Configuration files: find them, read them, validate them, and layer them.

Settings come from defaults, then the nearest configuration file, then the
command line (later wins), as in ruff. A file is ``.followup-lint.toml``
(top-level keys) or a ``pyproject.toml`` with a ``[tool.followup-lint]``
table, found from each draft's folder upward; the nearest wins and, in one
folder, ``.followup-lint.toml`` wins over ``pyproject.toml``. Every wrong key
or value is a ``ConfigError`` naming the file, the key and what is allowed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from followup_lint.core import safe_yaml
from followup_lint.core.errors import ConfigError
from followup_lint.core.findings import Severity
from followup_lint.core.regular_files import read_regular_file
from followup_lint.core.text import DEFAULT_EXTENSIONS
from followup_lint.output.score import Weights, weights_with

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

T = TypeVar("T")

CONFIG_NAMES = (".followup-lint.toml", "pyproject.toml")
SEVERITIES = tuple(s.value for s in Severity)
KEYS = {
    "select": "a list of rules (codes, names, groups or code prefixes)",
    "ignore": "a list of rules (codes, names, groups or code prefixes)",
    "per-file-ignores": "a table of glob = list of rules",
    "severity": "a table of rule = error/warning/info",
    "fail-on": "error, warning or info",
    "model": "a spaCy model name",
    "rules": "a list of rule pack paths, or a table of per-rule options (and 'packs')",
    "extensions": "a list of file endings such as .txt",
    "allow": "a list of phrases no rule flags",
    "scoring": "a table of send-readiness score weights (README: Send-readiness score)",
}


@dataclass(frozen=True)
class Settings:
    """Resolved settings for a draft, and where each one came from."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: Severity = Severity.WARNING
    model: str | None = None
    packs: tuple[Path, ...] = ()
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    allow: tuple[str, ...] = ()
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    scoring: Weights | None = None
    root: Path = field(default_factory=Path.cwd)
    origins: tuple[tuple[str, str], ...] = ()

    def origin(self, key: str) -> str:
        """Return where a setting came from: 'default', a file path, or 'command line'."""
        return dict(self.origins).get(key, "default")


def user_config() -> Path | None:
    """Return the per-user configuration file, when there is one.

    ``config.toml`` (top-level keys, as ``.followup-lint.toml``) in the
    platform's configuration folder: ``~/.config/followup-lint`` on Linux
    (``$XDG_CONFIG_HOME`` moves it), ``~/Library/Application Support/followup-lint``
    on macOS, ``%LOCALAPPDATA%/followup-lint`` on Windows. It applies only where
    no project file is found: a project's settings always win.
    """
    from platformdirs import user_config_path

    path = user_config_path("followup-lint", appauthor=False) / "config.toml"
    return path if path.is_file() else None


def find_config(folder: Path) -> Path | None:
    """Return the nearest configuration file at or above ``folder``, or None."""
    folder = folder.resolve()
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


class FileCache(Generic[T]):
    """Values computed from a file, kept only while the file is unchanged.

    A value is keyed by the file's path *and* its stat stamp (modification and
    change times, size, inode), so an edited or replaced file is read again:
    a long-lived process such as the language server sees every save, while
    one run still reads each file once. Errors are never kept.
    """

    def __init__(self, compute: Callable[[Path], T], size: int = 256) -> None:
        self._compute = compute
        self._size = size
        self._values: dict[Path, tuple[tuple[int, ...] | None, T]] = {}

    def __call__(self, path: Path) -> T:
        """Return the value for ``path``, computing it again if the file changed."""
        stamp = _stamp(path)
        kept = self._values.get(path)
        if kept is not None and stamp is not None and kept[0] == stamp:
            return kept[1]
        value = self._compute(path)
        if len(self._values) >= self._size:
            self._values.pop(next(iter(self._values)))
        self._values[path] = (stamp, value)
        return value

    def clear(self) -> None:
        """Forget every kept value."""
        self._values.clear()


def _stamp(path: Path) -> tuple[int, ...] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


def _tool_table_in(path: Path) -> bool:
    try:
        return "followup-lint" in _read_toml(path).get("tool", {})
    except ConfigError:
        return True  # a broken pyproject.toml that may hold our table: report it


_has_tool_table = FileCache(_tool_table_in)


def _read_toml(path: Path) -> dict[str, Any]:
    """Read a configuration file: regular, UTF-8 and within ``safe_yaml``'s bounds."""
    try:
        text = read_regular_file(path, safe_yaml.MAX_CHARS, "configuration").decode("utf-8")
        data = tomllib.loads(text)
        safe_yaml.check_bounds(data, str(path))
        return data
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: is not UTF-8 text (byte {exc.start}); save it as "
                          "UTF-8") from None
    except RecursionError:
        raise ConfigError(f"{path}: nests deeper than {safe_yaml.MAX_DEPTH} levels") from None
    except ValueError as exc:  # a bound, or an integer over Python's digit limit (4,300)
        if "integer string conversion" in str(exc):
            exc = ValueError(f"has an integer of more than {safe_yaml.MAX_INT_DIGITS} digits")
        raise ConfigError(f"{path}: {exc}" if not str(exc).startswith(str(path))
                          else str(exc)) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc.strerror})") from None


def _read_config(path: Path) -> Settings:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("followup-lint", {})
        where = f"{path}: [tool.followup-lint]"
    else:
        where = str(path)
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: must be a table of settings")
    return parse_settings(data, where, path.parent, str(path))


_configs = FileCache(_read_config)


def load_config(path: Path) -> Settings:
    """Read one configuration file into Settings (validated; paths relative to the file).

    Kept while the file is unchanged, read again after every edit (``FileCache``).
    """
    return _configs(path)


def parse_settings(data: Mapping[str, Any], where: str, root: Path, origin: str) -> Settings:
    """Validate a mapping of settings (from a file) and return Settings."""
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}' (allowed: "
                          f"{', '.join(sorted(KEYS))})")
    values: dict[str, Any] = {"root": root}
    for key in ("select", "ignore", "allow"):
        if key in data:
            values[key] = _strings(data[key], f"{where}: '{key}'", KEYS[key])
    if "extensions" in data:
        exts = _strings(data["extensions"], f"{where}: 'extensions'", KEYS["extensions"])
        values["extensions"] = tuple(e if e.startswith(".") else f".{e}" for e in exts)
    if "model" in data:
        if not isinstance(data["model"], str):
            raise ConfigError(f"{where}: 'model' must be {KEYS['model']}")
        values["model"] = data["model"]
    if "fail-on" in data:
        values["fail_on"] = _severity(data["fail-on"], f"{where}: 'fail-on'")
    if "severity" in data:
        table = _table(data["severity"], f"{where}: 'severity'", KEYS["severity"])
        values["severity"] = tuple((str(k), _severity(v, f"{where}: 'severity.{k}'"))
                                   for k, v in table.items())
    if "per-file-ignores" in data:
        table = _table(data["per-file-ignores"], f"{where}: 'per-file-ignores'",
                       KEYS["per-file-ignores"])
        values["per_file_ignores"] = tuple(
            (str(glob), _strings(rules, f"{where}: 'per-file-ignores.\"{glob}\"'",
                                 "a list of rules"))
            for glob, rules in table.items())
    if "rules" in data:
        packs, options = _rules_key(data["rules"], f"{where}: 'rules'")
        values["packs"] = tuple((root / p) for p in packs)
        values["rule_options"] = options
    if "scoring" in data:
        table = _table(data["scoring"], f"{where}: 'scoring'", KEYS["scoring"])
        values["scoring"] = weights_with(table, f"{where}: 'scoring'")
    origins = tuple((key, origin) for key in data)
    return Settings(**values, origins=origins)


def _rules_key(value: Any, where: str) -> tuple[tuple[str, ...], tuple[tuple[str, Any], ...]]:
    if isinstance(value, list):
        return _strings(value, where, KEYS["rules"]), ()
    table = _table(value, where, KEYS["rules"])
    packs = _strings(table.get("packs", []), f"{where}.packs", "a list of rule pack paths")
    options = []
    for rule, opts in table.items():
        if rule == "packs":
            continue
        options.append((str(rule), tuple(_table(opts, f"{where}.{rule}",
                                                "a table of option = value").items())))
    return packs, tuple(options)


def _strings(value: Any, where: str, expected: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be {expected}")
    return tuple(value)


def _table(value: Any, where: str, expected: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where} must be {expected}")
    return value


def _severity(value: Any, where: str) -> Severity:
    if value not in SEVERITIES:
        raise ConfigError(f"{where} must be one of {', '.join(SEVERITIES)}, not {value!r}")
    return Severity(value)


def layer(base: Settings, overrides: Mapping[str, Any], origin: str) -> Settings:
    """Return ``base`` with the given fields replaced (command-line values win)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    origins = dict(base.origins)
    origins.update({k.replace("_", "-"): origin for k in given})
    return replace(base, **given, origins=tuple(origins.items()))
