"""The tone weights' fast copy (weights.json.gz.fast) loads the very numbers of the JSON."""

from __future__ import annotations

import gzip
import shutil
from importlib import resources
from pathlib import Path

from followup_lint.tone import model as tone_model
from followup_lint.tone.model import FAST_SUFFIX, WEIGHTS_FILE, ToneModel, load_model

SHIPPED = Path(tone_model.__file__).with_name(WEIGHTS_FILE)


def _json_model(path: Path) -> ToneModel:
    return tone_model._from_json(path.read_bytes())


def _same(a: ToneModel, b: ToneModel) -> bool:
    return (a.labels == b.labels and a.threshold == b.threshold and a.trained == b.trained
            and set(a.weights) == set(b.weights)
            and all(tuple(a.weights[f]) == tuple(row) for f, row in b.weights.items()))


def test_the_shipped_fast_copy_is_current_and_holds_the_json_s_numbers() -> None:
    shipped = load_model()
    assert type(shipped.weights).__name__ == "_PackedWeights", (
        "the fast copy is stale or missing: run python -m followup_lint.tone.model")
    assert _same(shipped, _json_model(SHIPPED))
    assert shipped.weights.get("no such feature") is None
    assert resources.files("followup_lint.tone").joinpath(WEIGHTS_FILE + FAST_SUFFIX).is_file()


def test_saving_writes_both_and_they_load_alike(tmp_path: Path) -> None:
    model = ToneModel(("fine", "pressure"), {"w:asap": [-0.5, 1.25], "w:thanks": [0.0001, -2.0]},
                      0.4, {"sentences": 2})
    out = tmp_path / "w.json.gz"
    model.save(out)
    assert (tmp_path / ("w.json.gz" + FAST_SUFFIX)).is_file()
    fast = load_model(out)
    assert type(fast.weights).__name__ == "_PackedWeights"
    assert _same(fast, _json_model(out)) and fast.weights["w:asap"] == (-0.5, 1.25)


def test_a_stale_or_damaged_fast_copy_is_ignored(tmp_path: Path) -> None:
    out = tmp_path / "w.json.gz"
    ToneModel(("fine", "pressure"), {"w:a": [0.1, 0.2]}, 0.5, {}).save(out)
    fast = tmp_path / ("w.json.gz" + FAST_SUFFIX)
    kept = fast.read_bytes()
    # Retrained by a tool that writes only the JSON: the old copy no longer matches it.
    with gzip.open(out, "wt", encoding="utf-8") as handle:
        handle.write('{"labels":["fine","pressure"],"threshold":0.5,"trained":{},'
                     '"weights":{"w:a":[0.3,0.4]}}')
    assert list(load_model(out).weights["w:a"]) == [0.3, 0.4]
    for damaged in (kept[:40], b"not gzip", gzip.compress(b"{}\n")):
        fast.write_bytes(damaged)
        assert list(load_model(out).weights["w:a"]) == [0.3, 0.4]


def test_weights_that_are_not_whole_ten_thousandths_get_no_fast_copy(tmp_path: Path) -> None:
    out = tmp_path / "w.json.gz"
    shutil.copyfile(SHIPPED, out)
    with gzip.open(out, "wt", encoding="utf-8") as handle:
        handle.write('{"labels":["fine","x"],"threshold":0.5,"weights":{"w:a":[0.12345,0]}}')
    assert not tone_model.write_fast_copy(out)
    assert not (tmp_path / ("w.json.gz" + FAST_SUFFIX)).exists()
    assert list(load_model(out).weights["w:a"]) == [0.12345, 0]
