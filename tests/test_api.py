"""The Python API: lint_text, lint_paths, score_text and a reusable Linter; import stays cheap."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import followup_lint
from followup_lint.core.errors import InputError, LintError

from .conftest import working_directory

ROOT = Path(__file__).resolve().parent.parent
DRAFT = "Hi Dana,\n\nThank you for the the interview. I am SO excited!!\n"


def test_import_is_cheap() -> None:
    code = ("import sys, followup_lint; print(sorted(m for m in ('spacy', 'harper', "
            "'followup_lint.checking.registry', 'followup_lint.checking.engine') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "[]"


def test_lint_text_returns_findings_with_positions() -> None:
    found = followup_lint.lint_text(DRAFT)
    assert [(f.code, f.line, f.column) for f in found if f.code in ("FL402", "FL602")] == [
        ("FL602", 3, 15), ("FL402", 3, 39), ("FL402", 3, 49)]


def test_settings_kind_and_a_reusable_linter() -> None:
    linter = followup_lint.Linter({"ignore": ["FL402"]})
    assert not [f for f in linter.lint_text(DRAFT) if f.code == "FL402"]
    assert linter.lint_text(DRAFT, kind="thank-you") == linter.lint_text(DRAFT, kind="thank-you")
    with pytest.raises(InputError, match="unknown kind 'memo'"):
        linter.lint_text(DRAFT, kind="memo")
    with pytest.raises(LintError, match="unknown key 'colour'"):
        followup_lint.Linter({"colour": "red"})


def test_score_and_paths(tmp_path: Path) -> None:
    assert followup_lint.score_text(DRAFT).total < followup_lint.score_text(
        (ROOT / "tests" / "drafts" / "score-warm.txt").read_text()).total
    (tmp_path / "a.txt").write_text(DRAFT)
    found = followup_lint.lint_paths([tmp_path])
    assert {f.path for f in found} == {str(tmp_path / "a.txt")}
    with pytest.raises(LintError, match="no such file"):
        followup_lint.lint_paths([tmp_path / "missing.txt"])


def test_the_readme_example_runs_as_written() -> None:
    """The example runs here, as a script would run it from the checkout (the model is loaded)."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Python API", 1)[1]
    example = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    out = io.StringIO()
    with working_directory(ROOT), contextlib.redirect_stdout(out):
        exec(compile(example, "README.md", "exec"), {"__name__": "__main__"})
    assert "FL402" in out.getvalue() and "score" in out.getvalue()
