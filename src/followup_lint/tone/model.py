"""A linear sentence classifier: one weight per feature and label, softmax over labels.

Linear on purpose: it trains in seconds on a CPU, loads offline from a small
file, runs in microseconds per sentence on the parse the linter already has,
and every verdict splits into per-word contributions, so a finding can name
the words that carry the problem.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import sys
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from followup_lint.tone.features import Feature

#: The label of sentences with nothing wrong; every other label names a problem.
FINE = "fine"
WEIGHTS_FILE = "weights.json.gz"
#: The same weights in a form that loads in milliseconds (``save`` writes both; see ``load_model``).
FAST_SUFFIX = ".fast"
#: Weights are rounded to 4 decimals on saving, so each is a whole number of 1/10,000ths.
_SCALE = 10_000


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
        """Write the model as gzipped JSON (rounded weights keep it small) and its fast copy."""
        data = {"labels": list(self.labels), "threshold": self.threshold,
                "trained": dict(self.trained),
                "weights": {f: [round(w, 4) for w in row] for f, row in self.weights.items()}}
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            json.dump(data, handle, separators=(",", ":"), sort_keys=True)
        write_fast_copy(path)


def load_model(path: Path | None = None) -> ToneModel:
    """Load the shipped weights (or a file given by path); nothing touches the network.

    The JSON file is the weights; beside it ``<file>.fast`` holds the same
    numbers as whole 1/10,000ths in a binary array, with the JSON file's
    SHA-256. Parsing 230,000 numbers of JSON cost about 0.1 s of CPU on every
    run's first draft; the fast copy loads in a few milliseconds, and each
    feature's row is made when a sentence first has that feature, equal, float
    for float, to what the JSON gives (``tests/tone/test_fast_weights.py``). A
    fast copy whose digest is not the JSON file's (the weights were retrained
    by other means) is ignored: ``python -m followup_lint.tone.model`` rewrites it.
    """
    if path is None:
        folder = resources.files("followup_lint.tone")
        packed = folder.joinpath(WEIGHTS_FILE).read_bytes()
        fast_file = folder.joinpath(WEIGHTS_FILE + FAST_SUFFIX)
        fast = fast_file.read_bytes() if fast_file.is_file() else None
    else:
        packed = path.read_bytes()
        fast_path = path.with_name(path.name + FAST_SUFFIX)
        fast = fast_path.read_bytes() if fast_path.is_file() else None
    if fast is not None:
        model = _from_fast_copy(fast, hashlib.sha256(packed).hexdigest())
        if model is not None:
            return model
    return _from_json(packed)


def _from_json(packed: bytes) -> ToneModel:
    data = json.loads(gzip.decompress(packed).decode("utf-8"))
    return ToneModel(tuple(data["labels"]), data["weights"], float(data["threshold"]),
                     data.get("trained", {}))


class _PackedWeights(Mapping[str, Sequence[float]]):
    """Feature name -> row of weights, each row made from the packed array on first use."""

    def __init__(self, names: Sequence[str], packed: array, width: int) -> None:
        self._index = {name: i for i, name in enumerate(names)}
        self._packed = packed
        self._width = width
        self._rows: dict[str, tuple[float, ...]] = {}

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        row = self._rows.get(name)
        if row is None:
            i = self._index.get(name)
            if i is None:
                return default
            start = i * self._width
            row = self._rows[name] = tuple(
                k / _SCALE for k in self._packed[start : start + self._width])
        return row

    def __getitem__(self, name: str) -> Sequence[float]:
        row = self.get(name)
        if row is None:
            raise KeyError(name)
        return row  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def write_fast_copy(path: Path) -> bool:
    """Write ``<path>.fast`` for the JSON weights at ``path``; False (and none) if they cannot be.

    The copy is gzipped: a JSON header line (the labels, threshold, training
    record, feature names and the JSON file's SHA-256), then the weights as
    little-endian 32-bit whole 1/10,000ths, row by row. A weight that is not a
    whole 1/10,000th (a file rounded otherwise) gets no copy: the JSON loads.
    """
    target = path.with_name(path.name + FAST_SUFFIX)
    target.unlink(missing_ok=True)
    packed = path.read_bytes()
    model = _from_json(packed)
    names = sorted(model.weights)
    numbers = array("i")
    for name in names:
        row = model.weights[name]
        if len(row) != len(model.labels):
            return False
        for weight in row:
            k = round(weight * _SCALE)
            if k / _SCALE != weight or abs(k) >= 2**31:
                return False
            numbers.append(k)
    if sys.byteorder != "little":
        numbers.byteswap()
    header = {"labels": list(model.labels), "threshold": model.threshold,
              "trained": dict(model.trained), "features": names,
              "json_sha256": hashlib.sha256(packed).hexdigest()}
    body = json.dumps(header, separators=(",", ":"), sort_keys=True, ensure_ascii=True)
    target.write_bytes(gzip.compress(body.encode("ascii") + b"\n" + numbers.tobytes(),
                                     compresslevel=9, mtime=0))
    return True


def _from_fast_copy(fast: bytes, digest: str) -> ToneModel | None:
    """Return the model in a fast copy made from the JSON with this digest, else None."""
    try:
        raw = gzip.decompress(fast)
        head, _, body = raw.partition(b"\n")
        header = json.loads(head)
    except (OSError, EOFError, ValueError):
        return None
    if header.get("json_sha256") != digest:
        return None
    numbers = array("i")
    numbers.frombytes(body)
    if sys.byteorder != "little":
        numbers.byteswap()
    labels, names = tuple(header["labels"]), header["features"]
    if len(numbers) != len(labels) * len(names):
        return None
    return ToneModel(labels, _PackedWeights(names, numbers, len(labels)),
                     float(header["threshold"]), header.get("trained", {}))


if __name__ == "__main__":
    shipped = Path(__file__).with_name(WEIGHTS_FILE)
    written = write_fast_copy(shipped)
    print(f"{'wrote' if written else 'could not write'} {shipped}{FAST_SUFFIX}", file=sys.stderr)
    sys.exit(0 if written else 1)
