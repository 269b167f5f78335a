"""What keeps runs fast, checked by behaviour (timings live in bench/run.py, never here)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DRAFTS, ROOT

CORPUS = ROOT / "tests" / "corpus" / "drafts"


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


def test_jobs_output_is_byte_identical_to_one_job(cli, tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    shutil.copytree(CORPUS, folder / "corpus")
    shutil.copytree(ROOT / "examples", folder / "examples")
    shutil.copy(DRAFTS / "crlf.eml", folder / "crlf.eml")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\xfa not utf-8 \xff")
    (folder / "latin.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    one = cli("--jobs", "1", "drafts", cwd=tmp_path)
    two = cli("--jobs", "2", "drafts", cwd=tmp_path)
    auto = cli("--jobs", "auto", "--format", "json", "drafts", cwd=tmp_path)
    one_json = cli("--format", "json", "drafts", cwd=tmp_path)
    assert one.returncode == two.returncode == 2  # the unreadable drafts
    assert one.stdout.count("\n") > 100
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr
    assert one.stderr.count("followup-lint: drafts/") == 2
    assert auto.stdout == one_json.stdout


def test_jobs_rejects_a_negative_count(cli) -> None:
    result = cli("--jobs", "-2", str(ROOT / "examples"))
    assert result.returncode == 2
    assert "not a number of processes" in result.stderr
