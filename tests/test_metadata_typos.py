"""Front matter and header keys with typos are named, not ignored (issue 13, item 6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from followup_lint.core.errors import InputError
from followup_lint.core.findings import Finding
from followup_lint.reading.reader import read_draft

BODY = "Hi Dana,\n\nThank you for the tour of the Acme depot on Tuesday.\n\nBest,\nSam\n"


@pytest.mark.parametrize("key", ["interview_date", "interview-date", "Interview-Date"])
def test_dash_and_underscore_forms_are_both_read(lint: Callable[..., list[Finding]],
                                                 key: str) -> None:
    text = f"---\n{key}: 2026-11-03\n---\n{BODY}"
    assert read_draft("d.md", text.encode()).info.interview_date == dt.date(2026, 11, 3)
    assert lint(text, "d.md", codes=("FL002",)) == []


@pytest.mark.parametrize(("key", "column"), [("InterviewDate", 1), ("interviewdate", 1),
                                             ("  interview date", 3)])
def test_a_key_spelt_another_way_is_used_and_named(lint: Callable[..., list[Finding]],
                                                   key: str, column: int) -> None:
    text = f"---\n{key}: 2026-11-03\n---\n{BODY}"
    assert read_draft("d.md", text.encode()).info.interview_date == dt.date(2026, 11, 3)
    (finding,) = lint(text, "d.md", codes=("FL002",))
    written = key.strip()
    assert (finding.line, finding.column, finding.end_column) == (2, column,
                                                                  column + len(written))
    assert finding.message == (f'"{written}" is read as "interview-date"; write it '
                               '"interview-date" so every tool reads it.')
    assert finding.replacement == "interview-date"


def test_a_near_miss_is_named_and_not_used(lint: Callable[..., list[Finding]]) -> None:
    text = f"---\nintervew_date: 2026-11-03\n---\n{BODY}"
    assert read_draft("d.md", text.encode()).info.interview_date is None
    (finding,) = lint(text, "d.md", codes=("FL002",))
    assert (finding.line, finding.column) == (2, 1)
    assert finding.message == ('"intervew_date" is not a key followup-lint reads, so it is '
                               'ignored; did you mean "interview-date"?')


def test_email_headers_spelt_another_way(lint: Callable[..., list[Finding]]) -> None:
    text = f"To: Dana <dana@example.org>\nSubject: Thank you\nX-InterviewDate: 2026-11-03\n\n{BODY}"
    assert read_draft("d.eml", text.encode()).info.interview_date == dt.date(2026, 11, 3)
    (finding,) = lint(text, "d.eml", codes=("FL002",))
    assert (finding.line, finding.column) == (3, 3)
    assert finding.message == ('"InterviewDate" is read as "Interview-Date"; write it '
                               '"Interview-Date" so every tool reads it.')


@pytest.mark.parametrize(("value", "kind", "message"), [
    ("thank-you", "thank-you", None), ("thank_you", "thank-you", None),
    ("Thank You", "thank-you", None),
    ("thankyou", "thank-you",
     'The kind "thankyou" is read as "thank-you"; write it "thank-you" so every tool reads it.'),
    ("followup", "follow-up",
     'The kind "followup" is read as "follow-up"; write it "follow-up" so every tool reads it.'),
    ("thanks", None, '"thanks" is not a kind followup-lint knows, so the kind is guessed from '
     'the text; did you mean "thank-you"?'),
])
def test_kind_values(lint: Callable[..., list[Finding]], value: str, kind: str | None,
                     message: str | None) -> None:
    text = f"---\nkind: {value}\n---\n{BODY}"
    assert read_draft("d.md", text.encode()).info.kind == kind
    found = lint(text, "d.md", codes=("FL002",))
    assert [(f.line, f.column, f.message) for f in found] == (
        [(2, 7, message)] if message else [])


def test_a_kind_with_no_near_meaning_is_still_an_error() -> None:
    with pytest.raises(InputError, match="unknown kind 'reminder'"):
        read_draft("d.md", b"---\nkind: reminder\n---\nHi.")


def test_other_keys_are_left_alone(lint: Callable[..., list[Finding]]) -> None:
    text = f"---\nlocation: Leeds\nrole: Analyst\n---\n{BODY}"
    assert lint(text, "d.md", codes=("FL002",)) == []
