"""What keeps runs fast, checked by behaviour (timings live in bench/run.py, never here)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from followup_lint.reading.reader import read_draft

from .conftest import DRAFTS, ROOT

CORPUS = ROOT / "tests" / "corpus" / "drafts"
#: Real drafts of about 40 words each: the --jobs test needs many inputs, not long ones.
SHORT_DRAFTS = ROOT / "tests" / "corpus-judgement" / "drafts"


def _imported(*args: str) -> set[str]:
    """Return the top-level packages a command imports, from ``python -X importtime``."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "followup_lint", *args],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    names = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
             if line.startswith("import time:") and "|" in line]
    assert "followup_lint.cli" in names  # the probe itself works
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("option", ["--help", "--version", "--list-rules"])
def test_quick_commands_do_not_import_spacy(option: str) -> None:
    imported = _imported(option)
    assert not imported & {"spacy", "thinc", "vaderSentiment", "textstat"}


def test_a_real_run_does_import_spacy() -> None:
    # The probe above would pass vacuously if importtime output changed shape.
    assert "spacy" in _imported("--exit-zero", str(ROOT / "examples" / "needs-work.txt"))


def test_jobs_output_is_byte_identical_to_one_job(cli, script, tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    # 25 short corpus drafts and the rest (37 in all): more than one chunk of 32 to share out.
    (folder / "corpus").mkdir(parents=True)
    for path in sorted(SHORT_DRAFTS.iterdir())[:25]:
        shutil.copy(path, folder / "corpus" / path.name)
    shutil.copytree(ROOT / "examples", folder / "examples")
    shutil.copy(DRAFTS / "crlf.eml", folder / "crlf.eml")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\xfa not utf-8 \xff")
    (folder / "latin.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    # --no-cache: a warm cache would answer the second and third runs without any worker.
    one = cli("--no-cache", "--jobs", "1", "drafts", cwd=tmp_path)
    two = script("--no-cache", "--jobs", "2", "drafts", cwd=tmp_path)  # the script's workers
    auto = cli("--no-cache", "--jobs", "auto", "drafts", cwd=tmp_path)  # forked from this process
    assert one.returncode == two.returncode == auto.returncode == 2  # the unreadable drafts
    assert one.stdout.count("\n") > 40
    assert two.stdout == one.stdout == auto.stdout
    assert two.stderr == one.stderr == auto.stderr
    assert one.stderr.count("followup-lint: drafts/") == 2


def test_jobs_rejects_a_negative_count(cli) -> None:
    result = cli("--jobs", "-2", str(ROOT / "examples"))
    assert result.returncode == 2
    assert "not a number of processes" in result.stderr


def test_required_words_of_a_token_pattern() -> None:
    from followup_lint.checking.required_words import required_words

    pattern = [{"LEMMA": "need"}, {"OP": "{0,2}"}, {"LOWER": {"IN": ["final", "firm"]}, "OP": "?"},
               {"LOWER": {"IN": ["decision", "answer"]}}, {"lower": "from", "OP": "+"},
               {"LOWER": {"NOT_IN": ["you"]}}, {"POS": "ADV", "OP": "{1,2}"},
               {"LEMMA": "by", "OP": "!"}, {"LOWER": "soon", "OP": "{2}"}]
    assert required_words(pattern) == (frozenset({"need"}), frozenset({"decision", "answer"}),
                                       frozenset({"from"}), frozenset({"soon"}))
    assert required_words([{"LOWER": {"REGEX": "^th"}}, {"IS_ALPHA": True}]) == ()


def test_token_patterns_still_match_only_where_their_words_are(tmp_path: Path) -> None:
    from followup_lint.checking.engine import Linter
    from followup_lint.checking.packs import load_pack
    from followup_lint.reading.reader import read_draft

    (tmp_path / "p.yaml").write_text(
        "pack: t\nrules:\n  - code: XT101\n    name: deadline\n    group: tone\n"
        "    summary: s\n    message: '\"{match}\" sets a deadline.'\n    cues:\n"
        "      - patterns:\n"
        "          - [{LEMMA: need}, {OP: '{0,2}'}, {LOWER: {IN: [decision, answer]}}]\n"
        "          - [{LOWER: reply}, {LOWER: {IN: [today, tomorrow]}}]\n")
    linter = Linter(load_pack(tmp_path / "p.yaml").rules)

    def flagged(text: str) -> list[str]:
        (result,) = linter.lint([read_draft("d.txt", text.encode())])
        return [text[f.column - 1 : f.end_column - 1] for f in result.findings]

    assert flagged("I needed a firm answer by Friday. Please reply today.") == [
        "needed a firm answer", "reply today"]
    assert flagged("I need a break. A decision is due. Reply soon.") == []


def test_spacy_loads_without_its_command_line_package_which_still_imports() -> None:
    code = ("import sys; from followup_lint.checking.nlp import load_model; load_model(); "
            "print('spacy.cli' in sys.modules, 'typer' in sys.modules); "
            "import spacy.cli, spacy; print(callable(spacy.cli.download), "
            "spacy.info(silent=True)['spacy_version'] == spacy.__version__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True", "True"]


def test_the_documented_benchmark_command_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python bench/run.py --quick" in readme
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "--quick" in result.stdout and "--update-readme" in result.stdout



def _annotations(doc: Any) -> list[tuple[Any, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_,
             t.ent_type_, t.is_sent_start) for t in doc]


def test_fast_attribute_ruler_and_lemmatizer_annotate_every_token_as_spacy_does() -> None:
    # fast_pipes answers each distinct token once; every token of every draft must still
    # get the tag, POS, morphology and lemma the stock components give it.
    import spacy

    from followup_lint.checking.fast_pipes import speed_up
    from followup_lint.checking.nlp import resolve_model_name

    texts = [read_draft(str(p), p.read_bytes()).prose for p in sorted(CORPUS.iterdir())]
    texts += ["Y'all gonna get it, ain't nothin' wrong.  Let's go! I gotta see it, c'mon.\n\n\n",
              "There is a gap: is it the one they didn't fill? Gets me. Got it.", "", " \n "]
    model = resolve_model_name(None)
    stock = spacy.load(model)
    fast = speed_up(spacy.load(model))
    assert [type(p).__name__ for _, p in fast.pipeline] != [
        type(p).__name__ for _, p in stock.pipeline]  # the lemmatizer was swapped
    for expected, actual in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert _annotations(actual) == _annotations(expected)
    assert sum(len(d) for d in fast.pipe(texts)) > 5000
