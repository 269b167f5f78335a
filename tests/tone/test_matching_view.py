"""The matching view: curly quotes, Unicode spaces and hard wraps normalised, positions kept."""

from __future__ import annotations

import pytest

from followup_lint.draft.matching_view import build_view
from followup_lint.reading.reader import read_draft

CLEAN_OPENING = ("Hi Dana,\n\nThank you for meeting with me on Tuesday about the analyst role "
                 "and the churn dashboard rebuild.\n\n")
CLOSING = "\n\nI look forward to hearing about next steps.\n\nBest regards,\nSam Lee\n"


def positions(findings, code):  # type: ignore[no-untyped-def]
    return [(f.line, f.column) for f in findings if f.code == code]


def test_view_keeps_length_and_maps_every_character_back() -> None:
    text = "I really need  \r\n  this job, and I\u2019ll wait.\r\n\r\nNext\u00a0one."
    view = build_view(text)
    assert len(view.text) == len(text)
    assert view.text.startswith("I really need this job, and I'll wait.")
    assert "\u2019" not in view.text and "\u00a0" not in view.text
    at = view.text.index("this")
    assert text[view.to_original(at) : view.to_original(at) + 4] == "this"
    assert view.to_original_end(at + 4) == text.index("this") + 4
    later = view.text.index("Next")
    assert view.to_original(later) == text.index("Next")


def test_short_lines_and_list_items_are_not_joined() -> None:
    text = "Skills I mentioned:\nPython\nSQL\n- dashboards\n- reporting"
    assert build_view(text).text == text


def test_a_phrase_split_by_a_hard_wrap_is_found_on_its_first_line(lint) -> None:
    line5 = "I wanted to follow up on our conversation about the role, because I really need"
    body = line5 + "\nthis job and I hope to hear back soon."
    findings = lint(CLEAN_OPENING + body + CLOSING, codes=("FL102",))
    assert positions(findings, "FL102") == [(5, line5.index("I really") + 1)]


def test_crlf_wrapped_drafts_report_the_files_line_and_column(lint) -> None:
    line5 = "I wanted to follow up on our conversation about the role, because I really"
    line6 = "need this job. I know I bombed the SQL question, and I\u2019ll do anything to make"
    body = f"{line5}\n{line6}\nup for it."
    text = (CLEAN_OPENING + body + CLOSING).replace("\n", "\r\n")
    findings = lint(text)
    assert positions(findings, "FL102") == [(5, line5.index("I really") + 1),
                                            (6, line6.index("I\u2019ll") + 1)]
    assert (6, line6.index("bombed") + 1) in positions(findings, "FL101")


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_curly_and_straight_apostrophes_match_alike(lint, apostrophe: str) -> None:
    a = apostrophe
    body = f"I{a}m probably not what you{a}re looking for, but I{a}ll wait."
    findings = lint(CLEAN_OPENING + body + CLOSING, codes=("FL101",))
    assert positions(findings, "FL101") == [(5, body.index("not what") + 1)]


def test_the_parse_reads_the_view(lint) -> None:
    draft = read_draft("d.txt", ("Hi Dana,\n\nThank you for the time you took, it\u2019s "
                                 "appreciated and I\nhope we speak again.\n\nBest,\nSam\n"
                                 ).encode())
    assert "it's" in draft.prose and "I hope" in draft.prose
