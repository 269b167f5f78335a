"""Expand the training bank's templates into labelled sentences, deterministically.

A template is a sentence with ``{slot}`` (a filler from the bank's slots),
``[a|b|c]`` (one alternative) and ``[a|]`` (optional words). Each template
yields up to a fixed number of distinct sentences, drawn with a fixed seed,
so the same bank always gives the same training set.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

_SLOT = re.compile(r"\{([a-z_]+)\}")
_CHOICE = re.compile(r"\[([^\[\]]*)\]")


@dataclass(frozen=True)
class Example:
    """One training sentence, its label and the template it came from."""

    text: str
    label: str
    template: str


def expand(template: str, slots: Mapping[str, Sequence[str]], rng: random.Random) -> str:
    """Fill one template at random: slots first, then alternatives; tidy spaces and case."""
    text = _SLOT.sub(lambda m: rng.choice(list(slots[m.group(1)])), template)
    text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.?!;])", r"\1", text)
    return text[:1].upper() + text[1:] if text else text


def examples(bank: Mapping[str, object], per_template: int, seed: int = 12) -> Iterator[Example]:
    """Yield up to ``per_template`` distinct sentences from every template of every class."""
    rng = random.Random(seed)
    slots = bank.get("slots") or {}
    classes = bank["classes"]
    assert isinstance(slots, Mapping) and isinstance(classes, Mapping)
    for label, templates in classes.items():
        for template in templates:
            seen: set[str] = set()
            for _ in range(per_template * 4):
                text = expand(template, slots, rng)
                if text not in seen:
                    seen.add(text)
                    yield Example(text, str(label), template)
                if len(seen) >= per_template:
                    break


_CONTRACTIONS = (("I am", "I'm"), ("I have", "I've"), ("I would", "I'd"), ("I will", "I'll"),
                 ("do not", "don't"), ("did not", "didn't"), ("cannot", "can't"),
                 ("is not", "isn't"), ("was not", "wasn't"), ("have not", "haven't"),
                 ("it is", "it's"), ("you are", "you're"), ("will not", "won't"))
_LEADS = ("Also, ", "And ", "Just a note: ", "One more thing: ", "Hi again, ", "PS ", "Anyway, ",
          "On another note, ", "As well, ", "In addition, ")
_TAILS = (" Thanks.", " Best.", " :)", " Thank you.")


def augment(text: str, rng: random.Random) -> str:
    """Return a variant of a sentence that keeps its label: register, contractions, framing."""
    choice = rng.randrange(5)
    if choice == 0:
        for full, short in _CONTRACTIONS:
            if full in text:
                return text.replace(full, short, 1)
            if short in text:
                return text.replace(short, full, 1)
    if choice == 1 and len(text) > 1:
        return text[0].lower() + text[1:].rstrip(".")
    if choice == 2:
        return rng.choice(_LEADS) + text[0].lower() + text[1:] if not text.startswith("I ") \
            else rng.choice(_LEADS) + text
    if choice == 3:
        return text + rng.choice(_TAILS)
    return text.replace(" I ", " i ").replace("I'm", "im") if rng.random() < 0.5 else text
