"""Find the rules: discover them first (cheap), then load them (imports, YAML).

Built-in Python rules come through the same ``followup_lint.rules`` entry-point
group that third-party packages use; declarative packs come from the packaged
``rules/`` folder and from ``--rules`` paths. A ``Registry`` is a value passed
around, never global state, so tests get fresh ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from followup_lint.checking.packs import load_pack, pack_files
from followup_lint.checking.rule import CODE_RE, GROUPS, NAME_RE, Rule
from followup_lint.core.errors import ConfigError, PackError, PluginLoadError

ENTRY_POINT_GROUP = "followup_lint.rules"


def builtin_packs_dir() -> Path:
    """Return the folder of the built-in packs: in the wheel, or the source checkout's rules/."""
    package_root = Path(__file__).resolve().parents[1]
    packaged = package_root / "rules"
    if packaged.is_dir():
        return packaged
    return package_root.parents[1] / "rules"


@dataclass
class Registry:
    """The rules of one run, by code, with the lexicons their packs provide."""

    rules: dict[str, Rule] = field(default_factory=dict)
    lexicons: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    def add(self, rule: Rule) -> None:
        """Add a rule, refusing duplicate codes or names and malformed identities."""
        where = f"rule {rule.code or '?'} from {rule.origin}"
        if not CODE_RE.match(rule.code or ""):
            raise PluginLoadError(f"{where}: code must look like FL123")
        if not NAME_RE.match(rule.name or ""):
            raise PluginLoadError(f"{where}: name must be lower-case words joined by '-'")
        if rule.group not in GROUPS:
            raise PluginLoadError(f"{where}: group must be one of {', '.join(GROUPS)}")
        if rule.code in self.rules:
            raise PluginLoadError(f"{where}: code {rule.code} is already used by "
                                  f"{self.rules[rule.code].origin}")
        if any(r.name == rule.name for r in self.rules.values()):
            raise PluginLoadError(f"{where}: name '{rule.name}' is already taken")
        self.rules[rule.code] = rule

    def add_lexicons(self, lexicons: dict[str, tuple[Any, ...]]) -> None:
        """Merge lexicons: a later pack extends an earlier list of the same name."""
        for name, items in lexicons.items():
            self.lexicons[name] = self.lexicons.get(name, ()) + tuple(items)

    def sorted_rules(self) -> list[Rule]:
        """Return all rules ordered by code."""
        return [self.rules[c] for c in sorted(self.rules)]

    def resolve(self, selector: str) -> list[Rule]:
        """Return the rules a selector names: a code, a name, a group, or a code prefix.

        Precedence: exact code, then name, then group, then prefix (``FL1``, ``ALL``).
        """
        key = selector.strip()
        if key.upper() in self.rules:
            return [self.rules[key.upper()]]
        by_name = [r for r in self.rules.values() if r.name == key.lower()]
        if by_name:
            return by_name
        by_group = [r for r in self.sorted_rules() if r.group == key.lower()]
        if by_group:
            return by_group
        if key.upper() == "ALL":
            return self.sorted_rules()
        prefixed = [r for r in self.sorted_rules() if r.code.startswith(key.upper())]
        if prefixed and key[:1].isalpha():
            return prefixed
        raise ConfigError(f"unknown rule '{selector}' (use a code such as FL102, a name such "
                          "as desperation, a group such as tone, or a code prefix such as FL1)")

    def is_rule(self, selector: str) -> bool:
        """Return whether a selector names at least one rule."""
        try:
            return bool(self.resolve(selector))
        except ConfigError:
            return False

    def select(self, select: Sequence[str] | None, ignore: Sequence[str]) -> list[Rule]:
        """Return the enabled rules: ``select`` (default all) minus ``ignore``."""
        chosen = self.sorted_rules() if not select else _flatten(self.resolve(s) for s in select)
        dropped = {r.code for r in _flatten(self.resolve(s) for s in ignore)}
        return [r for r in chosen if r.code not in dropped]


def _flatten(groups: Iterable[list[Rule]]) -> list[Rule]:
    seen: dict[str, Rule] = {}
    for group in groups:
        for rule in group:
            seen.setdefault(rule.code, rule)
    return [seen[c] for c in sorted(seen)]


def discover_plugins() -> list[metadata.EntryPoint]:
    """Return the rule entry points of every installed distribution, sorted for determinism."""
    eps = metadata.entry_points(group=ENTRY_POINT_GROUP)
    return sorted(eps, key=lambda ep: (ep.name != "builtin", ep.name, ep.value))


def load_plugin(ep: metadata.EntryPoint) -> list[Rule]:
    """Import one entry point: a Rule subclass, or a list of them (or of instances)."""
    package = ep.dist.name if ep.dist is not None else ep.value
    try:
        loaded = ep.load()
    except Exception as exc:
        raise PluginLoadError(f"rule plugin '{ep.name}' from package '{package}' failed to "
                              f"load: {type(exc).__name__}: {exc}") from None
    items = loaded if isinstance(loaded, (list, tuple)) else [loaded]
    rules: list[Rule] = []
    for item in items:
        rule = item() if isinstance(item, type) and issubclass(item, Rule) else item
        if not isinstance(rule, Rule):
            raise PluginLoadError(f"rule plugin '{ep.name}' from package '{package}' provides "
                                  f"{item!r}, which is not a followup_lint Rule")
        if ep.name != "builtin":
            rule.origin = f"plugin {package}"
        rules.append(rule)
    return rules


def build_registry(extra_packs: Sequence[Path] = (), plugins: bool = True) -> Registry:
    """Load built-in rules, plugins, built-in packs and extra packs into a fresh registry."""
    registry = Registry()
    if plugins:
        for ep in discover_plugins():
            for rule in load_plugin(ep):
                registry.add(rule)
    paths = [*pack_files(builtin_packs_dir())]
    for extra in extra_packs:
        paths.extend(pack_files(Path(extra)))
    for path in paths:
        pack = load_pack(path)
        registry.add_lexicons(dict(pack.lexicons))
        for rule in pack.rules:
            try:
                registry.add(rule)
            except PluginLoadError as exc:
                raise PackError(str(exc)) from None
    return registry
