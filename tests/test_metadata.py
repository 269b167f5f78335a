"""Metadata: dates in every accepted form, typed keys, kind guessing, errors per draft."""

from __future__ import annotations

import datetime as dt

import pytest

from followup_lint.core.errors import InputError
from followup_lint.draft.dates import DateError, days_between, hours_between, parse_when
from followup_lint.draft.kind_guess import guess_kind
from followup_lint.reading.reader import read_draft

EST = dt.timezone(dt.timedelta(hours=-5))


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-03", dt.date(2026, 11, 3)),
    ("2026-11-03T14:30-05:00", dt.datetime(2026, 11, 3, 14, 30, tzinfo=EST)),
    ("2026-11-03 14:30 -05:00", dt.datetime(2026, 11, 3, 14, 30, tzinfo=EST)),
    ("2026-11-03T19:30Z", dt.datetime(2026, 11, 3, 19, 30, tzinfo=dt.timezone.utc)),
    ("Tue, 03 Nov 2026 14:30:00 -0500", dt.datetime(2026, 11, 3, 14, 30, tzinfo=EST)),
    ("3 Nov 2026 14:30:00 -0500", dt.datetime(2026, 11, 3, 14, 30, tzinfo=EST)),
])
def test_parse_iso_and_email_dates(text: str, expected: object) -> None:
    assert parse_when(text) == expected


def test_naive_date_time_is_local_and_yaml_objects_pass_through() -> None:
    local = parse_when("2026-11-03T14:30")
    assert isinstance(local, dt.datetime) and local.tzinfo is not None
    assert local.replace(tzinfo=None) == dt.datetime(2026, 11, 3, 14, 30)
    assert parse_when(dt.date(2026, 11, 3)) == dt.date(2026, 11, 3)


@pytest.mark.parametrize("text", ["next Tuesday", "2026-13-01", "03/11/2026", "", "Nov 2026"])
def test_unreadable_dates(text: str) -> None:
    with pytest.raises(DateError, match="is not a date"):
        parse_when(text)


def test_hours_only_between_moments_days_between_anything() -> None:
    monday = parse_when("2026-11-02T09:00-05:00")
    wednesday = parse_when("2026-11-04T10:00-05:00")
    assert hours_between(monday, wednesday) == 49
    assert hours_between(dt.date(2026, 11, 2), wednesday) is None
    assert days_between(dt.date(2026, 11, 2), wednesday) == 2


def test_front_matter_metadata_is_typed() -> None:
    draft = read_draft("d.md", b"---\nto: Dana Cho <Dana@Acme.example.com>\ncompany: Acme\n"
                               b"interview_date: 2026-11-03\ndate: 2026-11-04T08:00-05:00\n"
                               b"kind: Thank You\n---\nHi Dana,\n\nThank you.")
    info = draft.info
    assert (info.to_name, info.recipient, info.company, info.kind) == (
        "Dana Cho", "dana@acme.example.com", "Acme", "thank-you")
    assert info.interview_date == dt.date(2026, 11, 3)
    assert info.date == dt.datetime(2026, 11, 4, 8, tzinfo=EST)
    assert info.has_header


def test_eml_headers_including_our_own() -> None:
    raw = (b"From: Sam <sam@example.com>\nTo: dana@acme.example.com\nSubject: Thanks\n"
           b"Date: Wed, 04 Nov 2026 08:00:00 -0500\nX-Interview-Date: 2026-11-03\n"
           b"Interviewer: Dana Cho\nCompany: Acme\n\nHi Dana,\n\nThank you.\n")
    info = read_draft("d.eml", raw).info
    assert info.interview_date == dt.date(2026, 11, 3)
    assert info.date == dt.datetime(2026, 11, 4, 8, tzinfo=EST)
    assert (info.addressee, info.company) == ("Dana Cho", "Acme")
    assert info.recipient == "dana@acme.example.com from sam@example.com"


def test_recipient_from_company_and_interviewer_and_none_without() -> None:
    both = read_draft("a.md", b"---\ncompany: Acme\ninterviewer: Dana Cho\n---\nHi.").info
    assert both.recipient == "dana cho at acme"
    assert read_draft("b.md", b"---\ncompany: Acme\n---\nHi.").info.recipient is None
    name_only = read_draft("n.md", b"---\nto: Dana  Cho\n---\nHi.").info
    assert (name_only.recipient, name_only.to_name) == ("dana cho", "Dana  Cho")
    plain = read_draft("c.txt", b"Subject: Thanks\n\nHi Dana.").info
    assert (plain.recipient, plain.has_header, plain.subject) == (None, False, "Thanks")


@pytest.mark.parametrize(("key", "value"), [("date", "soon"), ("interview_date", "2026-02-30")])
def test_unreadable_date_is_one_input_error_naming_the_key(key: str, value: str) -> None:
    with pytest.raises(InputError) as caught:
        read_draft("d.md", f"---\n{key}: {value}\n---\nHi.".encode())
    assert str(caught.value).startswith(f"d.md: has an unreadable {key}: '{value}' is not a date")


def test_unknown_kind_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown kind 'reminder'"):
        read_draft("d.md", b"---\nkind: reminder\n---\nHi.")


@pytest.mark.parametrize(("body", "kind"), [
    ("Just following up on my interview last week.", "check-in"),
    ("I wanted to check in on the status of the search. Thank you again.", "check-in"),
    ("Any update on the timeline?", "check-in"),
    ("Thank you for the interview on Tuesday.", "thank-you"),
    ("I really appreciated the tour of the plant.", "thank-you"),
    ("Here is the link to the portfolio piece we discussed.", "follow-up"),
])
def test_kind_is_guessed_from_the_text(registry, body: str, kind: str) -> None:
    assert guess_kind(body, registry.lexicons) == kind
