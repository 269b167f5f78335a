"""The pre-commit hook with the real ``pre-commit``: it installs this repository and runs it.

A temporary git repository of drafts uses the README's ``.pre-commit-config.yaml``
snippet, pointed at a snapshot of this checkout (its tracked and new files,
committed in a temporary repository, so uncommitted work is what gets tested).
pre-commit builds its own virtualenv from that snapshot, as it does for a user;
that install needs PyPI (or pip's cache) and takes about 20 s.
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

from .conftest import ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (ROOT / ".git").exists() or shutil.which("git") is None,
                       reason="needs git and a git checkout of followup-lint"),
]

README = (ROOT / "README.md").read_text(encoding="utf-8")
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


def snapshot(target: Path, env: dict[str, str]) -> str:
    """Commit this checkout's files (tracked and new, as they are now) into ``target``."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True, check=True)
    target.mkdir()
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        assert git(*args, cwd=target, env=env).returncode == 0
    return git("rev-parse", "HEAD", cwd=target, env=env).stdout.strip()


def readme_config(repo: Path, rev: str) -> str:
    """Return the README's .pre-commit-config.yaml with its repo and rev pointed at ``repo``."""
    snippet = next(b for b in re.findall(r"```yaml\n(.*?)```", README, re.DOTALL)
                   if "id: followup-lint" in b)
    config = yaml.safe_load(snippet)
    (entry,) = config["repos"]
    entry.update(repo=str(repo), rev=rev)
    return yaml.safe_dump(config, sort_keys=False)


def test_hook_fails_on_a_bad_draft_and_passes_a_good_one(tmp_path: Path, cli) -> None:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    rev = snapshot(tmp_path / "followup-lint", env)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    assert git("init", "-q", cwd=drafts, env=env).returncode == 0
    (drafts / ".pre-commit-config.yaml").write_text(readme_config(tmp_path / "followup-lint", rev))
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
    assert reported == sorted(expected) and len(expected) == 15
    assert "needs-work.txt:3:6: FL401 \"[Interviewer Name]\" looks like an unfilled " \
           "placeholder; replace it with the real text." in reported
    assert any(line.startswith("check-in.eml:") for line in reported)
    assert not any(line.startswith("notes.json") for line in reported)

    git("reset", "-q", "needs-work.txt", "check-in.eml", cwd=drafts, env=env)
    git("add", "good-thank-you.txt", cwd=drafts, env=env)
    good = git("commit", "-m", "a good draft", cwd=drafts, env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"followup-lint\.+Passed", good.stdout + good.stderr)
