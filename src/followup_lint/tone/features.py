"""What the tone model sees in a sentence: words, word classes and speech acts on the parse.

Every feature remembers the tokens that produced it, so a verdict can name
the words that carry it. Three kinds of feature:

* words: lower-cased words, lemmas and word pairs (names and numbers folded);
* word classes from the tone pack's ``tone-word-classes`` lexicon (evaluative
  words such as "rude", "clueless", "nightmare"; intensifiers; hardship;
  escalation targets...), with negation scope: "not rude" is another feature
  than "rude", and who the clause is about (the writer, the reader, an
  employer, the process) is joined to it;
* speech acts read from the dependency tree: a why-question at the reader,
  a second-person complaint ("you didn't"), a conditional threat ("if ... I
  will ... your CEO"), a pleading imperative, stacked intensifiers ("really,
  really"), scare quotes around a kind word, elongated words ("sooo").

The same function runs at training time and in the linter, so the two can
never disagree about what a feature means.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

_ELONGATED = re.compile(r"([a-z])\1\1")
_NUMBER = re.compile(r"^[\d.,:/%$£€-]+$")
#: Words whose subject says who a clause is about.
_SELF = frozenset({"i", "me", "my", "myself", "mine", "i'm", "i've", "i'd", "i'll"})
_READER = frozenset({"you", "your", "yours", "yourself", "yourselves", "u"})
_NOBODY = frozenset({"nobody", "noone", "none"})


@dataclass(frozen=True)
class WordClasses:
    """The tone pack's word classes: each lower-case word or lemma → its class names."""

    by_word: Mapping[str, tuple[str, ...]]
    #: Multi-word entries ("a waste of", "at the latest"), matched on lower-case text.
    phrases: tuple[tuple[tuple[str, ...], str], ...]

    @classmethod
    def from_lexicon(cls, entries: Iterable[Any]) -> WordClasses:
        """Build from ``tone-word-classes``: a list of ``{class: name, words: [...]}``."""
        by_word: dict[str, list[str]] = {}
        phrases: list[tuple[tuple[str, ...], str]] = []
        for entry in entries:
            name = str(entry["class"])
            for word in entry["words"]:
                parts = tuple(str(word).lower().split())
                if len(parts) == 1:
                    by_word.setdefault(parts[0], []).append(name)
                else:
                    phrases.append((parts, name))
        return cls({w: tuple(c) for w, c in by_word.items()}, tuple(phrases))

    @cached_property
    def phrase_starts(self) -> Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]:
        """Return the phrases grouped by their first word, so matching is one lookup a token."""
        starts: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for parts, name in self.phrases:
            starts.setdefault(parts[0], []).append((parts, name))
        return {w: tuple(p) for w, p in starts.items()}


class Feature(NamedTuple):
    """One feature of a sentence and the token indexes (within the sentence) behind it."""

    name: str
    tokens: tuple[int, ...]


def sentence_features(sent: Any, classes: WordClasses) -> list[Feature]:
    """Return the features of one spaCy sentence span."""
    tokens = [t for t in sent if not t.is_space]
    if not tokens:
        return []
    base = sent.start
    index = {t.i: t.i - base for t in tokens}
    words = [_word(t) for t in tokens]
    out: list[Feature] = [Feature("bias", ())]
    for t, w in zip(tokens, words, strict=False):
        at = (index[t.i],)
        out.append(Feature("w:" + w, at))
        lemma = t.lemma_.lower()
        if lemma != w and not t.is_punct:
            out.append(Feature("l:" + lemma, at))
    pairs = list(zip(tokens, words, strict=True))
    for (a, wa), (b, wb) in itertools.pairwise(pairs):
        out.append(Feature(f"b:{wa}_{wb}", (index[a.i], index[b.i])))
    out.extend(_class_features(tokens, index, classes))
    out.extend(_speech_acts(tokens, index, words, classes))
    return out


def _word(token: Any) -> str:
    text = token.lower_
    if _NUMBER.match(text) and any(c.isdigit() for c in text):
        return "<num>"
    if token.pos_ == "PROPN" and text not in _SELF and not token.is_stop:
        return "<name>"
    return _ELONGATED.sub(r"\1\1", text)


def _classes_of(token: Any, classes: WordClasses) -> tuple[str, ...]:
    return classes.by_word.get(token.lower_, ()) or classes.by_word.get(token.lemma_.lower(), ())


def _negated(token: Any) -> bool:
    """Return True when a negation governs the token or the verb it hangs on."""
    for node in (token, token.head, token.head.head):
        if any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in node.children):
            return True
    return any(t.lower_ in ("not", "n't", "never", "no") for t in token.lefts)


def _about(token: Any) -> str:
    """Return who the clause of a token is about: self, reader, or other."""
    head = token
    for _ in range(4):
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass", "expl"):
                low = child.lower_
                owners = {c.lower_ for c in child.children if c.dep_ == "poss"}
                if low in _SELF or owners & _SELF:
                    return "self"
                if low in _READER or owners & _READER or low in _NOBODY:
                    return "reader"  # "nobody replied" is about the reader's side
                return "other"
        if head.head is head:
            break
        head = head.head
    return "none"


def _class_features(tokens: list[Any], index: Mapping[int, int],
                    classes: WordClasses) -> list[Feature]:
    out: list[Feature] = []
    for t in tokens:
        for name in _classes_of(t, classes):
            at: tuple[int, ...] = (index[t.i],)
            negated = _negated(t)
            tag = f"{name}-not" if negated else name
            out.append(Feature("c:" + tag, at))
            out.append(Feature(f"ca:{tag}@{_about(t)}", at))
    lowered = [t.lower_ for t in tokens]
    starts = classes.phrase_starts
    for i, word in enumerate(lowered):
        for parts, name in starts.get(word, ()):
            n = len(parts)
            if tuple(lowered[i : i + n]) == parts:
                at = tuple(index[t.i] for t in tokens[i : i + n])
                out.append(Feature("c:" + name, at))
                out.append(Feature(f"ca:{name}@{_about(tokens[i])}", at))
    return out


def _speech_acts(tokens: list[Any], index: Mapping[int, int], words: list[str],
                 classes: WordClasses) -> list[Feature]:
    out: list[Feature] = []
    tokens[0]
    question = tokens[-1].text in ("?", "??") or any(t.text.startswith("?") for t in tokens[-2:])
    reader = [t for t in tokens if t.lower_ in _READER]
    if question:
        out.append(Feature("s:question", (index[tokens[-1].i],)))
        wh = next((t for t in tokens[:3] if t.lower_ in ("why", "how", "where", "what")), None)
        if wh is not None:
            out.append(Feature(f"s:{wh.lower_}-question", (index[wh.i],)))
            if reader:
                out.append(Feature(f"s:{wh.lower_}-question-at-reader",
                                   (index[wh.i], index[reader[0].i])))
            if any(t.dep_ == "neg" for t in tokens):
                out.append(Feature(f"s:{wh.lower_}-negative-question", (index[wh.i],)))
    if tokens[-1].text == "!" or any(t.text.startswith("!") for t in tokens[-2:]):
        out.append(Feature("s:exclamation", (index[tokens[-1].i],)))
    for t in tokens:
        if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in _READER:
            verb = t.head
            if any(c.dep_ == "neg" for c in verb.children):
                out.append(Feature("s:you-did-not", (index[t.i], index[verb.i])))
            if verb.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" for c in verb.children
                                                  if c.dep_ == "aux"):
                out.append(Feature("s:you-past", (index[t.i], index[verb.i])))
            out.append(Feature("s:you-subject", (index[t.i],)))
            aux = [c.lower_ for c in verb.children if c.dep_ == "aux"]
            if any(a in ("should", "must", "ought", "need", "have") for a in aux):
                out.append(Feature("s:you-should", (index[t.i], index[verb.i])))
    condition = next((t for t in tokens if t.lower_ in ("if", "unless") and t.dep_ == "mark"),
                     None)
    if condition is not None:
        main = condition.head.head
        aux = [c for c in main.children if c.dep_ == "aux" and c.lower_ in ("will", "'ll",
                                                                            "shall", "going")]
        subject = [c for c in main.children if c.dep_ == "nsubj"]
        if aux and subject and subject[0].lower_ in _SELF:
            out.append(Feature("s:if-then-i-will", (index[condition.i], index[aux[0].i])))
        if any(c.dep_ == "neg" for c in condition.head.children):
            out.append(Feature("s:if-not", (index[condition.i],)))
    root = next((t for t in tokens if t.dep_ == "ROOT"), None)
    if root is not None and root.tag_ == "VB" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux") for c in root.children):
        out.append(Feature("s:imperative", (index[root.i],)))
        if any(t.lower_ == "please" for t in tokens):
            out.append(Feature("s:please-imperative", (index[root.i],)))
    intensity = [t for t in tokens if "intensifier" in _classes_of(t, classes)]
    for a, b in itertools.pairwise(intensity):
        if b.i - a.i <= 2 and (a.lower_ == b.lower_ or b.i - a.i == 1):
            out.append(Feature("s:stacked-intensifiers", (index[a.i], index[b.i])))
    pleas = [t for t in tokens if t.lower_ == "please"]
    if len(pleas) >= 2:
        out.append(Feature("s:stacked-please", tuple(index[t.i] for t in pleas)))
    for t in tokens:
        if _ELONGATED.search(t.lower_) and t.is_alpha:
            out.append(Feature("s:elongated", (index[t.i],)))
    out.extend(_scare_quotes(tokens, index, classes))
    return out


def _scare_quotes(tokens: list[Any], index: Mapping[int, int],
                  classes: WordClasses) -> list[Feature]:
    """Find one to three words in quotes inside a sentence: 'your "time"'."""
    out: list[Feature] = []
    marks = [i for i, t in enumerate(tokens) if t.text in ('"', "'", "``", "''")]
    for a, b in itertools.pairwise(marks):
        inner = tokens[a + 1 : b]
        if 1 <= len(inner) <= 3 and all(t.is_alpha for t in inner):
            at = tuple(index[t.i] for t in inner)
            out.append(Feature("s:scare-quotes", at))
            if any("kind-word" in _classes_of(t, classes) for t in inner):
                out.append(Feature("s:scare-quotes-kind", at))  # your "time", the "update"
    return out
