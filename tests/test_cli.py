"""The console script end to end, run in-process: formats, exit codes, stdin, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DRAFTS, ROOT

EXAMPLES = ROOT / "examples"
KEYS = {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
        "message", "suggestion"}


def test_lints_a_folder_in_sorted_order(cli) -> None:
    result = cli("examples", cwd=ROOT)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines == sorted(lines, key=lambda ln: (ln.split(":")[0], int(ln.split(":")[1]),
                                                  int(ln.split(":")[2])))
    placeholder = cli("--select", "FL401", "examples", cwd=ROOT).stdout
    assert placeholder == ("examples/needs-work.txt:3:6: FL401 \"[Interviewer Name]\" looks like "
                           "an unfilled placeholder; replace it with the real text.\n")
    assert placeholder.strip() in lines
    assert not any(line.startswith("examples/good-thank-you.txt") for line in lines)
    assert not any(line.startswith("examples/portfolio-review.md") for line in lines)


@pytest.mark.parametrize("output_format", ["text", "gnu", "github", "json", "json-report",
                                           "sarif", "full"])
def test_every_format_of_the_examples_folder_matches_its_snapshot(cli, snapshot,
                                                                  output_format: str) -> None:
    """End to end, every rule: after a deliberate change run pytest --update-snapshots."""
    score = ["--score"] if output_format in ("text", "full") else []
    result = cli("--format", output_format, *score, "examples", cwd=ROOT,
                 env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert result.returncode == 1 and result.stderr == ""
    if output_format == "sarif":  # the tool version changes with every release
        version = json.loads(result.stdout)["runs"][0]["tool"]["driver"]["version"]
        stdout = result.stdout.replace(f'"{version}"', '"VERSION"')
    else:
        stdout = result.stdout
    suffix = {"json": "json", "json-report": "json", "sarif": "json"}.get(output_format, "txt")
    snapshot.check(f"examples.{output_format}.{suffix}", stdout)


def test_clean_draft_exits_zero(cli) -> None:
    result = cli(str(EXAMPLES / "good-thank-you.txt"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_json_has_exactly_the_documented_keys(cli) -> None:
    result = cli("--format", "json", str(EXAMPLES / "needs-work.txt"))
    findings = json.loads(result.stdout)
    assert findings and all(set(f) == KEYS for f in findings)
    (placeholder,) = json.loads(cli("--format", "json", "--select", "FL401",
                                    str(EXAMPLES / "needs-work.txt")).stdout)
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
    result = cli("--select", "FL404,FL102", "-", input=text)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("-:1:10: FL404 ")
    assert result.stdout.splitlines()[1].startswith("-:1:20: FL102 ")


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "followup_lint", "--version"],
                            capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("followup-lint ")


def test_exact_positions_in_crlf_email(cli, snapshot) -> None:
    # Subject "Thanks!! 😊" is line 3 (its value starts at column 10); the body is line 8,
    # where the tab and the accented letters before "I really need" count one column each.
    result = cli("--select", "FL102,FL402,FL404", str(DRAFTS / "crlf.eml"))
    got = [[*line.split(": ", 1)[0].rsplit(":", 2)[1:], line.split(": ")[1].split()[0]]
           for line in result.stdout.splitlines()]
    assert got == [["3", "10", "FL404"], ["3", "16", "FL402"], ["3", "19", "FL402"],
                   ["8", "38", "FL102"]]
    # Every rule, end to end; the quoted reply is never linted.
    snapshot.check("crlf.eml.txt", cli("crlf.eml", cwd=DRAFTS).stdout)


def test_exact_positions_in_markdown(cli, snapshot) -> None:
    result = cli("--select", "FL401,FL102", str(DRAFTS / "links.md"))
    got = [[*line.split(": ", 1)[0].rsplit(":", 2)[1:], line.split(": ")[1].split()[0]]
           for line in result.stdout.splitlines()]
    # The placeholder in the front matter subject; code spans and link targets are not prose.
    assert got == [["2", "21", "FL401"], ["9", "33", "FL102"]]
    snapshot.check("links.md.txt", cli("links.md", cwd=DRAFTS).stdout)


def test_fail_on_and_exit_zero(cli) -> None:
    draft = str(EXAMPLES / "check-in.eml")
    warnings_only = ("--select", "FL102")  # two warnings, no error
    assert cli(*warnings_only, draft).returncode == 1
    assert cli(*warnings_only, "--fail-on", "error", draft).returncode == 0
    assert cli(*warnings_only, "--exit-zero", draft).returncode == 0
    assert cli("--select", "FL401", "--fail-on", "error", str(EXAMPLES / "needs-work.txt")
               ).returncode == 1


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
