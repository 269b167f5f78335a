"""The result cache: what a hit and a miss depend on, damaged entries, concurrency, same bytes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import followup_lint
from followup_lint.checking.registry import build_registry
from followup_lint.checking.result_cache import code_fingerprint, model_fingerprint
from followup_lint.cli import cli

DATED = """---
date: 2026-11-20
interview_date: 2026-11-18
---
Hi Dana,

Thank you for the interview on Tuesday. I really need this job and I am SO ready to start!!

Best,
Sam
"""
OTHER = """---
date: 2026-11-21
interview_date: 2026-11-19
---
Dear Hiring Manager,

I wanted to follow up on the position. Please let me know ASAP.

Thanks,
Jordan
"""


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("v*/*/*.json"))


def _run(*args: str, cache: Path | None = None) -> str:
    extra = ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    result = CliRunner().invoke(cli, ["check", "--isolated", *extra, *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.md").write_text(DATED, encoding="utf-8")
    (folder / "b.md").write_text(OTHER, encoding="utf-8")
    return folder


def test_hit_answers_from_the_cache_and_a_changed_draft_misses(drafts: Path,
                                                                tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = _run(str(drafts), cache=cache)
    assert len(_entries(cache)) == 2
    assert "FL102" in cold and "FL402" in cold
    # A hit: an entry the run did not compute shows up in the output.
    entry = next(p for p in _entries(cache) if json.loads(p.read_text())["findings"]
                 and json.loads(p.read_text())["findings"][0]["path"].endswith("a.md"))
    data = json.loads(entry.read_text())
    data["findings"][0]["message"] = "from the cache"
    entry.write_text(json.dumps(data))
    assert "from the cache" in _run(str(drafts), cache=cache)
    # The draft's bytes change: its key changes, the other draft still hits.
    (drafts / "a.md").write_text(DATED.replace("Tuesday", "Wednesday"), encoding="utf-8")
    changed = _run(str(drafts), cache=cache)
    assert "from the cache" not in changed
    assert len(_entries(cache)) == 3
    assert changed == _run(str(drafts))


def test_settings_are_part_of_the_key(drafts: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(str(drafts), cache=cache)
    assert len(_entries(cache)) == 2
    assert "FL402" not in _run("--ignore", "FL402", str(drafts), cache=cache)
    assert len(_entries(cache)) == 4
    config = tmp_path / "lint.toml"
    config.write_text('[rules.long-sentence]\nmax-words = 5\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--config", str(config), "--cache-dir",
                                      str(cache), str(drafts)])
    assert "FL202" in result.stdout
    assert len(_entries(cache)) == 6
    _run("--ignore", "FL402", str(drafts), cache=cache)  # unchanged settings: hits
    assert len(_entries(cache)) == 6


def test_pack_contents_are_part_of_the_key(drafts: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    pack = tmp_path / "pack.yaml"
    rule = """rules:
  - code: XY101
    name: says-tuesday
    group: content
    summary: Says {word}.
    message: Found "{{match}}".
    cues:
      - phrases: [{word}]
"""
    pack.write_text(rule.format(word="tuesday"), encoding="utf-8")
    first = _run("--rules", str(pack), str(drafts), cache=cache)
    assert "XY101" in first
    pack.write_text(rule.format(word="interview"), encoding="utf-8")
    second = _run("--rules", str(pack), str(drafts), cache=cache)
    assert 'Found "interview"' in second and 'Found "Tuesday"' not in second
    assert len(_entries(cache)) == 4


def test_the_package_version_is_part_of_the_key(drafts: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    _run(str(drafts), cache=cache)
    monkeypatch.setattr(followup_lint, "__version__", "999.0")
    _run(str(drafts), cache=cache)
    assert len(_entries(cache)) == 4


def test_the_package_data_files_are_part_of_the_key(tmp_path: Path) -> None:
    """Retrained tone weights change findings as surely as code: a cached run must miss."""
    package = tmp_path / "followup_lint"
    shutil.copytree(Path(followup_lint.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = code_fingerprint(package)
    (package / "__pycache__").mkdir()  # byte-compiling is not a change
    (package / "__pycache__" / "cli.cpython-311.pyc").write_bytes(b"x")
    assert code_fingerprint(package) == before
    weights = package / "tone" / "weights.json.gz"
    weights.write_bytes(weights.read_bytes() + b"\0")
    assert code_fingerprint(package) != before


def test_the_model_version_is_part_of_the_key(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    for folder, version in ((old, "3.8.0"), (new, "3.8.1")):
        folder.mkdir()
        (folder / "meta.json").write_text(json.dumps({"name": "core_web_sm", "version": version}))
    assert "3.8.0" in model_fingerprint(str(old))
    assert model_fingerprint(str(old)) != model_fingerprint(str(new))


@pytest.mark.parametrize("damage", [b"", b'{"key": "', b"\x00\xff not json",
                                    b'{"key": "x", "findings": []}',
                                    b'{"findings": [{"line": "one"}]}'])
def test_a_damaged_entry_is_ignored_and_rebuilt(drafts: Path, tmp_path: Path,
                                               damage: bytes) -> None:
    cache = tmp_path / "cache"
    cold = _run(str(drafts), cache=cache)
    for entry in _entries(cache):
        entry.write_bytes(damage)
    assert _run(str(drafts), cache=cache) == cold
    for entry in _entries(cache):
        assert json.loads(entry.read_bytes())["key"] == entry.parent.name + entry.stem


def _line_as_text(entry: dict) -> None:
    entry["findings"] = [{**f, "line": "one"} for f in entry["findings"]]


def _sketch_as_text(entry: dict) -> None:
    entry["summary"]["sketch"] = ["x"]


def _anchor_too_short(entry: dict) -> None:
    entry["summary"]["body_at"] = [1, 2]


@pytest.mark.parametrize("damage", [_line_as_text, _sketch_as_text, _anchor_too_short])
def test_an_entry_with_values_of_the_wrong_type_is_rebuilt(drafts: Path, tmp_path: Path,
                                                           damage: Callable[[dict], None]) -> None:
    cache = tmp_path / "cache"
    cold = _run(str(drafts), cache=cache)
    for entry in _entries(cache):
        data = json.loads(entry.read_text())
        assert data["findings"] and data["summary"]
        damage(data)
        entry.write_text(json.dumps(data))
    assert _run(str(drafts), cache=cache) == cold
    for entry in _entries(cache):  # rebuilt: the next run reads them again
        data = json.loads(entry.read_text())
        assert type(data["findings"][0]["line"]) is int
        assert len(data["summary"]["body_at"]) == 4 and data["summary"]["sketch"][0] != "x"


def test_no_cache_neither_reads_nor_writes(drafts: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "--cache-dir",
                                      str(cache), str(drafts)])
    assert result.exit_code == 1
    assert not cache.exists()


def test_the_cache_folder_keeps_itself_out_of_git(drafts: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(str(drafts), cache=cache)
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172")


def test_the_environment_variable_chooses_the_folder(drafts: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_LINT_CACHE_DIR", str(tmp_path / "from-env"))
    CliRunner().invoke(cli, ["check", "--isolated", str(drafts)])
    assert len(_entries(tmp_path / "from-env")) == 2


CORPUS = Path(__file__).parent / "corpus" / "drafts"
#: The tests that read the module's corpus runs share one worker (``--dist loadgroup``).
ON_THE_CORPUS = pytest.mark.xdist_group("result-cache-corpus")


@pytest.fixture(scope="module")
def uncached_text() -> str:
    """The 72-draft corpus linted with no cache, in the default text format."""
    return _run(str(CORPUS))


def covering(text_output: str, folder: Path) -> list[Path]:
    """Return a few drafts of ``folder`` that between them show all its text output shows.

    Every code it reports, every file type and a draft with no finding: picked
    greedily (most new features first, then by name), so the choice is stable.
    """
    features = {draft: {draft.suffix} for draft in folder.iterdir()}
    for line in text_output.splitlines():
        path, _, _, rest = line.split(":", 3)
        features[Path(path)].add(rest.split()[0])
    for draft, found in features.items():
        if found == {draft.suffix}:
            found.add("clean")
    wanted = set().union(*features.values())
    chosen: list[Path] = []
    while wanted:
        best = min(features, key=lambda d: (-len(features[d] & wanted), d.name))
        chosen.append(best)
        wanted -= features.pop(best)
    return sorted(chosen)


REPORT = ("--format", "json-report")


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A cache one cold run over the corpus filled, and what that run printed (a json-report).

    The cold run parses every draft (the cache is empty), so its report is the
    fresh one; that a run which writes the cache prints what ``--no-cache`` does
    is checked on the sample, in every format.
    """
    cache = tmp_path_factory.mktemp("warm") / "cache"
    cold = _run(*REPORT, str(CORPUS), cache=cache)
    assert len(_entries(cache)) == len(list(CORPUS.iterdir()))
    return cache, cold


@ON_THE_CORPUS
def test_the_whole_corpus_reads_the_same_from_a_warm_cache(warm_cache: tuple[Path, str],
                                                           uncached_text: str) -> None:
    """Every finding, score and statistic of the 72 drafts, fresh and from the cache."""
    cache, cold_report = warm_cache
    assert _run(str(CORPUS), cache=cache) == uncached_text
    assert _run(*REPORT, str(CORPUS), cache=cache) == cold_report
    assert len(json.loads(cold_report)["drafts"]) == len(list(CORPUS.iterdir()))
    assert len(_entries(cache)) == len(list(CORPUS.iterdir()))  # nothing was rewritten


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, uncached_text: str) -> tuple[Path, Path]:
    """A few corpus drafts that show every code, file type and a clean draft, and their cache."""
    folder = tmp_path_factory.mktemp("sample") / "drafts"
    folder.mkdir()
    for draft in covering(uncached_text, CORPUS):
        (folder / draft.name).write_bytes(draft.read_bytes())
    cache = folder.parent / "cache"
    assert _run(str(folder), cache=cache) == _run(str(folder))  # writing the cache changes nothing
    return folder, cache


@ON_THE_CORPUS
def test_the_sample_shows_every_code_of_the_corpus(sample: tuple[Path, Path],
                                                   uncached_text: str) -> None:
    folder, _ = sample
    def codes(text: str) -> set[str]:
        return {line.split(":", 3)[3].split()[0] for line in text.splitlines()}
    assert codes(_run(str(folder))) == codes(uncached_text) >= {"FL101", "FL102", "FL401"}
    assert {d.suffix for d in folder.iterdir()} == {".txt", ".md", ".eml"}
    assert len(list(folder.iterdir())) < 12


@ON_THE_CORPUS
@pytest.mark.parametrize("args", [["--format", "text"], ["--format", "json"],
                                  ["--format", "json-report"], ["--format", "full", "--score"],
                                  ["--format", "gnu"], ["--format", "github"],
                                  ["--format", "sarif"], ["--statistics"]])
def test_output_is_the_same_bytes_with_a_warm_cache(args: list[str],
                                                    sample: tuple[Path, Path]) -> None:
    """Every format prints the same bytes from cached findings as from a fresh parse.

    On the sample of the corpus; the whole corpus is compared in text and
    json-report above, which between them carry every field of every finding.
    """
    folder, cache = sample
    warm = _run(*args, str(folder), cache=cache)
    assert len(_entries(cache)) == len(list(folder.iterdir()))  # every draft was a hit
    assert warm == _run(*args, str(folder))


def test_report_is_the_same_with_a_warm_cache(tmp_path: Path) -> None:
    folder = Path(__file__).parents[1] / "examples"
    pages = []
    for extra in (["--no-cache"], ["--cache-dir", str(tmp_path / "c")],
                  ["--cache-dir", str(tmp_path / "c")]):
        out = tmp_path / f"report{len(pages)}.html"
        result = CliRunner().invoke(cli, ["report", "--isolated", *extra, "-o", str(out),
                                          str(folder)])
        assert result.exit_code == 0, result.output
        pages.append(out.read_bytes())
    assert pages[0] == pages[1] == pages[2]


def _run_examples(code: str) -> tuple[str, ...]:
    rule = build_registry().rules[code]
    return rule.examples.flags[0]  # type: ignore[return-value]


@pytest.mark.parametrize("code", ["FL406", "FL502", "FL503"])
def test_cross_draft_rules_find_the_same_with_a_warm_cache(code: str, tmp_path: Path) -> None:
    folder = tmp_path / "run"
    folder.mkdir()
    for i, text in enumerate(_run_examples(code), start=1):
        (folder / f"d{i}.md").write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    cold = _run("--format", "json", str(folder), cache=cache)
    entries = len(_entries(cache))
    warm = _run("--format", "json", str(folder), cache=cache)
    assert len(_entries(cache)) == entries  # every draft answered from the cache
    assert warm == cold == _run("--format", "json", str(folder))
    assert code in {f["code"] for f in json.loads(warm)}
    # a cached draft's entry holds only its own findings: cross-draft ones are redone each run
    stored = [json.loads(p.read_text()) for p in _entries(cache)]
    assert code not in {f["code"] for entry in stored for f in entry["findings"]}
    assert all(len(entry["summary"]["sketch"]) > 0 for entry in stored)


def _lint_process(folder: Path, cache: Path, *extra: str) -> subprocess.Popen[str]:
    """Start a real linting process that reports whether spaCy was imported."""
    probe = ("import sys\nfrom followup_lint.cli import main\nsys.argv = ['followup-lint'] + "
             "sys.argv[1:]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
             "sys.stderr.write('spacy imported: %s' % ('spacy' in sys.modules))\n")
    return subprocess.Popen([sys.executable, "-c", probe, "--isolated", "--cache-dir",
                             str(cache), *extra, str(folder)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})


@ON_THE_CORPUS
def test_concurrent_runs_share_a_cache_safely_and_a_warm_run_skips_spacy(
        tmp_path: Path, sample: tuple[Path, Path]) -> None:
    """Two processes start together on the sample (every code, every file type) and one cache."""
    folder, _ = sample
    cache = tmp_path / "cache"
    expected = _run(str(folder))
    runs = [_lint_process(folder, cache) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for stdout, stderr in outputs:
        assert stdout == expected
        assert stderr.endswith("spacy imported: True")
    entries = _entries(cache)
    assert len(entries) == len(list(folder.iterdir()))
    assert all(json.loads(p.read_bytes())["key"] for p in entries)
    assert not list(cache.rglob("*.tmp"))  # no temporary file left behind
    for jobs in ("1", "2"):
        stdout, stderr = _lint_process(folder, cache, "--jobs", jobs).communicate(timeout=300)
        assert stdout == expected
        assert stderr.endswith("spacy imported: False")


def test_jobs_check_only_the_drafts_the_cache_does_not_know(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    for draft in sorted(CORPUS.iterdir())[:6]:
        (folder / draft.name).write_bytes(draft.read_bytes())
    cache = tmp_path / "cache"
    _run(str(folder), cache=cache)
    changed = sorted(folder.iterdir())[3]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nI really need this job.\n",
                       encoding="utf-8")
    expected = _run(str(folder))
    stdout, stderr = _lint_process(folder, cache, "--jobs", "2").communicate(timeout=300)
    assert stdout == expected
    assert f"{changed}:" in stdout and "FL102" in stdout
    assert stderr.endswith("spacy imported: True")  # one draft to parse
    assert len(_entries(cache)) == 7
