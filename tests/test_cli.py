"""The installed console script end to end: formats, exit codes, stdin, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import DRAFTS, ROOT

EXAMPLES = ROOT / "examples"
KEYS = {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
        "message", "suggestion"}


def test_lints_a_folder_in_sorted_order_with_exact_findings(cli) -> None:
    result = cli("examples", cwd=ROOT)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines == sorted(lines, key=lambda ln: (ln.split(":")[0], int(ln.split(":")[1]),
                                                  int(ln.split(":")[2])))
    assert "examples/needs-work.txt:3:6: FL401 \"[Interviewer Name]\" looks like an unfilled " \
           "placeholder; replace it with the real text." in lines
    assert "examples/needs-work.txt:5:102: FL102 \"I really need this job\" puts your need at " \
           "the centre; the reader wants to hear what you would bring." in lines
    assert not any(line.startswith("examples/good-thank-you.txt") for line in lines)
    assert not any(line.startswith("examples/portfolio-review.md") for line in lines)


def test_clean_draft_exits_zero(cli) -> None:
    result = cli(str(EXAMPLES / "good-thank-you.txt"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_json_has_exactly_the_documented_keys(cli) -> None:
    result = cli("--format", "json", str(EXAMPLES / "needs-work.txt"))
    findings = json.loads(result.stdout)
    assert findings and all(set(f) == KEYS for f in findings)
    placeholder = next(f for f in findings if f["code"] == "FL401")
    assert placeholder == {
        "path": str(EXAMPLES / "needs-work.txt"), "line": 3, "column": 6, "end_line": 3,
        "end_column": 24, "code": "FL401", "rule": "placeholder", "severity": "error",
        "message": '"[Interviewer Name]" looks like an unfilled placeholder; replace it with '
                   "the real text.",
        "suggestion": 'Replace "[Interviewer Name]" with the real name or detail before you '
                      "send.",
    }


def test_json_for_a_clean_draft_is_an_empty_array(cli) -> None:
    result = cli("--format", "json", str(EXAMPLES / "good-thank-you.txt"))
    assert json.loads(result.stdout) == []


def test_missing_file_among_three_inputs(cli) -> None:
    result = cli(str(EXAMPLES / "needs-work.txt"), "no-such-draft.txt",
                 str(EXAMPLES / "check-in.eml"))
    assert result.returncode == 2
    assert result.stderr == "followup-lint: no-such-draft.txt: no such file or folder\n"
    paths = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert paths == {str(EXAMPLES / "needs-work.txt"), str(EXAMPLES / "check-in.eml")}


def test_stdin(cli) -> None:
    text = (EXAMPLES / "needs-work.txt").read_text()
    result = cli("-", input=text)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("-:1:10: FL404 ")
    assert result.stdout.splitlines()[1].startswith("-:1:20: FL102 ")


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "followup_lint", "--version"],
                            capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("followup-lint ")


def test_exact_positions_in_crlf_email(cli) -> None:
    result = cli(str(DRAFTS / "crlf.eml"))
    got = [[*line.split(": ", 1)[0].rsplit(":", 2)[1:], line.split(": ")[1].split()[0]]
           for line in result.stdout.splitlines()]
    # Subject "Thanks!! 😊" is line 3 (its value starts at column 10); the body is line 8,
    # where the tab and the accented letters before "I really need" count one column each.
    # The quoted reply is not linted.
    assert got == [["3", "10", "FL404"], ["3", "16", "FL402"], ["3", "19", "FL402"],
                   ["8", "1", "FL301"], ["8", "1", "FL303"], ["8", "38", "FL102"]]


def test_exact_positions_in_markdown(cli) -> None:
    result = cli(str(DRAFTS / "links.md"))
    got = [[*line.split(": ", 1)[0].rsplit(":", 2)[1:], line.split(": ")[1].split()[0]]
           for line in result.stdout.splitlines()]
    # The placeholder in the front matter subject; code spans and link targets are not prose.
    assert got == [["2", "21", "FL401"], ["8", "1", "FL303"], ["9", "33", "FL102"]]


def test_fail_on_and_exit_zero(cli) -> None:
    draft = str(EXAMPLES / "check-in.eml")
    assert cli(draft).returncode == 1
    assert cli("--fail-on", "error", draft).returncode == 0
    assert cli("--exit-zero", draft).returncode == 0


def test_list_rules(cli) -> None:
    result = cli("--list-rules")
    assert result.returncode == 0
    rows = [line.split()[:4] for line in result.stdout.splitlines()]
    assert ["FL101", "negativity", "tone", "warning"] in rows
    assert ["FL401", "placeholder", "form", "error"] in rows
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)


def test_unknown_model_is_one_line_with_the_fix(cli) -> None:
    result = cli("--model", "xx_no_such_model", str(EXAMPLES / "needs-work.txt"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "pip install" in result.stderr


def test_no_paths_is_a_usage_error(cli) -> None:
    result = cli()
    assert result.returncode == 2
    assert "give at least one draft" in result.stderr
