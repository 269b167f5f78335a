"""The command line's dates end to end: --interview-date, --send-date, now, and bad dates."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import ROOT

THANKS = ("Hi Dana,\n\nThank you for the interview on Tuesday and the tour of the Dayton "
          "plant. I'm excited about the role.\n\nBest,\nSam\n")


def lines(stdout: str, code: str) -> list[str]:
    return [ln for ln in stdout.splitlines() if f" {code} " in ln]


def test_dates_from_the_command_line(cli, tmp_path: Path) -> None:
    draft = tmp_path / "thanks.txt"
    draft.write_text(THANKS)
    late = cli("--interview-date", "2026-11-03", "--send-date", "Fri, 06 Nov 2026 09:00:00 -0500",
               str(draft))
    assert late.returncode == 1
    assert lines(late.stdout, "FL501") == [
        f"{draft}:3:1: FL501 This thank-you goes out 3 days after the interview on 2026-11-03; "
        "send it within 24 hours while you are fresh in mind."]
    prompt = cli("--interview-date", "2026-11-03T10:00", "--send-date", "2026-11-03T18:00",
                 str(draft))
    assert (prompt.returncode, prompt.stdout) == (0, "")


def test_command_line_dates_win_over_front_matter(cli, tmp_path: Path) -> None:
    draft = tmp_path / "thanks.md"
    draft.write_text("---\ninterview_date: 2026-11-03\ndate: 2026-11-09\n---\n" + THANKS)
    assert lines(cli(str(draft)).stdout, "FL501")[0].startswith(f"{draft}:3:7: FL501 ")
    assert lines(cli("--send-date", "2026-11-04", str(draft)).stdout, "FL501") == []


def test_a_single_undated_draft_goes_out_now(cli, tmp_path: Path) -> None:
    old = tmp_path / "old.md"
    old.write_text("---\ninterview_date: 2020-01-06\n---\n" + THANKS)
    (finding,) = lines(cli(str(old)).stdout, "FL501")
    assert re.search(r" goes out \d+ days after the interview on 2020-01-06;", finding)
    future = tmp_path / "future.md"
    future.write_text("---\ninterview_date: 2999-01-06\n---\n" + THANKS)
    (finding,) = lines(cli(str(future)).stdout, "FL501")
    assert "before the interview on 2999-01-06." in finding


def test_in_a_folder_an_undated_draft_has_no_date(cli, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\nsubject: Thank you - Planner interview\n"
                                   "interview_date: 2020-01-06\n---\n" + THANKS)
    (tmp_path / "b.md").write_text(THANKS)
    result = cli(str(tmp_path))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_an_unreadable_date_is_one_error_for_that_draft(cli, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ndate: next Tuesday\n---\n" + THANKS)
    (tmp_path / "b.txt").write_text("Hi Dana,\n\nThanks!!")
    result = cli(str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == (
        f"followup-lint: {tmp_path / 'a.md'}: has an unreadable date: 'next Tuesday' is not a "
        "date (use 2026-11-03, 2026-11-03T14:30 or the email form Tue, 03 Nov 2026 14:30:00 "
        "-0500)\n")
    assert {ln.split(":")[0] for ln in result.stdout.splitlines()} == {str(tmp_path / "b.txt")}


def test_an_unreadable_command_line_date(cli, tmp_path: Path) -> None:
    draft = tmp_path / "thanks.txt"
    draft.write_text(THANKS)
    result = cli("--send-date", "tomorrow", str(draft))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"followup-lint: {draft}: has an unreadable --send-date: "
                                    "'tomorrow' is not a date")


def test_command_line_dates_need_a_single_draft(cli) -> None:
    result = cli("--send-date", "2026-11-04", "examples")
    assert result.returncode == 2
    assert "--interview-date and --send-date apply to a single draft" in result.stderr


def test_readme_timeline_sample_is_current(cli) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = re.search(r"```text\n\$ followup-lint examples/acme-timeline/\n(.*?)```", readme,
                       re.DOTALL)
    assert sample, "the README shows the acme-timeline run"
    result = cli("examples/acme-timeline/", cwd=ROOT)
    assert result.stdout.strip() == sample.group(1).strip()
    assert {ln.split(": ")[1].split()[0] for ln in result.stdout.splitlines()} == {
        "FL406", "FL501", "FL502", "FL503"}
