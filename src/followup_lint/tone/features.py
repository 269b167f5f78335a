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
  really"), scare quotes around a kind word, elongated words ("sooo");
* implication, where no single word is negative: a deadline set on the
  reader's answer ("by Friday") and whether someone else's promise is being
  quoted ("you said you'd decide by Friday"), time elapsed with nothing to
  show ("two weeks and still nothing"), a wish about the past ("I'd have
  appreciated a reply"), thanks or praise in the same sentence as a grievance
  (sarcasm: "thanks for the silence"), a statement asked as a question ("I
  guess my email got lost?"), whether an evaluative word describes a
  person or the process (predicate) or a work object being fixed ("a confusing
  checkout step"); praise beside a letdown ("how thoughtful of you to
  postpone"), a letdown done again ("moved for the third time"), praise of
  what someone else failed to do, pleasure or regard negated ("I wasn't
  exactly pleased", but not "I couldn't be happier"), waiting in person for a
  stretch of time, and having expected more or better.

Every word set these features read is a class of the tone pack, not code, so
the lexicon can change without touching this module (then retrain).

The same function runs at training time and in the linter, so the two can
never disagree about what a feature means.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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
    #: Classes the parse features read but that are no feature themselves (``feature: false``
    #: in the pack): "a" as an amount word, "so" as a question opener.
    quiet: frozenset[str] = frozenset()
    #: The classes of the tokens of the sentence being read, by token index: features ask
    #: about one token many times. Cleared at the start of every sentence.
    memo: dict[int, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    #: The multi-word entries found in the sentence being read: class name → positions
    #: (within the sentence's tokens) of the first match. Cleared with ``memo``.
    phrase_memo: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False,
                                                     repr=False)

    @classmethod
    def from_lexicon(cls, entries: Iterable[Any]) -> WordClasses:
        """Build from ``tone-word-classes``: a list of ``{class: name, words: [...]}``."""
        by_word: dict[str, list[str]] = {}
        phrases: list[tuple[tuple[str, ...], str]] = []
        quiet: set[str] = set()
        for entry in entries:
            name = str(entry["class"])
            if entry.get("feature", True) is False:
                quiet.add(name)
            for word in entry["words"]:
                parts = phrase_tokens(str(word))
                if len(parts) == 1:
                    by_word.setdefault(parts[0], []).append(name)
                else:
                    phrases.append((parts, name))
        return cls({w: tuple(c) for w, c in by_word.items()}, tuple(phrases), frozenset(quiet))

    @cached_property
    def phrase_starts(self) -> Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]:
        """Return the phrases grouped by their first word, so matching is one lookup a token."""
        starts: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for parts, name in self.phrases:
            starts.setdefault(parts[0], []).append((parts, name))
        return {w: tuple(p) for w, p in starts.items()}


_PIECE = re.compile(r"n't|'(?:m|s|re|ve|ll|d)\b|[^\W_]+(?:['/-][^\W_]+)*|[^\w\s]")


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Split a lexicon entry the way spaCy's English tokenizer splits text.

    Entries are matched against tokens, and spaCy splits contractions and
    punctuation: "i'm sure" is the tokens ``i 'm sure``, "can't wait" is
    ``ca n't wait``, "nights, weekends" is ``nights , weekends``.
    """
    text = phrase.lower()
    text = re.sub(r"\b(ca|wo|sha)n't\b", r"\1 n't", text)
    text = re.sub(r"(\w)n't\b", r"\1 n't", text)
    text = re.sub(r"(\w)'(m|s|re|ve|ll|d)\b", r"\1 '\2", text)
    if " " not in text.strip() and not any(c in text for c in ",.;!?"):
        return (text.strip(),)  # one word keeps its own spelling: "o'clock", "24/7"
    return tuple(_PIECE.findall(text))


class Feature(NamedTuple):
    """One feature of a sentence and the token indexes (within the sentence) behind it."""

    name: str
    tokens: tuple[int, ...]


def sentence_features(sent: Any, classes: WordClasses) -> list[Feature]:
    """Return the features of one spaCy sentence span."""
    tokens = [t for t in sent if not t.is_space]
    if not tokens:
        return []
    classes.memo.clear()
    classes.phrase_memo.clear()
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
    found = classes.memo.get(token.i)
    if found is None:
        found = classes.by_word.get(token.lower_, ()) or classes.by_word.get(
            token.lemma_.lower(), ())
        classes.memo[token.i] = found
    return found


def _negated(token: Any) -> bool:
    """Return True when a negation governs the token or the verb it hangs on.

    The search climbs two heads but not out of a coordinated clause: in "the link
    did not work and nobody answered", the "not" of the first clause does not
    negate the second.
    """
    node = token
    for step in range(3):
        if any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in node.children):
            return True
        if step == 2 or node.dep_ == "conj" or node.head.i == node.i:
            break
        node = node.head
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
        if head.head.i == head.i:  # the root (spaCy makes a new Token per access)
            break
        head = head.head
    return "none"


def _class_features(tokens: list[Any], index: Mapping[int, int],
                    classes: WordClasses) -> list[Feature]:
    out: list[Feature] = []
    quiet = classes.quiet
    for t in tokens:
        names = _classes_of(t, classes)
        if quiet and names:
            names = tuple(n for n in names if n not in quiet)
        if not names:
            continue
        at: tuple[int, ...] = (index[t.i],)
        negated, about = _negated(t), _about(t)  # once a token, not once a class
        for name in names:
            tag = f"{name}-not" if negated else name
            out.append(Feature("c:" + tag, at))
            out.append(Feature(f"ca:{tag}@{about}", at))
    lowered = [t.lower_ for t in tokens]
    starts = classes.phrase_starts
    for i, word in enumerate(lowered):
        for parts, name in starts.get(word, ()):
            n = len(parts)
            if tuple(lowered[i : i + n]) == parts:
                classes.phrase_memo.setdefault(name, (i, i + n))
                if name in classes.quiet:
                    continue
                at = tuple(index[t.i] for t in tokens[i : i + n])
                out.append(Feature("c:" + name, at))
                out.append(Feature(f"ca:{name}@{_about(tokens[i])}", at))
    return out


def _speech_acts(tokens: list[Any], index: Mapping[int, int], words: list[str],
                 classes: WordClasses) -> list[Feature]:
    out: list[Feature] = []
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
    out.extend(_implications(tokens, index, question, classes))
    return out


#: Word classes (``tone-word-classes``) the implication features read.
TIME_POINT, TIME_UNIT, DEADLINE_MARK = "time-point", "time-unit", "deadline-marker"
ANSWER_WORD, NOTHING_YET, REPORTING = "answer-word", "nothing-yet", "reporting-verb"
RHETORICAL = "rhetorical-marker"
GRIEVANCE = ("waiting-strong", "evaluative-strong", "sarcasm-strong", "effort-strong",
             "grievance-strong", "superlative-bad")
_ORDINAL = re.compile(r"^\d{1,2}(st|nd|rd|th)?$|^\d{1,2}([:.]\d\d)?(am|pm)?$")
#: Who a rhetorical question is aimed at besides "you": "did anyone even read it?"
QUESTION_TARGET = "question-target"
#: Words before a time unit that make it an amount of time: "a few weeks", "over a month".
AMOUNT = "amount-word"
#: Words a question may start with before its first real word: "So you never read it?"
QUESTION_OPENER = "question-opener"
#: A wish about the past: "I would have appreciated", "it would have been nice".
WISH = "wish-word"
#: Acts that let a candidate down (cancelled, ignored, forgot): praise beside one is sarcasm.
LETDOWN = "letdown-verb"
#: Words that say an act happened again: "cancelled twice", "for the third time".
REPEAT = "repetition"
#: Words of pleasure or regard whose negation is a grievance: "not thrilled", "not respected".
PLEASED = "pleased-word"
#: Verbs of waiting in person ("I sat in reception for an hour") and of expecting.
WAITED, EXPECTED = "waited-verb", "expected-verb"


def _has(token: Any, name: str, classes: WordClasses) -> bool:
    return name in _classes_of(token, classes)


def _phrase_at(tokens: list[Any], name: str, classes: WordClasses) -> list[Any]:
    """Return the tokens of the first multi-word entry of class ``name`` in the sentence.

    The class features found them already (``phrase_memo``); this only looks them up.
    """
    found = classes.phrase_memo.get(name)
    return tokens[found[0] : found[1]] if found is not None else []


def _implications(tokens: list[Any], index: Mapping[int, int], question: bool,
                  classes: WordClasses) -> list[Feature]:
    """Features of what a sentence implies without a negative word (see the module doc)."""
    out: list[Feature] = []
    at = index.__getitem__
    where: dict[str, list[int]] = {}  # class name -> positions of its words, in text order
    for k, t in enumerate(tokens):
        for name in _classes_of(t, classes):
            where.setdefault(name, []).append(k)

    def members(*names: str) -> list[Any]:
        found = sorted({k for name in names for k in where.get(name, ())})
        return [tokens[k] for k in found]

    answer = members(ANSWER_WORD)
    nothing = members(NOTHING_YET)
    for i in where.get(DEADLINE_MARK, ()):  # "by Friday", "before the end of the week"
        t = tokens[i]
        point = next((u for u in tokens[i + 1 : i + 5]
                      if _has(u, TIME_POINT, classes) or _ORDINAL.match(u.lower_)), None)
        if point is None:
            continue
        span = (at(t.i), at(point.i))
        out.append(Feature("s:deadline", span))
        out.append(Feature(f"s:deadline@{_about(t)}", span))
        if _reported(t, classes):
            out.append(Feature("s:deadline-reported", span))  # you said you'd decide by Friday
        elif answer:
            out.append(Feature("s:deadline-on-answer", (*span, at(answer[0].i))))
    for i in where.get(TIME_UNIT, ()):  # "two weeks", "a month", "10 days"
        if i == 0:
            continue
        t = tokens[i]
        before = tokens[max(0, i - 2) : i]
        if any(b.like_num or _has(b, AMOUNT, classes) for b in before):
            span = (at(before[0].i), at(t.i))
            out.append(Feature("s:elapsed", span))
            if nothing:
                out.append(Feature("s:elapsed-and-nothing", (*span, at(nothing[0].i))))
            waited = next((u for u in members(WAITED) if u.pos_ == "VERB"
                           and u.tag_ in ("VBD", "VBN") and _about(u) == "self"), None)
            if waited is not None:  # "I stood outside for forty minutes"
                out.append(Feature("s:waited-elapsed@self", (*span, at(waited.i))))
            break
    for t in members(EXPECTED):  # "I had expected better", "I'd hoped for rather more"
        if t.tag_ in ("VBD", "VBN") and _about(t) == "self":
            more = next((u for u in t.subtree if u.tag_ in ("JJR", "RBR")
                         and u.lower_ not in ("less", "fewer") and _object_of(u, t)), None)
            if more is not None:
                out.append(Feature("s:expected-more@self", (at(t.i), at(more.i))))
                break
    for t in tokens:  # "I would have appreciated", "it would have been nice"
        if t.lower_ in ("have", "'ve") and t.dep_ == "aux" and t.head.tag_ == "VBN" and any(
                c.lower_ in ("would", "'d", "could", "might") for c in t.head.children):
            out.append(Feature("s:would-have", (at(t.i), at(t.head.i))))
            if _has(t.head, WISH, classes) or any(
                    _has(c, "kind-word", classes) or _has(c, WISH, classes)
                    for c in t.head.children):
                out.append(Feature("s:would-have-liked", (at(t.i), at(t.head.i))))
            break
    kind = members("kind-word")
    grievance = members(*GRIEVANCE)
    if question:  # "did anyone even read it?", "were you ever going to tell me?"
        marker = members(RHETORICAL)
        targets = set(where.get(QUESTION_TARGET, ()))
        someone = next((t for k, t in enumerate(tokens) if t.lower_ in _READER or k in targets),
                       None)
        if marker and someone is not None:
            out.append(Feature("s:rhetorical-question", (at(someone.i), at(marker[0].i))))
    if kind and grievance:  # thanks and a grievance in one breath
        out.append(Feature("s:kind-with-grievance", (at(kind[0].i), at(grievance[0].i))))
    letdown = members(LETDOWN) or _phrase_at(tokens, LETDOWN, classes)
    praise = [t for t in members("kind-word", PLEASED) if t not in letdown and not _negated(t)]
    if letdown and praise:  # "really professional of you to cancel an hour before"
        out.append(Feature("s:kind-with-letdown", (at(praise[0].i), at(letdown[0].i))))
    if letdown:
        again = members(REPEAT) or _phrase_at(tokens, REPEAT, classes)
        if again:  # "cancelled for the third time", "rescheduled twice"
            out.append(Feature("s:repeated-letdown", (at(letdown[0].i), at(again[0].i))))
    if praise and _about(praise[0]) == "self":  # "I loved showing it to one who hadn't read it"
        failed = next((t for t in tokens if t.dep_ == "neg" and _about(t) in ("reader", "other")),
                      None)
        if failed is not None:
            out.append(Feature("s:kind-with-failure", (at(praise[0].i), at(failed.i))))
    for t in members(PLEASED):  # "I was not thrilled", "my time was not respected"
        if _negated(t) and not _comparative_negation(t):
            out.append(Feature(f"s:pleased-not@{_about(t)}", (at(t.i),)))
            break
    if question:
        openers = set(where.get(QUESTION_OPENER, ()))
        first = next((t for k, t in enumerate(tokens) if k not in openers and not t.is_punct),
                     tokens[0])
        if first.pos_ in ("PRON", "PROPN", "NOUN", "DET") and first.lower_ not in (
                "any", "anything", "what", "which", "who", "whom", "whose"):
            out.append(Feature("s:statement-question", (at(first.i), at(tokens[-1].i))))
    evaluative = [name for name in where if name.startswith("evaluative")]
    for name in evaluative:  # is the evaluative word said of someone, or of a thing fixed?
        for k in where[name]:
            t = tokens[k]
            if t.dep_ == "amod" and _has(t.head, "work-object", classes):
                out.append(Feature(f"c:{name}#work-object", (at(t.i),)))
            elif t.dep_ == "amod":
                out.append(Feature(f"c:{name}#attribute", (at(t.i),)))
            elif t.dep_ in ("acomp", "attr", "oprd", "xcomp") or t.head.lemma_ in (
                    "be", "seem", "feel", "look", "find", "sound"):
                out.append(Feature(f"c:{name}#said-of", (at(t.i),)))
    return out


def _object_of(token: Any, verb: Any) -> bool:
    """Return True when no other verb stands between a token and ``verb`` above it.

    "I had expected better" (better is the object) but not "I expected it to take
    longer" (longer belongs to "take").
    """
    node = token.head
    while node.i != verb.i and node.head.i != node.i:  # spaCy makes a new Token per access
        if node.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
    return node.i == verb.i


def _comparative_negation(token: Any) -> bool:
    """Return True for praise by negated comparison: "couldn't be happier", "never so welcome".

    A negation before a comparative or "more"/"so" is the strongest praise, not a grievance.
    """
    near = [token, *token.children, *token.head.children]
    return token.tag_ in ("JJR", "RBR") or any(
        t.lower_ in ("more", "better", "happier", "so", "such") for t in near)


def _reported(token: Any, classes: WordClasses) -> bool:
    """Return True when a reporting verb (said, mentioned, promised) governs the token."""
    node = token
    for _ in range(5):
        if node.head is node:
            return False
        node = node.head
        if _has(node, REPORTING, classes):
            return True
    return False


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
