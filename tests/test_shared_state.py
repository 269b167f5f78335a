"""No hidden shared state: configuration is re-read when its file changes, and each linter
prepares its own rule instances."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from followup_lint.checking.engine import Linter
from followup_lint.checking.registry import Registry
from followup_lint.config.files import FileCache, find_config, load_config
from followup_lint.config.planner import Planner
from followup_lint.core.errors import ConfigError
from followup_lint.reading.reader import read_draft


def rewrite(path: Path, text: str) -> None:
    """Write a file as an editor saves it; the stamp differs even within one clock tick."""
    path.write_text(text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_an_edited_config_file_is_read_again(tmp_path: Path) -> None:
    config = tmp_path / ".followup-lint.toml"
    rewrite(config, 'ignore = ["FL102"]\n')
    first = load_config(config)
    assert first.ignore == ("FL102",)
    assert load_config(config) is first  # unchanged: read once
    rewrite(config, 'ignore = ["FL101"]\n')
    assert load_config(config).ignore == ("FL101",)


def test_an_invalid_edit_is_reported_and_a_fix_is_seen(tmp_path: Path) -> None:
    config = tmp_path / ".followup-lint.toml"
    rewrite(config, 'fail-on = "error"\n')
    assert load_config(config).fail_on.value == "error"
    rewrite(config, "select = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(config)
    with pytest.raises(ConfigError, match="invalid TOML"):  # errors are never kept
        load_config(config)
    rewrite(config, 'fail-on = "info"\n')
    assert load_config(config).fail_on.value == "info"


def test_the_file_cache_is_bounded_and_forgets_on_clear(tmp_path: Path) -> None:
    """The oldest value goes once the cache is full; a file that is gone is never kept."""
    reads: list[str] = []

    def read(path: Path) -> str:
        reads.append(path.name)
        return path.read_text() if path.exists() else "missing"

    cache = FileCache(read, size=2)
    a, b, c = (tmp_path / name for name in "abc")
    for path in (a, b, c):
        rewrite(path, path.name)
    assert [cache(a), cache(b), cache(a)] == ["a", "b", "a"]
    assert reads == ["a", "b"]
    assert cache(c) == "c"        # full: ``a``, the oldest entry, is dropped
    assert cache(b) == "b" and cache(a) == "a"
    assert reads == ["a", "b", "c", "a"]
    cache.clear()
    assert cache(b) == "b" and reads[-1] == "b"
    gone = tmp_path / "gone"
    assert [cache(gone), cache(gone)] == ["missing", "missing"]
    assert reads[-2:] == ["gone", "gone"]  # no stamp to compare: read every time


def test_a_pyproject_that_gains_our_table_becomes_the_config(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    rewrite(pyproject, "[project]\nname = 'x'\n")
    assert find_config(tmp_path) is None or find_config(tmp_path) != pyproject
    rewrite(pyproject, "[project]\nname = 'x'\n[tool.followup-lint]\nignore = ['FL102']\n")
    assert find_config(tmp_path) == pyproject


def test_a_new_planner_sees_the_edited_file(tmp_path: Path) -> None:
    config = tmp_path / ".followup-lint.toml"
    rewrite(config, 'select = ["FL401"]\n')
    draft = str(tmp_path / "d.txt")
    assert [r.code for r in Planner({}).profile_for(draft).rules] == ["FL401"]
    rewrite(config, 'select = ["FL402"]\n')
    assert [r.code for r in Planner({}).profile_for(draft).rules] == ["FL402"]


def test_linters_from_one_registry_do_not_share_prepared_rules(registry: Registry) -> None:
    shouting = registry.rules["FL402"]
    text = b"Thank you for the tour. I am REALLY keen on the dashboard work."
    # One linter's lexicon calls REALLY an acronym (a team's product name, say).
    knows_it = Linter([shouting], lexicons={**registry.lexicons, "acronyms": ("REALLY",)})
    plain = Linter([shouting], lexicons=registry.lexicons)
    assert knows_it.context and plain.context  # both prepared, the plain one last
    (quiet,) = knows_it.lint([read_draft("d.txt", text)])
    (loud,) = plain.lint([read_draft("d.txt", text)])
    assert [f.code for f in quiet.findings] == []
    assert [f.code for f in loud.findings] == ["FL402"]
    assert knows_it.rules[0] is not plain.rules[0] is not shouting


def test_preparing_a_linter_leaves_the_registry_rules_untouched(registry: Registry) -> None:
    pack_rule = registry.rules["FL401"]
    matcher = pack_rule.matcher  # type: ignore[attr-defined]
    linter = Linter([pack_rule], lexicons=registry.lexicons)
    (result,) = linter.lint([read_draft("d.txt", b"Dear [Interviewer Name], thank you.")])
    assert [f.code for f in result.findings] == ["FL401"]
    assert pack_rule.matcher is matcher  # type: ignore[attr-defined]
    assert matcher._matchers == () and matcher._token_matchers == ()
