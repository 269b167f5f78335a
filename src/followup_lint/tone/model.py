"""A linear sentence classifier: one weight per feature and label, softmax over labels.

Linear on purpose: it trains in seconds on a CPU, loads offline from a small
file, runs in microseconds per sentence on the parse the linter already has,
and every verdict splits into per-word contributions, so a finding can name
the words that carry the problem.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from followup_lint.tone.features import Feature

#: The label of sentences with nothing wrong; every other label names a problem.
FINE = "fine"
WEIGHTS_FILE = "weights.json.gz"


@dataclass(frozen=True)
class Verdict:
    """The model's call on one sentence: the most likely problem and the words behind it."""

    label: str
    probability: float
    #: Sentence-relative token indexes that push toward ``label``, strongest first.
    evidence: tuple[int, ...]


@dataclass(frozen=True)
class ToneModel:
    """Weights per feature name: a row of one weight per label, plus the decision threshold."""

    labels: tuple[str, ...]
    weights: Mapping[str, Sequence[float]]
    #: A sentence is flagged when the probability of its top problem label reaches this.
    threshold: float
    #: How the weights were made (bank size, held-out scores), for the README and --explain.
    trained: Mapping[str, Any]

    def scores(self, features: Sequence[Feature]) -> list[float]:
        """Return the probability of each label for a sentence's features."""
        rows = [r for r in map(self.weights.get, [f.name for f in features]) if r is not None]
        totals = ([sum(column) for column in zip(*rows, strict=True)] if rows
                  else [0.0] * len(self.labels))
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        norm = sum(exps)
        return [e / norm for e in exps]

    def judge(self, features: Sequence[Feature]) -> Verdict:
        """Return the top problem label (or ``fine``) and the tokens that carry it."""
        probs = self.scores(features)
        fine = self.labels.index(FINE)
        best = max((k for k in range(len(self.labels)) if k != fine), key=lambda k: probs[k])
        if probs[best] < self.threshold:
            return Verdict(FINE, probs[fine], ())
        return Verdict(self.labels[best], probs[best], self._evidence(features, best, fine))

    def explain(self, features: Sequence[Feature], label: str) -> tuple[int, ...]:
        """Return the tokens that push a sentence toward ``label``, strongest first."""
        return self._evidence(features, self.labels.index(label), self.labels.index(FINE))

    def _evidence(self, features: Sequence[Feature], label: int, fine: int) -> tuple[int, ...]:
        """Split each feature's pull toward ``label`` (against fine) over its tokens."""
        pull: dict[int, float] = {}
        for feature in features:
            row = self.weights.get(feature.name)
            if row is None or not feature.tokens:
                continue
            share = (row[label] - row[fine]) / len(feature.tokens)
            for t in feature.tokens:
                pull[t] = pull.get(t, 0.0) + share
        if not pull:
            return ()
        strongest = max(pull.values())
        if strongest <= 0:
            return ()
        ranked = sorted((t for t, v in pull.items() if v >= 0.35 * strongest),
                        key=lambda t: -pull[t])
        return tuple(ranked[:6])

    def save(self, path: Path) -> None:
        """Write the model as gzipped JSON (rounded weights keep the file small)."""
        data = {"labels": list(self.labels), "threshold": self.threshold,
                "trained": dict(self.trained),
                "weights": {f: [round(w, 4) for w in row] for f, row in self.weights.items()}}
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            json.dump(data, handle, separators=(",", ":"), sort_keys=True)


def load_model(path: Path | None = None) -> ToneModel:
    """Load the shipped weights (or a file given by path); nothing touches the network."""
    if path is None:
        source = resources.files("followup_lint.tone").joinpath(WEIGHTS_FILE)
        raw = gzip.decompress(source.read_bytes()).decode("utf-8")
    else:
        raw = gzip.decompress(path.read_bytes()).decode("utf-8")
    data = json.loads(raw)
    return ToneModel(tuple(data["labels"]), data["weights"], float(data["threshold"]),
                     data.get("trained", {}))
