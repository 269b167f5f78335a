"""Configuration, suppression and explanations, through the command line (in-process).

Every test works in its own temporary folder with its own configuration files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

LONG = "Thank you for the tour of the Dayton plant and line six. " * 14  # 168 words
BAD = ("Hi Dana,\n\nThank you for the tour of the Dayton plant and line six. "
       "I really need this job.\n\nI would love to join the team and help with the line six "
       "rollout.\n\nBest,\nSam\n")


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def codes(stdout: str) -> list[str]:
    return [line.split(": ", 1)[1].split()[0] for line in stdout.splitlines()]


def test_pyproject_table_is_found_from_the_drafts_folder_upward(cli, tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": '[tool.followup-lint]\nignore = ["desperation"]\n',
                     "drafts/a/bad.txt": BAD})
    result = cli("drafts", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")


def test_nearest_configuration_wins(cli, tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": '[tool.followup-lint]\nignore = ["FL102"]\n',
                     "drafts/strict/.followup-lint.toml": 'select = ["FL1"]\n',
                     "drafts/strict/bad.txt": BAD, "drafts/relaxed.txt": BAD})
    result = cli("drafts", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        'drafts/strict/bad.txt:3:58: FL102 "I really need this job" puts your need at the '
        "centre; the reader wants to hear what you would bring."]


def test_dot_file_wins_over_pyproject_in_the_same_folder(cli, tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": '[tool.followup-lint]\nignore = ["FL102"]\n',
                     ".followup-lint.toml": 'ignore = []\n', "bad.txt": BAD})
    assert codes(cli("bad.txt", cwd=tmp_path).stdout) == ["FL102"]


def test_pyproject_without_our_table_is_passed_over(cli, tmp_path: Path) -> None:
    write(tmp_path, {".followup-lint.toml": 'ignore = ["FL102"]\n',
                     "sub/pyproject.toml": "[project]\nname = 'x'\n", "sub/bad.txt": BAD})
    assert cli("sub/bad.txt", cwd=tmp_path).stdout == ""


def test_config_option_and_isolated(cli, tmp_path: Path) -> None:
    write(tmp_path, {".followup-lint.toml": 'ignore = ["FL102"]\n',
                     "other.toml": 'select = ["placeholder"]\n', "bad.txt": BAD})
    assert cli("bad.txt", cwd=tmp_path).stdout == ""
    assert cli("--isolated", "bad.txt", cwd=tmp_path).returncode == 1
    assert cli("--config", "other.toml", "bad.txt", cwd=tmp_path).stdout == ""


def test_command_line_overrides_the_file(cli, tmp_path: Path) -> None:
    write(tmp_path, {".followup-lint.toml": 'select = ["FL401"]\n', "bad.txt": BAD})
    assert codes(cli("--select", "tone", "bad.txt", cwd=tmp_path).stdout) == ["FL102"]


@pytest.mark.parametrize("selector", ["FL102", "desperation", "tone", "FL1"])
def test_ignore_by_code_name_group_or_prefix(cli, tmp_path: Path, selector: str) -> None:
    write(tmp_path, {".followup-lint.toml": f'ignore = ["{selector}"]\n', "bad.txt": BAD})
    assert cli("bad.txt", cwd=tmp_path).stdout == ""


def test_per_file_ignores(cli, tmp_path: Path) -> None:
    write(tmp_path, {".followup-lint.toml": '[per-file-ignores]\n"old/*.txt" = ["FL102"]\n',
                     "old/bad.txt": BAD, "new/bad.txt": BAD})
    result = cli("old", "new", cwd=tmp_path)
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["new/bad.txt"]


def test_severity_and_fail_on(cli, tmp_path: Path) -> None:
    write(tmp_path, {".followup-lint.toml": '[severity]\ndesperation = "info"\n',
                     "bad.txt": BAD})
    result = cli("--format", "json", "bad.txt", cwd=tmp_path)
    assert [f["severity"] for f in json.loads(result.stdout)] == ["info"]
    assert result.returncode == 0  # info is below the default fail level
    assert cli("--fail-on", "info", "bad.txt", cwd=tmp_path).returncode == 1
    write(tmp_path, {".followup-lint.toml": 'fail-on = "error"\n'})
    assert cli("bad.txt", cwd=tmp_path).returncode == 0
    assert cli("--exit-zero", "--isolated", "bad.txt", cwd=tmp_path).returncode == 0


def test_per_rule_options(cli, tmp_path: Path) -> None:
    write(tmp_path, {".followup-lint.toml": "[rules.too-long]\nmax-words = 150\n",
                     "long.txt": LONG})
    result = cli("long.txt", cwd=tmp_path)
    assert "FL201 The body is 168 words; aim for 150 or fewer" in result.stdout
    assert "FL201" not in cli("--isolated", "long.txt", cwd=tmp_path).stdout


def test_extra_rule_packs_relative_to_the_config(cli, tmp_path: Path) -> None:
    pack = ("pack: team\nrules:\n  - code: XT101\n    name: salary-talk\n    group: content\n"
            "    summary: Salary talk.\n    message: 'Leave \"{match}\" for the offer stage.'\n"
            "    cues:\n      - lemmas: [salary]\n")
    write(tmp_path, {"cfg/.followup-lint.toml": 'rules = ["packs/team.yaml"]\n',
                     "cfg/packs/team.yaml": pack,
                     "cfg/d.txt": "Thank you for the tour of line six. Is the salary fixed?\n"})
    assert cli("--select", "XT101", "cfg/d.txt", cwd=tmp_path).stdout == (
        'cfg/d.txt:1:44: XT101 Leave "salary" for the offer stage.\n')


def test_extensions(cli, tmp_path: Path) -> None:
    write(tmp_path, {".followup-lint.toml": 'extensions = [".text"]\n',
                     "drafts/a.text": BAD, "drafts/b.txt": BAD})
    result = cli("drafts", cwd=tmp_path)
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {"drafts/a.text"}


def test_allowed_phrases_are_never_flagged(cli, tmp_path: Path) -> None:
    write(tmp_path, {".followup-lint.toml": 'allow = ["really need this job"]\n',
                     "bad.txt": BAD})
    assert cli("bad.txt", cwd=tmp_path).stdout == ""


@pytest.mark.parametrize(("config", "message"), [
    ('colour = "red"\n', "unknown key 'colour' (allowed: allow, extensions, fail-on, ignore, "
                         "model, per-file-ignores, rules, scoring, select, severity)"),
    ('select = ["FL999"]\n', "unknown rule 'FL999'"),
    ("[rules.too-long]\nmax-words = \"many\"\n", "option 'max-words' must be an integer"),
    ("[rules.too-long]\nmaximum = 3\n", "unknown option 'maximum' (allowed: max-words)"),
    ("[rules.no-such-rule]\nx = 1\n", "unknown rule 'no-such-rule'"),
    ('fail-on = "fatal"\n', "'fail-on' must be one of error, warning, info"),
    ("select = [\n", "invalid TOML"),
    ("model = 3\n", "'model' must be a spaCy model name"),
    ("select = 3\n", "'select' must be a list of rules (codes, names, groups or code prefixes)"),
    ("[rules]\ntoo-long = 3\n", "'rules'.too-long must be a table of option = value"),
    ('severity = "x"\n', "'severity' must be a table of rule = error/warning/info"),
    ("scoring = 3\n", "'scoring' must be a table of send-readiness score weights"),
    ('select = ["\xff"]\n', "is not UTF-8 text (byte 11); save it as UTF-8"),
    ("a = " + "[" * 60 + "]" * 60 + "\n", ": nests deeper than 50 levels\n"),
    ("a = " + "[" * 3000 + "]" * 3000 + "\n", ": nests deeper than 50 levels\n"),  # recursion
    ("a = 1" + "0" * 120 + "\n", ": has an integer of more than 100 digits\n"),
    ("a = 1" + "0" * 5000 + "\n", ": has an integer of more than 100 digits\n"),
])
def test_a_wrong_file_is_one_clear_error(cli, tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / ".followup-lint.toml").write_bytes(config.encode("latin-1" if "\xff" in config
                                                                 else "utf-8"))
    write(tmp_path, {"bad.txt": BAD})
    result = cli("bad.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert str(tmp_path / ".followup-lint.toml") in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize(("pyproject", "message"), [
    ("[tool.followup-lint\n", "pyproject.toml: invalid TOML: Expected ']' at the end of a table "
                             "declaration (at line 1, column 20)\n"),
    ("[tool]\nfollowup-lint = 3\n", "pyproject.toml: [tool.followup-lint]: must be a table of "
                                    "settings\n"),
])
def test_a_broken_pyproject_that_may_hold_our_table_is_reported(
        cli, tmp_path: Path, pyproject: str, message: str) -> None:
    write(tmp_path, {"pyproject.toml": pyproject, "bad.txt": BAD})
    result = cli("bad.txt", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"followup-lint: {tmp_path / message}"


def test_a_rules_table_holds_packs_and_options_and_extensions_may_omit_the_dot(
        cli, tmp_path: Path) -> None:
    pack = ("rules:\n  - code: XT101\n    name: salary-talk\n    group: content\n"
            "    summary: Salary talk.\n    message: 'Leave \"{match}\" for later.'\n"
            "    cues:\n      - lemmas: [salary]\n")
    write(tmp_path, {".followup-lint.toml": 'extensions = "text"\n[rules]\npacks = ["team.yaml"]'
                                            '\n[rules.too-long]\nmax-words = 5\n',
                     "team.yaml": pack,
                     "d.text": "Thank you for the tour of line six. Is the salary fixed?\n",
                     "d.txt": "Is the salary fixed?\n"})
    result = cli("--select", "XT101,FL201", ".", cwd=tmp_path)
    assert result.stdout == ('d.text:1:1: FL201 The body is 12 words; aim for 5 or fewer (this '
                             'sentence crosses the limit).\n'
                             'd.text:1:44: XT101 Leave "salary" for later.\n')


def test_show_settings_says_where_each_came_from(cli, tmp_path: Path) -> None:
    write(tmp_path, {".followup-lint.toml": '[rules.too-long]\nmax-words = 150\n',
                     "bad.txt": BAD})
    out = cli("--show-settings", "bad.txt", "--fail-on", "error", cwd=tmp_path).stdout
    config = str(tmp_path / ".followup-lint.toml")
    assert f"configuration file: {config}" in out
    assert "fail-on = error  (command line)" in out
    assert "ignore = []  (default)" in out
    assert f"rules.too-long: max-words=150  ({config})" in out


def test_front_matter_suppression(cli, tmp_path: Path) -> None:
    front = "---\nfollowup-lint: {ignore: [desperation]}\n---\n"
    write(tmp_path, {"a.md": front + BAD, "b.txt": front + BAD})
    assert cli("a.md", "b.txt", cwd=tmp_path).stdout == ""


def test_markdown_comment_suppression(cli, tmp_path: Path) -> None:
    text = ("Hi Dana,\n\nThank you for the tour of the Dayton plant and line six.\n\n"
            "<!-- followup-lint: disable FL102 -->\nI really need this job.\n"
            "<!-- followup-lint: enable FL102 -->\nI really need this job.\n"
            "<!-- followup-lint: disable-next-line desperation -->\nI really need this job.\n"
            "I really need this job.\n")
    write(tmp_path, {"d.md": text})
    result = cli("--select", "FL102", "d.md", cwd=tmp_path)
    assert [line.split(":")[1] for line in result.stdout.splitlines()] == ["8", "11"]


def test_directive_naming_an_unknown_rule_is_reported(cli, tmp_path: Path) -> None:
    text = ("---\nfollowup-lint: {ignore: [desparation]}\n---\nHi Dana,\n\n"
            "<!-- followup-lint: disable-next-line FL1O2 -->\n" + BAD.split("\n\n", 1)[1])
    write(tmp_path, {"d.md": text})
    lines = [line for line in cli("d.md", cwd=tmp_path).stdout.splitlines() if "FL001" in line]
    assert lines == [
        'd.md:2:26: FL001 "desparation" is not a rule, so this suppression does nothing.',
        'd.md:6:39: FL001 "FL1O2" is not a rule, so this suppression does nothing.',
    ]


@pytest.mark.parametrize("selector", ["FL102", "desperation"])
def test_rule_explanation(cli, selector: str) -> None:
    result = cli("rule", selector)
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("FL102 desperation (tone, warning by default)\n\n"
                          "Pleading, neediness, pressure or over-urgency.")
    for part in ("Why it matters:", "Flagged:", "Passes:", "threshold = 1.0",
                 "Turn it off:", "--ignore FL102"):
        assert part in out


def test_rule_explanation_of_a_python_rule_shows_its_options(cli) -> None:
    out = cli("rule", "too-long").stdout
    assert "Options (under [tool.followup-lint.rules.too-long]):\n  max-words = 200" in out


def test_unknown_rule_explanation(cli) -> None:
    result = cli("rule", "FL999")
    assert result.returncode == 2
    assert "unknown rule 'FL999'" in result.stderr


def test_statistics(cli, tmp_path: Path) -> None:
    write(tmp_path, {"a.txt": BAD, "b.txt": BAD})
    out = cli("--statistics", "--select", "FL102", "a.txt", "b.txt", cwd=tmp_path).stdout
    assert out.splitlines()[-1] == "    2  FL102  desperation"
