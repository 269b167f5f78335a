"""The console script for people: full output, colour, scores, the JSON report."""

from __future__ import annotations

import json
import os
import pty
import subprocess

from .conftest import DRAFTS, ROOT, console_script

EXAMPLES = ROOT / "examples"
NEEDS_WORK = str(EXAMPLES / "needs-work.txt")


def run_on_a_terminal(*args: str, env: dict[str, str]) -> str:
    """Run the console script with stdout on a pseudo-terminal; return what it printed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([console_script(), *args], stdout=follower, stderr=subprocess.PIPE,
                            env={**os.environ, **env}, cwd=ROOT)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=300)
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_full_is_the_default_on_a_terminal_with_colour() -> None:
    out = run_on_a_terminal("--select", "FL401,FL402", "examples/needs-work.txt",
                            env={"NO_COLOR": "", "FORCE_COLOR": "", "TERM": "xterm"})
    assert "\x1b[31m\x1b[1merror FL401\x1b[0m" in out
    assert "\x1b[1m1 error, 2 warnings in 1 of 1 draft.\x1b[0m" in out


def test_no_color_on_a_terminal() -> None:
    out = run_on_a_terminal("--select", "FL401", "examples/needs-work.txt",
                            env={"NO_COLOR": "1", "TERM": "xterm"})
    assert "\x1b[" not in out
    assert "examples/needs-work.txt:3:6: error FL401 (placeholder)\n" \
           "  3 | Dear [Interviewer Name],\n" \
           "    |      ^^^^^^^^^^^^^^^^^^\n" in out


def test_text_stays_the_default_in_a_pipe_even_with_force_color(cli) -> None:
    piped = cli(NEEDS_WORK, env={"FORCE_COLOR": "1"})
    assert piped.stdout == cli("--format", "text", NEEDS_WORK).stdout
    assert "\x1b[" not in piped.stdout and " | " not in piped.stdout


def test_force_color_colours_full_output_in_a_pipe(cli) -> None:
    result = cli("--format", "full", NEEDS_WORK, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[33m\x1b[1mwarning FL102\x1b[0m" in result.stdout


#: One rule, so the score follows from the weights alone: two desperation warnings on
#: check-in.eml cost 12 x 1.5 = 18, then 18 x 0.7 = 12.6 (repeat), 30.6 in all.
DESPERATION = ("--select", "FL102")


def test_score_in_text_output(cli) -> None:
    result = cli(*DESPERATION, "--score", str(EXAMPLES / "check-in.eml"),
                 str(EXAMPLES / "good-thank-you.txt"))
    lines = result.stdout.splitlines()
    assert lines[-1] == (f"{EXAMPLES / 'good-thank-you.txt'}: score 100/100; 86 words, "
                         "5 sentences, 0 questions, reading grade 7.3, about 26 s to read")
    assert lines[-2] == (f"{EXAMPLES / 'check-in.eml'}: score 69/100 (tone -30.6); "
                         "37 words, 4 sentences, 0 questions, reading grade 4, "
                         "about 11 s to read")
    assert result.returncode == 1


def test_score_in_full_output(cli) -> None:
    # and a weak subject: 12 points of form
    result = cli("--format", "full", "--score", "--select", "FL102,FL404",
                 str(EXAMPLES / "check-in.eml"), env={"NO_COLOR": "1"})
    block = result.stdout.split("\n\n")[-2:]
    assert block[1] == "3 warnings in 1 of 1 draft.\n"
    assert block[0].splitlines()[0] == f"{EXAMPLES / 'check-in.eml'}: send-readiness 57/100"
    assert block[0].splitlines()[1:] == [
        "  tone         -30.6  FL102 9:101, FL102 9:137",
        "  content          0",
        "  length           0",
        "  form           -12  FL404 3:10",
        "  timing           0",
        "  proofreading     0",
        "  37 words, 4 sentences, 0 questions, reading grade 4, about 11 s to read",
    ]


def test_fail_under(cli) -> None:
    warm, desperate = str(DRAFTS / "score-warm.txt"), str(DRAFTS / "score-desperate.txt")
    assert cli("--fail-under", "90", warm).returncode == 0
    below = cli("--fail-under", "40", "--fail-on", "error", desperate)
    assert below.returncode == 1   # no errors, but the score is under 40
    # the findings only: no score line without --score
    assert below.stdout == cli("--exit-zero", desperate).stdout
    assert below.stdout and all(ln.startswith(f"{desperate}:")
                                for ln in below.stdout.splitlines())
    assert cli("--fail-under", "40", "--exit-zero", desperate).returncode == 0
    assert cli("--fail-under", "101", warm).returncode == 2


def test_json_report_holds_the_same_findings_and_a_score(cli) -> None:
    drafts = [str(EXAMPLES / "check-in.eml"), str(EXAMPLES / "good-thank-you.txt")]
    report = json.loads(cli("--format", "json-report", *DESPERATION, *drafts).stdout)
    plain = json.loads(cli("--format", "json", *DESPERATION, *drafts).stdout)
    assert set(report) == {"drafts"}
    assert [d["path"] for d in report["drafts"]] == drafts   # clean drafts are listed too
    assert [f for d in report["drafts"] for f in d["findings"]] == plain
    first = report["drafts"][0]
    assert set(first) == {"path", "findings", "score"}
    assert first["score"]["total"] == 69
    assert set(first["score"]["groups"]) == {"tone", "content", "length", "form", "timing",
                                             "proofreading"}
    assert first["score"]["statistics"] == {"words": 37, "sentences": 4, "questions": 0,
                                            "reading_grade": 4.0, "reading_seconds": 11}
    assert report["drafts"][1]["findings"] == []
    assert report["drafts"][1]["score"]["total"] == 100


def test_plain_json_is_unchanged_and_refuses_score(cli) -> None:
    result = cli("--format", "json", "--score", NEEDS_WORK)
    assert result.returncode == 2
    assert "use --format json-report for scores" in result.stderr
    with_fail_under = cli("--format", "json", "--fail-under", "50", NEEDS_WORK)
    assert with_fail_under.stdout == cli("--format", "json", NEEDS_WORK).stdout


def test_readme_full_output_sample_is_current(cli) -> None:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "$ followup-lint --format full --score examples/check-in.eml"
    (sample,) = [b for b in re.findall(r"```text\n(.*?)```", readme, re.DOTALL)
                 if b.startswith(command)]
    result = cli(*command.split()[2:], cwd=ROOT, env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert result.stdout == sample.split("\n", 1)[1]


def test_readme_documents_the_shipped_weights() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shipped = (ROOT / "src" / "followup_lint" / "output" / "scoring.yaml").read_text(
        encoding="utf-8")
    assert f"```yaml\n{shipped}```" in readme
