"""The editor and CI output formats: gnu, github and sarif, and --stdin-filename."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from followup_lint.output.formats import escape_data, escape_property

from .conftest import ROOT, SHARED, needs_shared

NEEDS_WORK = "examples/needs-work.txt"


def test_gnu_format_carries_severity_and_code(cli) -> None:
    result = cli("--format", "gnu", "--select", "FL102,FL401,FL404", NEEDS_WORK, cwd=ROOT)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == ('examples/needs-work.txt:1:10: warning: The subject "Any update??" says '
                        "nothing about this email; name the role and what the email is. [FL404]")
    assert lines[1] == ('examples/needs-work.txt:1:20: warning: "??" reads as impatient; one '
                        "question mark is enough. [FL102]")
    assert lines[2] == ('examples/needs-work.txt:3:6: error: "[Interviewer Name]" looks like an '
                        "unfilled placeholder; replace it with the real text. [FL401]")
    every = cli("--format", "gnu", NEEDS_WORK, cwd=ROOT).stdout.splitlines()
    assert len(every) == len(cli(NEEDS_WORK, cwd=ROOT).stdout.splitlines())
    assert set(lines) <= set(every)


def test_gnu_format_prints_info_as_note(cli, tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: t\nrules:\n  - code: XT101\n    name: salary-talk\n    group: content\n"
        "    severity: info\n    summary: Salary talk.\n    message: '\"{match}\" brings up pay.'\n"
        "    cues:\n      - lemmas: [salary]\n")
    draft = tmp_path / "d.txt"
    draft.write_text("Thank you for the interview about the roadmap. Is the salary fixed?\n")
    result = cli("--format", "gnu", "--select", "XT101", "--rules", str(pack), str(draft))
    assert result.stdout == f'{draft}:1:55: note: "salary" brings up pay. [XT101]\n'
    assert result.returncode == 0  # info is below the default --fail-on warning


def test_github_format_is_workflow_commands(cli) -> None:
    result = cli("--format", "github", "--select", "FL102,FL401,FL404", NEEDS_WORK, cwd=ROOT)
    lines = result.stdout.splitlines()
    assert lines[1] == ("::warning file=examples/needs-work.txt,line=1,col=20,endLine=1,"
                        "endColumn=22,title=FL102 desperation::\"??\" reads as impatient; one "
                        "question mark is enough.")
    assert lines[2].startswith("::error file=examples/needs-work.txt,line=3,col=6,endLine=3,"
                               "endColumn=24,title=FL401 placeholder::")
    assert all(line.startswith(("::warning ", "::error ")) for line in lines)


def test_github_format_escapes_properties_and_data(cli, tmp_path: Path) -> None:
    draft = tmp_path / "a,b:c.txt"
    draft.write_text("Thank you for the interview about the SQL roadmap!! It was great.\n")
    result = cli("--format", "github", "--select", "FL402", str(draft))
    escaped = str(tmp_path).replace(":", "%3A").replace(",", "%2C") + "/a%2Cb%3Ac.txt"
    assert result.stdout == (f"::warning file={escaped},line=1,col=50,endLine=1,endColumn=52,"
                             'title=FL402 shouting::"!!" reads as shouting; one mark is enough.\n')


def test_github_format_gives_lines_alone_for_a_finding_over_several_lines(cli,
                                                                          tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Thank you for the interview! It was great to meet the\nwhole team! I "
                     "loved the demo! See you soon.\n")
    result = cli("--format", "github", "--select", "FL402", "d.txt", cwd=tmp_path)
    assert [line.split("::")[1] for line in result.stdout.splitlines()] == [
        "warning file=d.txt,line=1,col=1,endLine=1,endColumn=29,title=FL402 shouting",
        "warning file=d.txt,line=1,endLine=2,title=FL402 shouting",
        "warning file=d.txt,line=2,col=13,endLine=2,endColumn=30,title=FL402 shouting",
    ]


def test_workflow_command_escaping_rules() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b"


def test_github_notice_for_info(cli, tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Thank you for the interview about the roadmap. Is the salary fixed?\n")
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: t\nrules:\n  - code: XT101\n    name: salary-talk\n    group: content\n"
        "    severity: info\n    summary: Salary talk.\n    message: 'pay'\n"
        "    cues:\n      - lemmas: [salary]\n")
    result = cli("--format", "github", "--select", "XT101", "--rules", str(pack), str(draft))
    assert result.stdout.startswith("::notice file=")


def sarif_log(cli, *args: str) -> dict:
    result = cli("--format", "sarif", *args, cwd=ROOT)
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_sarif_has_rules_and_one_result_per_finding(cli) -> None:
    log = sarif_log(cli, NEEDS_WORK)
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert log["version"] == "2.1.0" and driver["name"] == "followup-lint"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and {"FL101", "FL102", "FL301", "FL401", "FL402"} <= set(ids)
    placeholder = driver["rules"][ids.index("FL401")]
    assert placeholder["name"] == "placeholder"
    assert placeholder["defaultConfiguration"] == {"level": "error"}
    assert placeholder["shortDescription"]["text"].startswith("An unfilled template placeholder")
    assert "copied and not written for them" in placeholder["fullDescription"]["text"]
    assert "copied and not written for them" in placeholder["help"]["text"]

    text_lines = cli(NEEDS_WORK, cwd=ROOT).stdout.splitlines()
    assert len(run["results"]) == len(text_lines)
    (first,) = [r for r in run["results"] if r["ruleId"] == "FL401"]
    assert first["ruleId"] == "FL401" and ids[first["ruleIndex"]] == "FL401"
    assert first["level"] == "error"
    assert first["message"]["text"].startswith('"[Interviewer Name]" looks like an unfilled')
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "examples/needs-work.txt"
    assert location["region"] == {"startLine": 3, "startColumn": 6, "endLine": 3,
                                  "endColumn": 24}


def test_sarif_fix_for_a_direct_replacement(cli) -> None:
    results = sarif_log(cli, "--select", "FL401,FL402", NEEDS_WORK)["runs"][0]["results"]
    shouting = [r for r in results if r["ruleId"] == "FL402"]
    replacements = [r["fixes"][0]["artifactChanges"][0]["replacements"][0] for r in shouting]
    assert [(x["deletedRegion"]["startColumn"], x["insertedContent"]["text"])
            for x in replacements] == [(24, "!"), (32, "so")]
    assert "fixes" not in next(r for r in results if r["ruleId"] == "FL401")


def test_sarif_for_a_clean_draft_still_describes_the_rules(cli) -> None:
    run = sarif_log(cli, "examples/good-thank-you.txt")["runs"][0]
    assert run["results"] == [] and len(run["tool"]["driver"]["rules"]) >= 7


@needs_shared()
def test_sarif_validates_against_the_official_schema(cli) -> None:
    schema_path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip("the SARIF schema is not in ../shared/schemas")
    schema = json.loads(schema_path.read_text())
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    for args in ([NEEDS_WORK], ["examples"], ["examples/good-thank-you.txt"]):
        log = sarif_log(cli, *args)
        errors = sorted(validator_class(schema).iter_errors(log), key=str)
        assert errors == [], errors[0].message if errors else ""
    broken = sarif_log(cli, NEEDS_WORK)
    broken["runs"][0]["results"][0]["level"] = "loud"
    assert list(validator_class(schema).iter_errors(broken)), "the schema check can fail"


@pytest.mark.parametrize("output_format", ["text", "gnu", "github", "json"])
def test_stdin_findings_carry_the_stdin_filename(cli, output_format: str) -> None:
    text = (ROOT / NEEDS_WORK).read_text()
    result = cli("--format", output_format, "--stdin-filename", "drafts/acme.txt", "-",
                 input=text)
    assert result.returncode == 1
    if output_format == "json":
        paths = {f["path"] for f in json.loads(result.stdout)}
        assert paths == {"drafts/acme.txt"}
        return
    lines = result.stdout.splitlines()
    assert len(lines) == len(cli("--format", output_format, NEEDS_WORK, cwd=ROOT).stdout
                             .splitlines())
    prefix = "::warning file=drafts/acme.txt,line=1," if output_format == "github" else \
        "drafts/acme.txt:1:10: "
    assert lines[0].startswith(prefix)
    assert all("drafts/acme.txt" in line for line in lines)


def test_stdin_filename_sets_the_format(cli) -> None:
    """The name decides how the draft is read: as .md, link targets are not prose."""
    text = "Thank you for the demo of the [Atlas dashboard](https://x.test/ASAP) today.\n"
    as_md = cli("--stdin-filename", "note.md", "-", input=text)
    as_txt = cli("--stdin-filename", "note.txt", "-", input=text)
    assert "FL102" not in as_md.stdout
    assert "note.txt:1:" in as_txt.stdout and "ASAP" in as_txt.stdout
