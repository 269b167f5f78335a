"""Every shell command in the README runs as written (on copies of drafts, in a temp folder).

A plain ``followup-lint ARGS`` or ``python -m followup_lint ARGS`` line (with
``< FILE`` or ``~/``) runs in-process with the arguments the shell would pass
(the ``shell`` fixture); anything else would run in ``bash`` with the installed
script on ``PATH``. That the installed script and ``python -m`` start is checked
by real processes elsewhere (``test_cli.py``, ``test_editors.py``, ``test_pre_commit.py``).

The install commands need the network, so CI runs them (``.ci/run`` runs the
quick start's ``pip install ".[test]"``); here they are checked against
``pyproject.toml``: each extra they name exists, and none installs a
``followup-lint`` package from the registry, where it is not published.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, as_arguments

README = (ROOT / "README.md").read_text(encoding="utf-8")
SH_LINES = [line.split("  #")[0].strip()
            for block in re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
            for line in block.splitlines() if line.strip()]
SKIP = ("pip ", "python3 -m venv", "pytest", "bench/run.py",
        "followup_lint.tone.train")  # retraining rewrites the shipped weights: its own test
RUNNABLE = [line for line in SH_LINES if not any(s in line for s in SKIP)]
DRAFT = ("Subject: Thank you - analyst interview\n\nHi Dana,\n\nThank you for the the "
         "interview on Tuesday about the SQL dashboard. I am SO excited!!\n\nBest,\nSam\n")


def test_the_readme_has_commands_to_run() -> None:
    assert len(RUNNABLE) >= 12, RUNNABLE
    assert "python -m followup_lint draft.txt" in RUNNABLE
    # Every README command is a plain followup-lint line: all run in-process.
    assert [c for c in RUNNABLE if as_arguments(c, Path("/home")) is None] == []


@pytest.mark.parametrize("command", RUNNABLE)
def test_readme_command_runs(command: str, tmp_path: Path, shell) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    (tmp_path / "drafts").mkdir()
    for name in ("draft.txt", "thank-you.txt", "drafts/acme.md", "drafts/globex.txt"):
        (tmp_path / name).write_text(DRAFT, encoding="utf-8")
    maildir = tmp_path / "Mail" / "Drafts"  # the README's ~/Mail/Drafts, with HOME below
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "cur" / "1.draft:2,S").write_text(DRAFT, encoding="utf-8")
    done = shell(command, cwd=tmp_path, home=tmp_path)
    assert done.returncode in (0, 1), (command, done.stderr)
    assert "Error" not in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_quick_start_lints_the_examples_and_exits_one(cli) -> None:
    (quick,) = [line for line in SH_LINES if line.startswith("python3 -m venv")]
    assert quick.endswith("&& followup-lint examples/")
    done = cli("examples/", cwd=ROOT)
    assert done.returncode == 1 and "examples/needs-work.txt:" in done.stdout


def test_install_commands_name_extras_that_exist() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    extras = set(re.findall(r"^([a-z]+) = \[", pyproject.split("[project.optional-dependencies]")
                            [1].split("\n[", 1)[0], re.MULTILINE))
    named = set(re.findall(r"""pip install ["']?\.\[(\w+)\]""", README))
    assert named and named <= extras, (named, extras)
    assert "followup-lint[" not in README  # not on the registry: install from the checkout
