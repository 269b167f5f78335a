"""Declarative rule packs: YAML files of phrase, token-pattern and regex rules.

A pack cannot run code: it is read with ``yaml.safe_load``, every entry is
validated (errors name the file and the entry), and regular expressions run
with a time limit so a pathological pattern cannot hang a lint run.

Two kinds of rule cover the lexical checks:

* ``match``: each cue that matches is reported, once the matched cues' weights
  add up to the rule's ``threshold`` (so several mild cues can add up);
* ``require``: one finding at the start of the body when the matched weight
  stays below ``threshold`` (something the draft should say is missing).

Packs may also hold ``lexicons``: named lists that Python rules read, so their
word lists live in data, not in code.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from followup_lint.checking.cues import CueMatcher, Match, parse_cue
from followup_lint.checking.nlp import cue_needs
from followup_lint.checking.rule import CODE_RE, GROUPS, NAME_RE, Examples, Rule, RuleContext
from followup_lint.core import safe_yaml
from followup_lint.core.errors import PackError
from followup_lint.core.findings import Hit, Severity
from followup_lint.core.regular_files import read_regular_file
from followup_lint.core.text import line_span

if TYPE_CHECKING:
    from followup_lint.draft.parsed import Draft

RULE_KEYS = {"code", "name", "group", "kind", "severity", "summary", "why", "message",
             "suggestion", "threshold", "regions", "examples", "cues", "needs", "replacement"}
KINDS = ("match", "require")
#: The one field a message, suggestion or replacement template may use.
TEMPLATE_FIELDS = ("match",)
#: Largest pack file read, in bytes: the built-in packs are about 30 KB.
MAX_PACK_BYTES = 1_000_000


class PackRule(Rule):
    """A rule defined by a pack entry; its documentation comes from the entry."""

    def __init__(self, entry: Mapping[str, Any], source: str) -> None:
        self.source = source
        self.origin = source
        self.code = entry["code"]
        self.name = entry["name"]
        self.group = entry["group"]
        self.kind = entry.get("kind", "match")
        self.severity = Severity(entry.get("severity", "warning"))
        self._summary = entry["summary"].strip()
        self._why = (entry.get("why") or "").strip()
        self.message = entry["message"]
        self.suggestion = entry.get("suggestion")
        self.replacement = entry.get("replacement")
        examples = entry.get("examples") or {}
        self.examples = Examples(tuple(examples.get("flags", ())),
                                 tuple(examples.get("passes", ())))
        self.cues = tuple(parse_cue(c, i, self._where(), entry.get("regions")) for i, c in
                          enumerate(entry["cues"]))
        self.matcher = CueMatcher(self.cues, self._where())
        self.needs = frozenset(entry.get("needs", ())) | cue_needs(self.cues)
        default_threshold = float(entry.get("threshold", 0 if self.kind == "match" else 1))
        self.Options = dataclasses.make_dataclass(  # type: ignore[misc]
            f"{self.name.title().replace('-', '')}Options",
            [("threshold", float, dataclasses.field(default=default_threshold))],
            frozen=True,
        )

    @property
    def documentation(self) -> str:
        """Return the summary line and the why, as written in the pack."""
        return f"{self._summary}\n\n{self._why}".strip()

    def _where(self) -> str:
        return f"{self.source}: rule {self.code} ({self.name})"

    def prepare(self, context: RuleContext) -> None:
        """Compile the spaCy matchers for this rule's cues once per run (a fresh matcher)."""
        self.matcher = CueMatcher(self.cues, self._where())
        self.matcher.prepare(context)

    def find(self, draft: Draft, context: RuleContext) -> list[Match]:
        """Return every cue match in the draft, longest first where they overlap."""
        return self.matcher.find(draft, context)

    def check(self, draft: Draft, options: Any, context: RuleContext) -> Iterator[Hit]:
        """Report matched cues (``match``) or the absence of enough cues (``require``)."""
        matches = self.find(draft, context)
        weight = sum(m.cue.weight for m in matches)
        if self.kind == "require":
            if weight < options.threshold and draft.body_start < len(draft.text):
                start, end = line_span(draft.text, draft.body_start)
                yield Hit(start, end, self.message.format_map(_Fill(match="")), self.suggestion)
            return
        if weight < options.threshold or not matches:
            return
        for m in matches:
            matched = " ".join(draft.matching_text[m.start : m.end].split())
            message = (m.cue.message or self.message).format_map(_Fill(match=matched))
            suggestion = m.cue.suggestion or self.suggestion
            if suggestion:
                suggestion = suggestion.format_map(_Fill(match=matched))
            replacement = m.cue.replacement if m.cue.replacement is not None else self.replacement
            if replacement is not None:
                replacement = replacement.format_map(_Fill(match=matched))
            yield Hit(m.start, m.end, message, suggestion, replacement=replacement)



class _Fill(dict):  # type: ignore[type-arg]
    """format_map mapping that leaves unknown placeholders as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


#: libyaml's safe loader parses the built-in packs about nine times faster than
#: PyYAML's pure-Python one (0.012 s against 0.108 s), which is start-up time on
#: every run; the pure-Python loader stands in where libyaml is not installed.
_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PackLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """A safe loader where only true/false are booleans: 'no', 'on', 'yes' stay words."""


_PackLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PackLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


@dataclass(frozen=True)
class Pack:
    """A loaded pack file: its rules and its lexicons."""

    source: str
    rules: tuple[PackRule, ...]
    lexicons: Mapping[str, tuple[Any, ...]]


def load_pack(path: Path) -> Pack:
    """Read and validate one pack file."""
    source = str(path)
    try:
        data = safe_yaml.load(_read_pack_text(path), _PackLoader)
    except OSError as exc:
        raise PackError(f"{source}: cannot read rule pack ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise PackError(f"{source}: rule pack is not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise PackError(f"{source}: invalid YAML{at}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, Mapping):
        raise PackError(f"{source}: a rule pack must be a mapping with 'rules' or 'lexicons'")
    unknown = set(data) - {"pack", "description", "rules", "lexicons"}
    if unknown:
        raise PackError(f"{source}: unknown key '{sorted(unknown)[0]}' "
                        "(allowed: pack, description, rules, lexicons)")
    lexicons = data.get("lexicons") or {}
    if not isinstance(lexicons, Mapping) or not all(isinstance(v, list) for v in lexicons.values()):
        raise PackError(f"{source}: 'lexicons' must map names to lists")
    for name, items in lexicons.items():
        _check_lexicon(items, f"{source}: lexicon '{name}'")
    entries = data.get("rules") or []
    if not isinstance(entries, list):
        raise PackError(f"{source}: 'rules' must be a list of rule entries")
    rules = tuple(_rule(entry, i, source) for i, entry in enumerate(entries))
    return Pack(source, rules, {str(k): tuple(v) for k, v in lexicons.items()})


def _read_pack_text(path: Path) -> str:
    """Read a pack file: a regular file only (a FIFO or /dev/zero would block or never end)."""
    try:
        return read_regular_file(path, MAX_PACK_BYTES, "rule pack").decode("utf-8")
    except ValueError as exc:
        if isinstance(exc, UnicodeDecodeError):
            raise
        raise PackError(f"{path}: {exc}") from None


#: The keys that make a lexicon mapping a cue (``cues.parse_cue``).
CUE_KEYS = frozenset({"phrases", "lemmas", "patterns", "regex"})


def _check_lexicon(items: list[Any], where: str) -> None:
    """Refuse lexicon items that are not words and phrases, or not all mappings.

    Mappings that carry a cue key (phrases, lemmas, patterns, regex) are cues and
    are checked as cues; other mappings are data a Python rule reads (for example
    ``tone-word-classes``), and that rule checks their shape.
    """
    if items and all(isinstance(item, Mapping) for item in items):
        if not any(CUE_KEYS & set(item) for item in items):
            return
        for i, item in enumerate(items):
            parse_cue(item, i, where)
            for key in ("message", "suggestion", "replacement"):
                check_template(item.get(key), f"{where}: cue {item.get('id') or i + 1}: '{key}'")
        return
    for i, item in enumerate(items):
        if not isinstance(item, str):
            shown = "empty" if item is None else f"{type(item).__name__} {item!r}"[:60]
            raise PackError(f"{where}: item {i + 1} is {shown}; every item must be a word or "
                            "phrase (quote numbers: '2026'), or every item a cue mapping")


def check_template(template: Any, where: str) -> None:
    """Refuse a message template that would fail when the rule fires, not when it loads."""
    if template is None:
        return
    if not isinstance(template, str):
        raise PackError(f"{where} must be a string")
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template)
                  if name is not None]
    except ValueError as exc:
        raise PackError(f"{where}: {exc} (write {{{{ and }}}} for a literal brace)") from None
    for name in fields:
        if name not in TEMPLATE_FIELDS:
            raise PackError(f"{where}: unknown field '{{{name}}}' (the only field is {{match}}; "
                            "write {{ and }} for a literal brace)")
    try:
        template.format_map(_Fill(match="x"))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise PackError(f"{where}: {exc} (write {{{{ and }}}} for a literal brace)") from None


def _rule(entry: Any, index: int, source: str) -> PackRule:
    where = f"{source}: rule {index + 1}"
    if not isinstance(entry, Mapping):
        raise PackError(f"{where}: must be a mapping of keys to values")
    if entry.get("code"):
        where = f"{source}: rule {entry.get('code')}"
    unknown = set(entry) - RULE_KEYS
    if unknown:
        raise PackError(f"{where}: unknown key '{sorted(unknown)[0]}' "
                        f"(allowed: {', '.join(sorted(RULE_KEYS))})")
    for key in ("code", "name", "group", "summary", "message", "cues"):
        if key not in entry:
            raise PackError(f"{where}: missing required key '{key}'")
    checks = [
        (CODE_RE.match(str(entry["code"])), "'code' must look like FL123"),
        (NAME_RE.match(str(entry["name"])), "'name' must be lower-case words joined by '-'"),
        (entry["group"] in GROUPS, f"'group' must be one of {', '.join(GROUPS)}"),
        (entry.get("kind", "match") in KINDS, f"'kind' must be one of {', '.join(KINDS)}"),
        (entry.get("severity", "warning") in [s.value for s in Severity],
         "'severity' must be error, warning or info"),
        (isinstance(entry["cues"], list) and entry["cues"], "'cues' must be a non-empty list"),
        (isinstance(entry["message"], str), "'message' must be a string"),
        (isinstance(entry["summary"], str), "'summary' must be a string"),
        (isinstance(entry.get("replacement", ""), str), "'replacement' must be a string"),
    ]
    for ok, problem in checks:
        if not ok:
            raise PackError(f"{where}: {problem}")
    _check_fields(entry, where)
    return PackRule(entry, source)


def _check_fields(entry: Mapping[str, Any], where: str) -> None:
    """Check the optional fields' types and the templates, so nothing fails mid-run."""
    threshold = entry.get("threshold", 0)
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or threshold < 0:
        raise PackError(f"{where}: 'threshold' must be a number of at least 0")
    needs = entry.get("needs", [])
    if not isinstance(needs, list) or not all(isinstance(n, str) for n in needs):
        raise PackError(f"{where}: 'needs' must be a list of spaCy component names, such as "
                        "[ner]")
    for key in ("why", "suggestion"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise PackError(f"{where}: '{key}' must be a string")
    examples = entry.get("examples") or {}
    if not isinstance(examples, Mapping) or set(examples) - {"flags", "passes"} or not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v)
            for v in examples.values()):
        raise PackError(f"{where}: 'examples' must be a mapping of 'flags' and 'passes' to "
                        "lists of sentences")
    for key in ("message", "suggestion", "replacement"):
        check_template(entry.get(key), f"{where}: '{key}'")
    for i, cue in enumerate(entry["cues"]):
        if isinstance(cue, Mapping):
            for key in ("message", "suggestion", "replacement"):
                check_template(cue.get(key), f"{where}: cue {cue.get('id') or i + 1}: '{key}'")


def pack_files(path: Path) -> list[Path]:
    """Return the pack files at a path: the file itself, or the *.yaml/*.yml in a folder."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not path.exists():
        raise PackError(f"{path}: rule pack not found")
    return [path]
