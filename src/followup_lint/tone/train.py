"""Rebuild the tone model's weights from the training bank: ``python -m followup_lint.tone.train``.

Steps, all deterministic: expand the bank's templates into sentences; drop
any sentence that is a near copy of one in the held-out test bank
(``tests/tone/bank.yaml``), so that bank keeps measuring generalisation;
parse with the linter's spaCy model; hold out a sixth of the templates (whole
templates, not sentences, so the check sees unseen wording) to choose the
decision threshold; then fit on everything and write ``weights.json.gz``
beside this module, with the held-out scores inside it.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from followup_lint.checking.registry import builtin_packs_dir
from followup_lint.tone.bank import Example, augment, examples
from followup_lint.tone.features import WordClasses, sentence_features
from followup_lint.tone.judge import word_classes
from followup_lint.tone.model import FINE, WEIGHTS_FILE, ToneModel

ROOT = Path(__file__).resolve().parents[3]
BANK = ROOT / "training" / "tone"
TEST_BANK = ROOT / "tests" / "tone" / "bank.yaml"
#: The shipped pack: beside the package in a wheel, top-level rules/ in a checkout.
PACK = builtin_packs_dir() / "tone.yaml"
OUT = Path(__file__).resolve().parent / WEIGHTS_FILE
#: Sentences per template: problem classes have fewer templates than fine.
PER_TEMPLATE = {"fine": 40}
PER_TEMPLATE_DEFAULT = 45
COMPOSED = 12000  # two-clause sentences made by joining a fine clause to another
NEAR_COPY = 0.6  # word-set overlap with a test sentence above which a training one is dropped
MAX_FALSE_ALARMS = 0.05  # held-out fine sentences the threshold may flag (the bar of the test)


def main(argv: Sequence[str] | None = None) -> int:
    """Train and write the weights; print the held-out scores."""
    parser = argparse.ArgumentParser(prog="python -m followup_lint.tone.train",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--bank", type=Path, default=BANK, help="folder of template files")
    parser.add_argument("--test-bank", type=Path, default=TEST_BANK)
    parser.add_argument("--pack", type=Path, default=PACK)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--epochs", type=int, default=120)
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--parse-cache", type=Path, default=None,
                        help="a file to keep parses in between runs (only new sentences are "
                             "parsed; features are always recomputed)")
    args = parser.parse_args(argv)
    began = time.monotonic()

    from followup_lint.checking.nlp import load_model as load_nlp
    from followup_lint.checking.nlp import pipeline_for
    from followup_lint.checking.packs import load_pack
    from followup_lint.tone import TONE_PIPELINE

    bank = _read_bank(args.bank)
    items = [e for e in _expand(bank) if e.text]
    held_out = _test_sentences(args.test_bank)
    kept = [e for e in items if not _near_copy(e.text, held_out)]
    print(f"bank: {len(items)} sentences from {len(_templates(items))} templates; "
          f"{len(items) - len(kept)} dropped as near copies of test sentences", file=sys.stderr)
    classes = word_classes(load_pack(args.pack).lexicons)
    # The components the linter runs for the tone rules' needs (the lemmatizer brings the
    # tagger): training must see the same tags and lemmas as a lint run.
    nlp = load_nlp(None, pipeline_for([TONE_PIPELINE]))
    feats = _featurise(_parse(nlp, [e.text for e in kept], args.parse_cache), classes)
    labels = tuple([FINE, *sorted({e.label for e in kept} - {FINE})])
    y = [labels.index(e.label) for e in kept]

    dev_templates = _dev_templates(kept)
    train_idx = [i for i, e in enumerate(kept) if e.template not in dev_templates]
    dev_idx = [i for i, e in enumerate(kept) if e.template in dev_templates]
    model = _fit([feats[i] for i in train_idx], [y[i] for i in train_idx], labels,
                 args.epochs, args.l2, threshold=0.5)
    threshold, report = _choose_threshold(model, [feats[i] for i in dev_idx],
                                          [y[i] for i in dev_idx], labels)
    print(f"held-out templates: {len(dev_templates)}; threshold {threshold:.2f}", file=sys.stderr)
    for line in report:
        print("  " + line, file=sys.stderr)

    final = _fit(feats, y, labels, args.epochs, args.l2, threshold)
    counts = Counter(e.label for e in kept)
    trained = {"sentences": len(kept), "per_label": dict(sorted(counts.items())),
               "templates": len(_templates(kept)), "held_out": report,
               "command": "python -m followup_lint.tone.train"}
    final = ToneModel(final.labels, final.weights, threshold, trained)
    final.save(args.out)
    print(f"wrote {args.out} ({len(final.weights)} features, "
          f"{time.monotonic() - began:.0f} s)", file=sys.stderr)
    return 0


def _read_bank(path: Path) -> dict[str, Any]:
    """Merge the slots and classes of every template file in the bank folder (or one file)."""
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    bank: dict[str, Any] = {"slots": {}, "classes": {}}
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        bank["slots"].update(data.get("slots") or {})
        for label, templates in (data.get("classes") or {}).items():
            bank["classes"].setdefault(label, []).extend(templates)
    return bank


def _expand(bank: dict[str, Any]) -> list[Example]:
    out: list[Example] = []
    for label in bank["classes"]:
        one = {"slots": bank.get("slots", {}), "classes": {label: bank["classes"][label]}}
        out += examples(one, PER_TEMPLATE.get(label, PER_TEMPLATE_DEFAULT))
    rng = random.Random(5)  # one variant of every sentence in another register
    out += [Example(augment(e.text, rng), e.label, e.template) for e in out]
    out += _compose(out, rng)
    return list({(e.text, e.label): e for e in out}.values())


def _compose(items: list[Example], rng: random.Random) -> list[Example]:
    """Join a fine clause to another sentence: real drafts run long, templates do not.

    Fine + fine stays fine, fine + problem keeps the problem, in either order,
    so length and neutral content alone never push a sentence toward a label.
    """
    fine = [e for e in items if e.label == FINE]
    bad = [e for e in items if e.label != FINE]
    out = []
    for _ in range(COMPOSED):
        a = rng.choice(fine)
        b = rng.choice(fine if rng.random() < 0.5 else bad)  # as many calm joins as not
        first, second = (a, b) if rng.random() < 0.5 else (b, a)
        text = first.text.rstrip(".!") + _join(rng) + second.text[0].lower() + second.text[1:]
        if rng.random() < 0.3:  # a third calm clause: real sentences run to 40 words
            text = text.rstrip(".!") + _join(rng) + rng.choice(fine).text.lower()
        out.append(Example(text, b.label, b.template))
    return out


def _join(rng: random.Random) -> str:
    return rng.choice((", and ", "; ", ". ", ", so ", " - ", ", which ", ", but ", " because "))


def _templates(items: list[Example]) -> set[str]:
    return {e.template for e in items}


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9']+", text.lower()))


def _test_sentences(path: Path) -> list[frozenset[str]]:
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = [s for c in data["bad"].values() for v in c.values() for s in v]
    texts += [s for v in data["fine"].values() for s in v]
    return [_words(t) for t in texts]


def _near_copy(text: str, tests: list[frozenset[str]]) -> bool:
    words = _words(text)
    return any(len(words & t) / max(1, len(words | t)) >= NEAR_COPY for t in tests)


def _parse(nlp: Any, texts: list[str], cache: Path | None) -> list[Any]:
    """Parse the sentences, reusing the parses kept in ``cache`` by an earlier run."""
    from spacy.tokens import DocBin

    known: dict[str, Any] = {}
    if cache is not None and cache.exists():
        known = {d.text: d for d in DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab)}
    todo = [t for t in dict.fromkeys(texts) if t not in known]
    known.update(zip(todo, nlp.pipe(todo, batch_size=256), strict=True))
    if cache is not None and todo:
        cache.write_bytes(DocBin(docs=known.values()).to_bytes())
    print(f"parsed {len(todo)} sentences ({len(texts) - len(todo)} from the cache)",
          file=sys.stderr)
    return [known[t] for t in texts]


def _featurise(docs: list[Any], classes: WordClasses) -> list[list[str]]:
    out = []
    for doc in docs:
        names: list[str] = []
        for sent in doc.sents:  # a template may hold two sentences; features of all
            names += [f.name for f in sentence_features(sent, classes)]
        out.append(sorted(set(names)))
    return out


def _dev_templates(items: list[Example]) -> set[str]:
    rng = random.Random(7)
    by_label: dict[str, list[str]] = {}
    for e in items:
        if e.template not in by_label.setdefault(e.label, []):
            by_label[e.label].append(e.template)
    dev: set[str] = set()
    for templates in by_label.values():
        rng.shuffle(templates)
        dev.update(templates[: len(templates) // 6])  # none for a label of few templates
    return dev


def _fit(feats: list[list[str]], y: list[int], labels: tuple[str, ...], epochs: int,
         l2: float, threshold: float) -> ToneModel:
    """Fit softmax regression with Adam on full batches (numpy, seconds on a CPU)."""
    import numpy as np

    counts = Counter(f for names in feats for f in names)
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= 2))}
    rows = [np.array([vocab[f] for f in names if f in vocab], dtype=np.int64) for names in feats]
    sample = np.concatenate([np.full(len(r), i) for i, r in enumerate(rows)])
    column = np.concatenate(rows)
    # Sums over each sentence's features and each feature's sentences, as reduceat over
    # sorted runs (np.add.at does the same, several times slower). Every sentence has
    # the bias feature, so no run is empty.
    row_starts = np.flatnonzero(np.r_[True, sample[1:] != sample[:-1]])
    by_column = np.argsort(column, kind="stable")
    sorted_columns = column[by_column]
    column_starts = np.flatnonzero(np.r_[True, sorted_columns[1:] != sorted_columns[:-1]])
    used_columns = sorted_columns[column_starts]
    n, k = len(rows), len(labels)
    target = np.zeros((n, k))
    target[np.arange(n), y] = 1.0
    per_label = target.sum(axis=0)
    balance = (n / (k * np.maximum(per_label, 1)))[y]  # each label weighs the same in the loss
    w = np.zeros((len(vocab), k))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    rate, b1, b2 = 0.05, 0.9, 0.999
    for step in range(1, epochs + 1):
        logits = np.add.reduceat(w[column], row_starts, axis=0)
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        delta = (probs - target) * balance[:, None] / n
        grad = np.zeros_like(w)
        grad[used_columns] = np.add.reduceat(delta[sample[by_column]], column_starts, axis=0)
        grad += l2 * w
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= rate * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
    names = sorted(vocab, key=vocab.get)  # type: ignore[arg-type]
    weights = {f: [float(x) for x in w[i]] for i, f in enumerate(names)
               if float(np.abs(w[i]).max()) >= 0.005}
    return ToneModel(labels, weights, threshold, {})


def _choose_threshold(model: ToneModel, feats: list[list[str]], y: list[int],
                      labels: tuple[str, ...]) -> tuple[float, list[str]]:
    """Pick the lowest threshold whose held-out false alarms stay under the limit."""
    from followup_lint.tone.features import Feature

    fine = labels.index(FINE)
    best: list[tuple[float, int]] = []
    for names, label in zip(feats, y, strict=False):
        probs = model.scores([Feature(f, ()) for f in names])
        top = max((p, k) for k, p in enumerate(probs) if k != fine)
        best.append((top[0], label))
    fines = [p for p, label in best if label == fine]
    threshold = 0.9
    for candidate in [x / 100 for x in range(50, 91, 2)]:  # never below an even call
        if sum(p >= candidate for p in fines) / max(1, len(fines)) <= MAX_FALSE_ALARMS:
            threshold = candidate
            break
    report = []
    for k, name in enumerate(labels):
        scores = [p for p, label in best if label == k]
        if not scores:
            continue
        hit = sum(p >= threshold for p in scores) / len(scores)
        what = "false alarms" if k == fine else "recall"
        report.append(f"{name}: {what} {hit:.2f} over {len(scores)} held-out sentences")
    return threshold, report


if __name__ == "__main__":
    raise SystemExit(main())
