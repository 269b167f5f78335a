"""The pre-commit hook with the real ``pre-commit``, without a package registry.

A temporary git repository of drafts runs the hook exactly as
``.pre-commit-hooks.yaml`` defines it (entry, file filter, serial run), as a
``repo: local`` hook with ``language: system``: pre-commit finds the
``followup-lint`` already installed in this environment instead of building a
virtualenv from PyPI, so the test needs no network and takes a few seconds.
That the package itself installs from a wheel is ``test_wheel.py``'s job; that
the README's snippet names this hook is checked below.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, console_script

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]

README = (ROOT / "README.md").read_text(encoding="utf-8")
(HOOK,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def readme_snippet() -> dict:
    snippet = next(b for b in re.findall(r"```yaml\n(.*?)```", README, re.DOTALL)
                   if "id: followup-lint" in b)
    return yaml.safe_load(snippet)


def local_config() -> str:
    """The shipped hook definition as a local hook that runs the installed console script."""
    hook = {**HOOK, "language": "system"}
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, sort_keys=False)


def test_readme_snippet_names_the_shipped_hook() -> None:
    (entry,) = readme_snippet()["repos"]
    assert set(entry) == {"repo", "rev", "hooks"}
    assert [h["id"] for h in entry["hooks"]] == [HOOK["id"]] == ["followup-lint"]
    assert HOOK["entry"] == "followup-lint" and HOOK["language"] == "python"
    assert HOOK["require_serial"] is True


def test_hook_fails_on_a_bad_draft_and_passes_a_good_one(tmp_path: Path, cli) -> None:
    bin_dir = str(Path(console_script()).parent)
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    assert git("init", "-q", cwd=drafts, env=env).returncode == 0
    (drafts / ".pre-commit-config.yaml").write_text(local_config())
    for name in ("needs-work.txt", "check-in.eml", "good-thank-you.txt"):
        shutil.copy(ROOT / "examples" / name, drafts / name)
    (drafts / "notes.json").write_text('{"todo": "reply ASAP!!"}\n')  # not a draft
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=drafts, env=env,
                             capture_output=True, text=True, timeout=120)
    assert install.returncode == 0, install.stderr

    git("add", ".pre-commit-config.yaml", "needs-work.txt", "check-in.eml", "notes.json",
        cwd=drafts, env=env)
    bad = git("commit", "-m", "bad drafts", cwd=drafts, env=env)
    output = bad.stdout + bad.stderr
    assert bad.returncode != 0, output
    assert "followup-lint" in output and "Failed" in output
    reported = sorted(line for line in output.splitlines()
                      if re.match(r"^[\w.-]+:\d+:\d+: FL\d{3} ", line))
    expected = cli("needs-work.txt", "check-in.eml", cwd=drafts).stdout.splitlines()
    assert expected and reported == sorted(expected)
    assert {line.split(":")[0] for line in reported} == {"needs-work.txt", "check-in.eml"}

    git("reset", "-q", "needs-work.txt", "check-in.eml", cwd=drafts, env=env)
    git("add", "good-thank-you.txt", cwd=drafts, env=env)
    good = git("commit", "-m", "a good draft", cwd=drafts, env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"followup-lint\.+Passed", good.stdout + good.stderr)
