"""Small parts the end-to-end tests reach only in another process, tested in this one:
rule options, the README table writer, the language server's linter cache and
diagnostics, plugin loading, and ``python -m followup_lint``."""

from __future__ import annotations

import runpy
import signal
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from followup_lint.checking.registry import Registry, load_plugin
from followup_lint.checking.rule import Rule
from followup_lint.checking.rule_options import build_options, describe_options
from followup_lint.config.settings import LinterCache, LintSettings
from followup_lint.core.errors import ConfigError, LintError, PluginLoadError
from followup_lint.core.findings import Finding, Severity
from followup_lint.editor.diagnostics import quick_fixes, to_diagnostics
from followup_lint.output.readme_table import BEGIN, END, rule_table, update_readme

# --- typed rule options -------------------------------------------------------


@dataclass(frozen=True)
class Options:
    max_words: int = 3
    ratio: float = 0.5
    words: tuple[str, ...] = ()
    anything: tuple[Any, ...] = ()
    loose: list = field(default_factory=list)  # type: ignore[type-arg]


def test_options_are_checked_against_their_types() -> None:
    built = build_options(Options, {"max-words": 5, "ratio": 1, "words": ["a", "b"],
                                    "anything": [1, "x"], "loose": [2]}, "cfg")
    assert built == Options(max_words=5, ratio=1.0, words=("a", "b"), anything=(1, "x"),
                            loose=[2])
    with pytest.raises(ConfigError, match="cfg: option 'words' must be a list, not str"):
        build_options(Options, {"words": "a"}, "cfg")
    with pytest.raises(ConfigError, match="option 'words' must be a string, not int"):
        build_options(Options, {"words": [1]}, "cfg")
    with pytest.raises(ConfigError, match="option 'max-words' must be an integer, not bool"):
        build_options(Options, {"max-words": True}, "cfg")


def test_options_are_described_for_the_documentation() -> None:
    assert describe_options(Options) == [
        ("max-words", "an integer", 3), ("ratio", "a number", 0.5),
        ("words", "list of a string", ()), ("anything", "list of Any", ()), ("loose", "list", [])]


# --- the README rule table ---------------------------------------------------


def test_readme_table_is_rewritten_between_its_markers(registry: Registry,
                                                       tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{BEGIN}\nold table\n{END}\noutro\n", encoding="utf-8")
    assert update_readme(readme, registry) is True
    assert readme.read_text() == f"intro\n{BEGIN}\n{rule_table(registry)}\n{END}\noutro\n"
    assert update_readme(readme, registry) is False


@pytest.mark.filterwarnings("ignore:'followup_lint.output.readme_table' found in sys.modules")
def test_readme_table_module_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"{BEGIN}\n{END}\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["readme_table", str(readme)])
    runpy.run_module("followup_lint.output.readme_table", run_name="__main__")
    assert capsys.readouterr().out == f"{readme}: updated\n"
    assert "| FL102 | `desperation` |" in readme.read_text()


# --- the language server's linter cache and diagnostics ----------------------


def test_linter_cache_builds_one_linter_per_configuration(tmp_path: Path) -> None:
    (tmp_path / "strict").mkdir()
    (tmp_path / "strict" / ".followup-lint.toml").write_text('select = ["FL401"]\n')
    cache = LinterCache(LintSettings(isolated=False))
    loose = cache.for_path(tmp_path / "a.txt")
    assert cache.for_path(tmp_path / "b.txt") is loose
    strict = cache.for_path(tmp_path / "strict" / "c.txt")
    assert [r.code for r in strict.rules] == ["FL401"]
    assert cache.builds == 2
    assert cache.for_path(None) is cache.for_path(None)


def test_linter_cache_refuses_a_bad_selector_or_a_missing_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown rule 'FL999'"):
        LinterCache(LintSettings(select=("FL999",))).for_path(None)
    with pytest.raises(LintError, match="configuration file not found"):
        LinterCache(LintSettings(config=tmp_path / "none.toml"))


def finding(line: int, column: int, end_column: int, replacement: str | None = None,
            severity: Severity = Severity.WARNING) -> Finding:
    return Finding(path="d.txt", line=line, column=column, end_line=line, end_column=end_column,
                   code="FL402", rule="shouting", severity=severity, message="Loud.",
                   suggestion="Quieter." if replacement is None else None,
                   replacement=replacement)


def test_diagnostics_count_utf16_units_and_carry_the_fix() -> None:
    text = "Hi 😊 SO glad\nok\n"
    codec = PositionCodec(types.PositionEncodingKind.Utf16)
    loud, info = to_diagnostics([finding(1, 6, 8, "so"), finding(2, 1, 3, None, Severity.INFO)],
                                text, codec)
    assert (loud.range.start.character, loud.range.end.character) == (6, 8)  # 😊 is two units
    assert loud.data == {"replacement": "so", "original": "SO", "safe": True}
    assert loud.message == "Loud." and loud.severity == types.DiagnosticSeverity.Warning
    assert info.message == "Loud.\nQuieter." and info.data is None
    assert info.severity == types.DiagnosticSeverity.Information

    def text_in(current: str):  # UTF-16 column - 1 is the Python index on these lines
        def read(r: types.Range) -> str:
            return current.split("\n")[r.start.line][r.start.character - 1 : r.end.character - 1]
        return read

    (action,) = quick_fixes("file:///d.txt", [loud, info], text_in(text))
    assert action.title == 'Replace "SO" with "so" (FL402)'
    assert action.edit.changes["file:///d.txt"][0].new_text == "so"
    assert quick_fixes("file:///d.txt", [loud], text_in("Hi 😊 so glad\n")) == []


def test_a_fix_that_removes_text_and_a_span_over_lines() -> None:
    codec = PositionCodec(types.PositionEncodingKind.Utf16)
    over = Finding(path="d.txt", line=1, column=3, end_line=2, end_column=2, code="FL402",
                   rule="shouting", severity=Severity.ERROR, message="m", replacement="")
    (diagnostic,) = to_diagnostics([over], "ab!!\n!c\n", codec)
    assert diagnostic.data == {"replacement": "", "original": "!!\n!", "safe": True}
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    (action,) = quick_fixes("u", [diagnostic], lambda r: "!!\n!")
    assert action.title == 'Remove "!!\n!" (FL402)'


# --- plugins -----------------------------------------------------------------


class Fine(Rule):
    """A rule from a plugin."""

    code = "XT301"
    name = "fine"
    group = "form"


def entry_point(value: str, name: str = "extra") -> metadata.EntryPoint:
    return metadata.EntryPoint(name=name, value=value, group="followup_lint.rules")


def test_a_plugin_rule_class_is_loaded_and_marked_with_its_origin() -> None:
    (rule,) = load_plugin(entry_point(f"{__name__}:Fine"))
    assert isinstance(rule, Fine) and rule.origin.startswith("plugin ")


@pytest.mark.parametrize(("value", "message"), [
    ("no_such_module_xyz:RULES", "failed to load: ModuleNotFoundError"),
    (f"{__name__}:entry_point", "which is not a followup_lint Rule"),
])
def test_a_broken_plugin_is_one_clear_error(value: str, message: str) -> None:
    with pytest.raises(PluginLoadError, match=message):
        load_plugin(entry_point(value))


@pytest.mark.parametrize(("attrs", "message"), [
    ({"code": "X1"}, "code must look like FL123"),
    ({"name": "Not A Name"}, "name must be lower-case words"),
    ({"group": "mood"}, "group must be one of"),
    ({"code": "FL402"}, "code FL402 is already used"),
    ({"name": "shouting"}, "name 'shouting' is already taken"),
])
def test_a_plugin_rule_with_a_bad_identity_is_refused(registry: Registry, attrs: dict,
                                                      message: str) -> None:
    fresh = Registry(rules=dict(registry.rules))
    rule = Fine()
    for key, value in attrs.items():
        setattr(rule, key, value)
    with pytest.raises(PluginLoadError, match=message):
        fresh.add(rule)


def test_a_selector_naming_no_rule(registry: Registry) -> None:
    assert registry.is_rule("tone") and not registry.is_rule("FL9X9")
    assert [r.code for r in registry.resolve("all")] == sorted(registry.rules)


# --- python -m followup_lint --------------------------------------------------


def test_python_dash_m_runs_the_command(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    before = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(sys, "argv", ["followup-lint", "--version"])
    # A test that imported every module (the fuzz's pattern scan) left __main__ imported;
    # runpy warns then. Run it as `python -m` does, from a fresh import.
    monkeypatch.delitem(sys.modules, "followup_lint.__main__", raising=False)
    try:
        with pytest.raises(SystemExit) as stopped:
            runpy.run_module("followup_lint", run_name="__main__")
    finally:
        signal.signal(signal.SIGINT, before)
    assert stopped.value.code == 0
    assert capsys.readouterr().out.startswith("followup-lint ")
