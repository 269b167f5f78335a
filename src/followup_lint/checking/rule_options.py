"""Build a rule's frozen ``Options`` dataclass from plain settings, with clear errors.

A rule declares its options once, as a dataclass with typed defaults; this
module validates user values against it (unknown key, wrong type) so a typo in
a config file is an error, never a silently ignored setting.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from typing import Any

from followup_lint.core.errors import ConfigError


def option_key(field_name: str) -> str:
    """Return the user-facing (kebab-case) name of an option field."""
    return field_name.replace("_", "-")


def build_options(options_type: type, values: Mapping[str, Any], where: str) -> Any:
    """Return ``options_type(**values)`` after checking every key and value type."""
    fields = {option_key(f.name): f for f in dataclasses.fields(options_type)}
    hints = typing.get_type_hints(options_type)
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        field = fields.get(key) or fields.get(option_key(key))
        if field is None:
            allowed = ", ".join(sorted(fields)) or "none"
            raise ConfigError(f"{where}: unknown option '{key}' (allowed: {allowed})")
        kwargs[field.name] = _check_type(value, hints[field.name], f"{where}: option '{key}'")
    return options_type(**kwargs)


def describe_options(options_type: type) -> list[tuple[str, str, Any]]:
    """Return (name, type, default) for each option, for documentation."""
    hints = typing.get_type_hints(options_type)
    rows = []
    for field in dataclasses.fields(options_type):
        default = field.default
        if field.default_factory is not dataclasses.MISSING:
            default = field.default_factory()
        rows.append((option_key(field.name), _type_name(hints[field.name]), default))
    return rows


def _check_type(value: Any, hint: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (int, float, str, bool):
        if isinstance(value, hint) and not (hint is int and isinstance(value, bool)):
            return value
        raise ConfigError(f"{where} must be {_type_name(hint)}, not {type(value).__name__}")
    if origin in (tuple, list):
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"{where} must be a list, not {type(value).__name__}")
        (item,) = typing.get_args(hint)[:1] or (Any,)
        if item is not Any:
            return tuple(_check_type(v, item, where) for v in value)
        return tuple(value)
    return value


def _type_name(hint: Any) -> str:
    if typing.get_origin(hint) in (tuple, list):
        args = typing.get_args(hint)
        return f"list of {_type_name(args[0])}" if args else "list"
    return {int: "an integer", float: "a number", str: "a string", bool: "true or false"}.get(
        hint, getattr(hint, "__name__", str(hint))
    )
