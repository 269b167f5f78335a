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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from followup_lint.draft import REGION_KINDS
from followup_lint.errors import InputError, PackError
from followup_lint.findings import Hit, Severity
from followup_lint.rule import CODE_RE, GROUPS, NAME_RE, Examples, Rule, RuleContext

if TYPE_CHECKING:
    from followup_lint.draft import Draft

RULE_KEYS = {"code", "name", "group", "kind", "severity", "summary", "why", "message",
             "suggestion", "threshold", "regions", "examples", "cues", "needs", "replacement"}
CUE_KEYS = {"id", "weight", "message", "suggestion", "phrases", "lemmas", "patterns", "regex",
            "unless", "regions", "replacement"}
KINDS = ("match", "require")
REGEX_TIMEOUT = 0.25  # seconds per pattern per draft region


@dataclass(frozen=True)
class Cue:
    """One thing a pack rule looks for, in one or more forms, with a weight."""

    id: str
    weight: float
    message: str | None
    suggestion: str | None
    phrases: tuple[str, ...]
    lemmas: tuple[str, ...]
    patterns: tuple[Any, ...]
    regex: tuple[Any, ...]
    unless: tuple[str, ...]
    regions: tuple[str, ...]
    #: Text that replaces the match outright ("?" for "??"), for one-click editor fixes.
    replacement: str | None = None


@dataclass(frozen=True)
class Match:
    """A cue found in the draft at [start, end)."""

    start: int
    end: int
    cue: Cue


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
        self.needs = frozenset(entry.get("needs", ()))
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
        """Compile the spaCy matchers for this rule's cues once per run."""
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
                start = draft.body_start
                end = draft.text.find("\n", start)
                end = len(draft.text) if end < 0 else end
                yield Hit(start, end, self.message.format_map(_Fill(match="")), self.suggestion)
            return
        if weight < options.threshold or not matches:
            return
        for m in matches:
            matched = " ".join(draft.text[m.start : m.end].split())
            message = (m.cue.message or self.message).format_map(_Fill(match=matched))
            suggestion = m.cue.suggestion or self.suggestion
            if suggestion:
                suggestion = suggestion.format_map(_Fill(match=matched))
            replacement = m.cue.replacement if m.cue.replacement is not None else self.replacement
            if replacement is not None:
                replacement = replacement.format_map(_Fill(match=matched))
            yield Hit(m.start, m.end, message, suggestion, replacement)



class CueMatcher:
    """Finds a set of cues in a parsed draft: phrases, lemmas, token patterns, regexes."""

    def __init__(self, cues: tuple[Cue, ...], where: str) -> None:
        self.cues = cues
        self.where = where
        self._by_id = {cue.id: cue for cue in cues}
        self._matchers: tuple[Any, ...] = ()

    def prepare(self, context: RuleContext) -> None:
        """Compile the spaCy matchers; an invalid token pattern names its cue."""
        from spacy.matcher import Matcher, PhraseMatcher

        nlp = context.nlp
        lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        tokens = Matcher(nlp.vocab, validate=True)
        for cue in self.cues:
            if cue.phrases:
                lower.add(cue.id, list(nlp.tokenizer.pipe(cue.phrases)))
            if cue.lemmas:
                lemma.add(cue.id, list(nlp.pipe(cue.lemmas)))
            if cue.patterns:
                try:
                    tokens.add(cue.id, [list(p) for p in cue.patterns])
                except Exception as exc:
                    details = [ln.strip("- ") for ln in str(exc).splitlines() if "->" in ln]
                    reason = details[0] if details else str(exc).strip().splitlines()[0]
                    raise PackError(f"{self.where}: cue '{cue.id}' has an invalid token "
                                    f"pattern: {reason}") from None
        self._matchers = tuple(m for m in (lower, lemma, tokens) if len(m))

    def find(self, draft: Draft, context: RuleContext) -> list[Match]:
        """Return every cue match in the draft; where matches overlap the longest wins."""
        found: list[Match] = []
        doc = draft.doc
        if doc is not None:
            strings = context.nlp.vocab.strings
            for matcher in self._matchers:
                for match_id, start, end in matcher(doc):
                    span = doc[start:end]
                    found.append(Match(span.start_char, span.end_char,
                                       self._by_id[strings[match_id]]))
        for cue in self.cues:
            for pattern in cue.regex:
                found.extend(self._regex_matches(draft, cue, pattern))
        found = [m for m in found if not _vetoed(draft, m)]
        return _without_overlaps(found)

    def _regex_matches(self, draft: Draft, cue: Cue, pattern: Any) -> Iterator[Match]:
        for start, end in draft.spans(*cue.regions):
            text = (draft.prose if _is_body(draft, start) else draft.text)[start:end]
            try:
                for m in pattern.finditer(text, timeout=REGEX_TIMEOUT):
                    if m.end() > m.start():
                        yield Match(start + m.start(), start + m.end(), cue)
            except TimeoutError:
                raise InputError(draft.source, f"{self.where}: cue '{cue.id}': regular "
                                 f"expression {pattern.pattern!r} took longer than "
                                 f"{REGEX_TIMEOUT} s; simplify the pattern") from None

class _Fill(dict):  # type: ignore[type-arg]
    """format_map mapping that leaves unknown placeholders as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _is_body(draft: Draft, offset: int) -> bool:
    return any(s <= offset < e for s, e in draft.spans("body"))


def _vetoed(draft: Draft, match: Match) -> bool:
    if not match.cue.unless:
        return False
    line_start = draft.text.rfind("\n", 0, match.start) + 1
    line_end = draft.text.find("\n", match.end)
    context = draft.text[line_start : len(draft.text) if line_end < 0 else line_end].lower()
    return any(phrase in context for phrase in match.cue.unless)


def _without_overlaps(matches: list[Match]) -> list[Match]:
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), -m.cue.weight, m.start)):
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def parse_cue(raw: Any, index: int, where: str, rule_regions: Any = None) -> Cue:
    """Validate one cue mapping (from a pack rule or a lexicon) and compile its regexes."""
    import regex

    here = f"{where}: cue {index + 1}"
    if not isinstance(raw, Mapping):
        raise PackError(f"{here}: must be a mapping of keys to values")
    unknown = set(raw) - CUE_KEYS
    if unknown:
        raise PackError(f"{here}: unknown key '{sorted(unknown)[0]}' "
                        f"(allowed: {', '.join(sorted(CUE_KEYS))})")
    cue_id = str(raw.get("id") or f"cue-{index + 1}")
    here = f"{where}: cue '{cue_id}'"
    lists = {k: _str_list(raw.get(k, ()), f"{here}: '{k}'") for k in
             ("phrases", "lemmas", "unless")}
    patterns = raw.get("patterns", [])
    if not isinstance(patterns, list) or not all(
        isinstance(p, list) and p and all(isinstance(t, Mapping) for t in p) for p in patterns
    ):
        raise PackError(f"{here}: 'patterns' must be a list of token patterns "
                        "(each a list of token mappings such as {LEMMA: need})")
    compiled = []
    for source in _str_list(raw.get("regex", ()), f"{here}: 'regex'"):
        try:
            compiled.append(regex.compile(source))
        except regex.error as exc:
            raise PackError(f"{here}: invalid regular expression {source!r}: {exc}") from None
    if not (lists["phrases"] or lists["lemmas"] or patterns or compiled):
        raise PackError(f"{here}: needs at least one of phrases, lemmas, patterns or regex")
    weight = raw.get("weight", 1.0)
    if not isinstance(weight, (int, float)) or isinstance(weight, bool) or weight < 0:
        raise PackError(f"{here}: 'weight' must be a number of at least 0")
    regions = _regions(raw.get("regions", rule_regions or ["body"]), here)
    return Cue(cue_id, float(weight), _opt_str(raw, "message", here),
               _opt_str(raw, "suggestion", here), lists["phrases"],
               tuple(p.lower() for p in lists["lemmas"]), tuple(patterns), tuple(compiled),
               tuple(u.lower() for u in lists["unless"]), regions,
               _opt_str(raw, "replacement", here))


def _regions(value: Any, where: str) -> tuple[str, ...]:
    names = _str_list(value, f"{where}: 'regions'")
    for name in names:
        if name not in REGION_KINDS:
            allowed = ", ".join(REGION_KINDS)
            raise PackError(f"{where}: unknown region '{name}' (allowed: {allowed})")
    return names


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{where} must be a list of strings")
    return tuple(value)


def _opt_str(raw: Mapping[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise PackError(f"{where}: '{key}' must be a string")
    return value


class _PackLoader(yaml.SafeLoader):
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
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_PackLoader)
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
    entries = data.get("rules") or []
    if not isinstance(entries, list):
        raise PackError(f"{source}: 'rules' must be a list of rule entries")
    rules = tuple(_rule(entry, i, source) for i, entry in enumerate(entries))
    return Pack(source, rules, {str(k): tuple(v) for k, v in lexicons.items()})


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
    return PackRule(entry, source)


def pack_files(path: Path) -> list[Path]:
    """Return the pack files at a path: the file itself, or the *.yaml/*.yml in a folder."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not path.exists():
        raise PackError(f"{path}: rule pack not found")
    return [path]
