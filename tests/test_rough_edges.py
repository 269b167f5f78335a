"""Issue 15's rough edges, each pinned: options that clash, FL402, output wording, LSP actions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from followup_lint.cli import cli
from followup_lint.core.findings import Finding, Severity
from followup_lint.editor.diagnostics import code_actions, to_diagnostics
from followup_lint.output import terminal

SHOUTY = "Thank you for the interview on Tuesday about the SQL role. I am SO excited!!\n"


def invoke(*args: str, stdin: str | None = None, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, env=env)


@pytest.mark.parametrize("fmt", ["json", "json-report", "sarif"])
def test_statistics_keep_json_output_valid(fmt: str) -> None:
    result = invoke("--format", fmt, "--statistics", "--select", "FL402", "-", stdin=SHOUTY)
    json.loads(result.stdout)
    assert "    2  FL402  shouting" in result.stderr


def test_statistics_follow_text_output_on_stdout() -> None:
    result = invoke("--format", "text", "--statistics", "--select", "FL402", "-", stdin=SHOUTY)
    assert result.stdout.endswith("    2  FL402  shouting\n")


@pytest.mark.parametrize("fmt", ["json", "gnu", "github", "sarif"])
def test_score_is_refused_where_the_format_has_no_place_for_it(fmt: str) -> None:
    result = invoke("--format", fmt, "--score", "-", stdin=SHOUTY)
    assert result.exit_code == 2
    assert f"--score works with --format text, full or json-report, not {fmt}" in result.stderr


def test_stdin_filename_without_dash_is_an_error(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(SHOUTY)
    result = invoke("--stdin-filename", "x.md", str(draft))
    assert result.exit_code == 2 and "add - to the paths" in result.stderr


def test_fail_under_names_the_draft_below_it() -> None:
    result = invoke("--format", "text", "--fail-under", "95", "--stdin-filename", "mine.txt",
                    "-", stdin=SHOUTY)
    assert result.exit_code == 1
    assert "followup-lint: mine.txt scores " in result.stderr
    assert ", below --fail-under 95" in result.stderr


def test_fl402_times_labels_and_double_exclamation(lint) -> None:
    text = ("Subject: RE: our call at 10 AM\n\nThank you for the call at 9:30 PM on Tuesday "
            "about the SQL role. FWD: the notes follow. It was so useful‼\n")
    found = lint(text, codes=("FL402",))
    line = text.splitlines()[2]
    assert [(f.line, line[f.column - 1 : f.end_column - 1], f.replacement) for f in found] == [
        (3, "‼", "!")]


def test_full_output_wraps_at_word_boundaries() -> None:
    finding = Finding("d.txt", 1, 1, 1, 2, "FL999", "x", Severity.WARNING,
                      "A message long enough to wrap around the interview window twice over.",
                      "A suggestion that also runs past the edge of a narrow terminal window.")
    out = terminal.render_finding(finding, None, width=30, colour=False)
    lines = out.splitlines()[1:]
    assert all(len(line) <= 30 for line in lines), lines
    words = " ".join(line.strip() for line in lines).split()
    assert "interview" in words and "terminal" in words


def test_summary_says_info_findings() -> None:
    assert terminal.summary({Severity.INFO: 74, Severity.WARNING: 1}, 3, 5) == \
        "1 warning, 74 info findings in 3 of 5 drafts."
    assert terminal.summary({Severity.INFO: 1}, 1, 1) == "1 info finding in 1 of 1 draft."


def test_too_many_follow_ups_caps_the_list_of_earlier_emails(lint_run) -> None:
    nudge = ("---\nto: Dana Cho <dana@example.com>\ndate: 2026-11-{day}\n---\nHi Dana,\n\n"
             "I wanted to check in on the analyst role and the timeline you mentioned.\n\n"
             "Best,\nSam\n")
    drafts = {f"d{i:02}.md": nudge.format(day=f"{i + 1:02}") for i in range(1, 9)}
    found = lint_run(drafts, codes=("FL503",))
    last = found[-1].message
    assert "and 4 more" in last and last.count("d0") == 3, last


def test_rule_help_has_no_double_backticks_and_keeps_example_lines() -> None:
    result = invoke("rule", "FL405")
    assert "``" not in result.stdout
    assert "  | ---\n  | company: Acme\n  | ---\n" in result.stdout


def test_code_actions_put_the_finding_under_the_cursor_first_and_work_without_diagnostics(
        lint) -> None:
    text = "Subject: Thanks\n\nThank you for the the chat. I am SO excited!!\n"
    findings = [f for f in lint(text) if f.replacement is not None]
    codec = PositionCodec()
    published = to_diagnostics(findings, text, codec)
    lines = text.split("\n")

    def text_in(r: types.Range) -> str:
        return lines[r.start.line][r.start.character : r.end.character]

    cursor = types.Range(start=types.Position(2, 38), end=types.Position(2, 38))  # on "!!"
    actions = code_actions("file:///d.txt", cursor, list(reversed(published)), [], text_in)
    assert actions[0].title.startswith('Replace "!!" with "!"')
    whole_line = types.Range(start=types.Position(2, 0), end=types.Position(2, 45))
    actions = code_actions("file:///d.txt", whole_line, [], published, text_in)
    assert sorted(a.title.split(" (")[1] for a in actions) == ["FL402)", "FL402)", "FL602)"]


def test_user_configuration_sits_below_project_files(tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "xdg"
    (home / "followup-lint").mkdir(parents=True)
    (home / "followup-lint" / "config.toml").write_text('ignore = ["FL402"]\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    work = tmp_path / "drafts"
    work.mkdir()
    (work / "d.txt").write_text(SHOUTY)
    monkeypatch.chdir(work)
    shown = invoke("--show-settings", "d.txt").stdout
    assert f"configuration file: {home / 'followup-lint' / 'config.toml'} (per-user)" in shown
    assert "FL402" not in invoke("--format", "text", "d.txt").stdout
    (work / ".followup-lint.toml").write_text('select = ["FL402"]\n')
    assert "FL402" in invoke("--format", "text", "d.txt").stdout


@pytest.mark.slow
def test_vim_recipe_lands_on_the_span_after_a_tab_emoji_and_cjk(tmp_path: Path) -> None:
    import subprocess

    from tests.test_editors import block, path_env, tool

    vim = tool("vim")
    (tmp_path / "recipe.vim").write_text(block("vim", "makeprg"))
    (tmp_path / "draft.txt").write_text(
        "Subject: Thank you - analyst interview\n\nHi Dana,\n\n\tThank you 😊 for the "
        "東京 tour. I am SO keen!!\n\nBest,\nSam\n", encoding="utf-8")
    (tmp_path / "run.vim").write_text(
        "silent make!\nlet g:jumps = []\nfor i in range(1, len(getqflist()))\n"
        "  execute 'cc ' . i\n  call add(g:jumps, strcharpart(getline('.'), charcol('.') - 1,"
        " 2))\nendfor\ncall writefile([json_encode(g:jumps)], 'jumps.json')\nqall!\n")
    subprocess.run([vim, "-N", "-u", "NONE", "-i", "NONE", "-n", "-es", "--cmd",
                    "set encoding=utf-8 fileencodings=utf-8", "-S", "recipe.vim", "-S",
                    "run.vim", "draft.txt"], cwd=tmp_path, env=path_env(),
                   capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    jumps = json.loads((tmp_path / "jumps.json").read_text())
    assert jumps == ["😊 ", "SO", "!!"]


def test_list_rules_keeps_its_columns_with_the_proofreading_group() -> None:
    lines = invoke("--list-rules").stdout.splitlines()
    import re

    starts = {re.search(r" (error|warning|info) ", line).start() for line in lines}
    assert len(starts) == 1, starts  # the severity column starts at the same place on every row
    assert any(" proofreading warning " in line for line in lines)


def test_score_block_keeps_its_columns_with_the_proofreading_group() -> None:
    import followup_lint

    text = (Path(__file__).parent / "proofreading" / "typos" / "t01.md").read_text()
    score = followup_lint.score_text(text, path="t01.md")
    rows = terminal.render_score("t01.md", score, colour=False).splitlines()[1:-1]
    assert "proofreading" in rows[-1]
    ends = {len(row.split("  FL")[0].rstrip()) for row in rows}  # where the points end
    assert len(ends) == 1, rows
