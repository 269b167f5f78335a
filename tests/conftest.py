"""Shared fixtures: one loaded linter per test session, and the installed console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

# urllib3 (imported by spaCy's CLI helpers) probes for IPv6 support by creating
# a socket at import time; it sends nothing. Import it before pytest-socket
# blocks sockets so that probe does not read as a network attempt.
import urllib3.util.connection  # noqa: F401

from followup_lint.checking.engine import Linter
from followup_lint.checking.registry import Registry, build_registry
from followup_lint.core.findings import Finding
from followup_lint.reading.reader import read_draft

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DRAFTS = HERE / "drafts"
SHARED = ROOT.parent / "shared"
# Keep the result cache out of the user's home and the repo: one temp folder per session.
os.environ["FOLLOWUP_LINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="followup-lint-test-cache-")


@pytest.fixture(scope="session")
def registry() -> Registry:
    return build_registry()


@pytest.fixture(scope="session")
def linter(registry: Registry) -> Linter:
    return Linter(registry.sorted_rules(), lexicons=registry.lexicons, is_rule=registry.is_rule)


@pytest.fixture(scope="session")
def lint(linter: Linter) -> Callable[..., list[Finding]]:
    """Lint a draft given as text (with a file name that sets its format)."""

    def run(text: str, name: str = "draft.txt", codes: tuple[str, ...] = ()) -> list[Finding]:
        draft = read_draft(name, text.encode("utf-8"))
        (result,) = list(linter.lint([draft]))
        assert result.error is None, result.error
        return [f for f in result.findings if not codes or f.code in codes]

    return run


@pytest.fixture(scope="session")
def lint_run(linter: Linter) -> Callable[..., list[Finding]]:
    """Lint several drafts as one run (a folder): ``{name: text}`` in, all findings out."""

    def run(drafts: dict[str, str], codes: tuple[str, ...] = ()) -> list[Finding]:
        items = [read_draft(name, text.encode("utf-8")) for name, text in sorted(drafts.items())]
        results = list(linter.lint(items))
        for result in results:
            assert result.error is None, result.error
        return [f for r in results for f in r.findings if not codes or f.code in codes]

    return run


def console_script() -> str:
    """Return the installed followup-lint script beside this Python."""
    script = Path(sys.executable).parent / "followup-lint"
    if script.exists():
        return str(script)
    found = shutil.which("followup-lint")
    assert found, "followup-lint is not installed: pip install -e '.[test]'"
    return found


@pytest.fixture(scope="session")
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed console script and return the completed process."""

    def run(*args: str, cwd: Path | None = None, input: str | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [console_script(), *args], cwd=cwd, input=input, capture_output=True, text=True,
            timeout=300, env={**os.environ, **(env or {})},
        )

    return run


def json_findings(stdout: str) -> list[dict[str, object]]:
    return json.loads(stdout)


def needs_shared() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not (SHARED / "corpus").is_dir(),
                              reason="../shared is not present (only in the dev and CI checkouts)")
