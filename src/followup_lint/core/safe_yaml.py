"""Load YAML and TOML that a stranger wrote, within bounds: no bombs, no runaway nesting.

Front matter, rule packs and configuration files are all written by hand, and
a hostile one must cost no more than an honest one. ``yaml.safe_load`` already
refuses tags that run code, but it still lets 579 bytes of anchors and aliases
("billion laughs") expand into gigabytes once something walks the result, lets
a 5,000-digit integer hit Python's integer-string limit, and lets deep nesting
hit the recursion limit. Here the composed node graph is checked *before* it
is turned into Python values:

* the text is at most ``max_chars`` characters;
* aliases are allowed (they are handy in packs) but at most ``MAX_ALIASES`` of
  them, and the document with every alias expanded is at most ``MAX_EXPANDED``
  characters (each value counts its text and one more); an alias to the
  collection it sits in is refused;
* nesting is at most ``MAX_DEPTH`` levels;
* integers have at most ``MAX_INT_DIGITS`` digits.

Every refusal is a ``YamlLimitError``, a ``yaml.MarkedYAMLError``, so callers
that already report malformed YAML in one line (with its line number) report
these the same way. ``check_bounds`` applies the same depth, size and integer
bounds to any loaded value (TOML configuration, which has no aliases).
"""

from __future__ import annotations

from typing import Any

import yaml

#: Longest YAML or TOML text read, in characters (packs and configs are a few KB).
MAX_CHARS = 1_000_000
#: Longest front matter read: a draft's few header keys, with room to spare.
MAX_FRONT_MATTER_CHARS = 100_000
MAX_DEPTH = 50
MAX_ALIASES = 1_000
#: Values a loaded TOML or YAML value may hold (``check_bounds``).
MAX_VALUES = 100_000
#: Characters a YAML document may expand to through its aliases.
MAX_EXPANDED = 1_000_000
MAX_INT_DIGITS = 100

_INT_TAG = "tag:yaml.org,2002:int"


class YamlLimitError(yaml.MarkedYAMLError):
    """A YAML document over one of the bounds; ``problem`` says which and what to do."""

    def __init__(self, problem: str, mark: Any = None) -> None:
        super().__init__(problem=problem, problem_mark=mark)


def load(text: str, loader: type, max_chars: int = MAX_CHARS) -> Any:
    """Return the one YAML document in ``text``, read by ``loader`` (a safe loader class).

    Raises ``yaml.YAMLError`` (``YamlLimitError`` for a bound) for anything wrong.
    """
    if len(text) > max_chars:
        raise YamlLimitError(f"is longer than {max_chars:,} characters")
    reader = loader(text)
    try:
        try:
            node = reader.get_single_node()
        except RecursionError:
            raise YamlLimitError(f"nests deeper than {MAX_DEPTH} levels") from None
        if node is None:
            return None
        check_nodes(node)
        return reader.construct_document(node)
    finally:
        reader.dispose()


def check_nodes(root: yaml.Node) -> None:
    """Refuse a node graph over the bounds, without recursion and in linear time.

    A node reached twice is an alias (the composer shares the node object), so
    the expanded size of a collection is computed once and reused: the check
    itself never expands anything.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    seen: set[int] = set()
    aliases = 0
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] > MAX_EXPANDED:
                raise _too_many(node)
            continue
        if key in seen:
            if key in open_nodes:
                raise YamlLimitError("has an alias inside the value it names (a loop); "
                                     "write the values out", node.start_mark)
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YamlLimitError(f"uses more than {MAX_ALIASES:,} aliases; write the "
                                     "values out", node.start_mark)
            continue
        seen.add(key)
        if depth > MAX_DEPTH:
            raise YamlLimitError(f"nests deeper than {MAX_DEPTH} levels", node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _INT_TAG and _digits(node.value) > MAX_INT_DIGITS:
                raise YamlLimitError(f"has an integer of more than {MAX_INT_DIGITS} digits",
                                     node.start_mark)
            sizes[key] = 1 + len(node.value)
            continue
        open_nodes.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in _children(node))
    if sizes.get(id(root), 0) > MAX_EXPANDED:
        raise _too_many(root)


def check_bounds(value: Any, where: str) -> None:
    """Refuse a loaded value nested deeper than ``MAX_DEPTH`` or with a huge integer.

    Raises ``ValueError`` whose message starts with ``where``.
    """
    stack: list[tuple[Any, int]] = [(value, 1)]
    count = 0
    while stack:
        item, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH:
            raise ValueError(f"{where}: nests deeper than {MAX_DEPTH} levels")
        if count > MAX_VALUES:
            raise ValueError(f"{where}: has more than {MAX_VALUES:,} values")
        if isinstance(item, int) and not isinstance(item, bool) and (
                item.bit_length() > MAX_INT_DIGITS * 3.33):
            raise ValueError(f"{where}: has an integer of more than {MAX_INT_DIGITS} digits")
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _digits(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


def _too_many(node: yaml.Node) -> YamlLimitError:
    return YamlLimitError(f"expands (with its aliases) to more than {MAX_EXPANDED:,} characters; "
                          "write the values out", node.start_mark)
