"""Email drafts as mail clients save them: MIME parts, charsets, headers, replies (issues 13, 18).

Each message in ``tests/mail/`` was written for these tests in the shape its
client writes; each test asserts the exact findings and their file positions.
Only the placeholder, shouting, desperation and negativity rules are asserted:
they are what the messages plant, and what a mis-read part would leak.
"""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup_lint.checking.engine import Linter
from followup_lint.cli import cli
from followup_lint.core.errors import InputError
from followup_lint.core.findings import Finding
from followup_lint.reading.mime_parts import decode_part, leaf_parts
from followup_lint.reading.reader import read_draft

MAIL = Path(__file__).resolve().parent / "mail"
PLANTED = ("FL101", "FL102", "FL401", "FL402")


def found(linter: Linter, name: str, data: bytes | None = None,
          codes: tuple[str, ...] = PLANTED) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.code) for f in lint_file(linter, name, data, codes)]


def lint_file(linter: Linter, name: str, data: bytes | None = None,
              codes: tuple[str, ...] = PLANTED) -> list[Finding]:
    raw = (MAIL / name).read_bytes() if data is None else data
    (result,) = list(linter.lint([read_draft(name, raw)]))
    assert result.error is None, result.error
    return [f for f in result.findings if f.code in codes]


# -- MIME parts, charsets and transfer encodings --------------------------------------------

def test_multipart_alternative_with_an_8bit_text_part(linter: Linter) -> None:
    """Thunderbird's 8-bit UTF-8 part with a curly apostrophe is linted in place, HTML not."""
    findings = lint_file(linter, "alternative-8bit.eml")
    assert [(f.line, f.column, f.end_line, f.end_column, f.code) for f in findings] == [
        (15, 48, 15, 59, "FL401"), (16, 61, 16, 63, "FL402")]


def test_quoted_printable_maps_decoded_characters_to_file_columns(linter: Linter) -> None:
    """=E2=80=99 is one character at its "="; a soft line break joins "enj=" and "oyed"."""
    findings = lint_file(linter, "alternative-qp.eml")
    assert [(f.line, f.column, f.end_line, f.end_column, f.code) for f in findings] == [
        (14, 56, 14, 67, "FL401"), (15, 56, 15, 58, "FL402")]
    draft = read_draft("alternative-qp.eml", (MAIL / "alternative-qp.eml").read_bytes())
    assert "Tuesday’s conversation" in draft.text[draft.body_start:]  # decoded from QP
    assert "Tuesday's conversation" in draft.prose  # and matched with a plain apostrophe
    assert "I enjoyed hearing" in draft.prose


def test_positions_go_both_ways_in_a_decoded_view() -> None:
    """What the terminal and the configuration use: file line and column back to the view."""
    draft = read_draft("alternative-qp.eml", (MAIL / "alternative-qp.eml").read_bytes())
    at = draft.text.index("[Job Title]")
    assert draft.lines.position(at) == (14, 56)
    assert draft.lines.offset(14, 56) == at
    start, end = draft.lines.line_span(15)
    assert draft.text[start:end] == "oyed hearing how the depot team plans its winter routes!!"
    lines = (MAIL / "alternative-qp.eml").read_bytes().splitlines()
    assert draft.lines.line_count == len(lines) + 1  # as LineIndex: after the last newline
    coded = read_draft("b.eml", (MAIL / "alternative-base64.eml").read_bytes())
    start, end = coded.lines.line_span(12)
    assert coded.text[start:end] == "Hi Dana,"
    assert coded.lines.offset(12, 30) == start  # inside base64: the decoded part's start
    assert coded.lines.note(start) == " (line 1 of the decoded base64 text part)"
    assert coded.lines.note(0) == ""


def test_full_output_underlines_the_decoded_line_at_the_right_place(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, [str(MAIL / "alternative-qp.eml"), "--format", "full",
                                      "--select", "FL401"])
    lines = result.stdout.splitlines()
    assert lines[1] == ("  14 | Thank you for Tuesday’s conversation about the [Job Title] role."
                        " I enj")
    assert lines[2] == "     |" + " " * 48 + "^" * 11


def test_the_html_report_marks_the_decoded_text(tmp_path: Path) -> None:
    report = tmp_path / "r.html"
    CliRunner().invoke(cli, ["report", str(MAIL / "alternative-qp.eml"), "-o", str(report)])
    assert '">[Job Title]</mark>' in report.read_text()  # marked where the decoded text has it


def test_base64_part_points_at_its_first_line_and_names_the_decoded_line(
        linter: Linter) -> None:
    findings = lint_file(linter, "alternative-base64.eml")
    assert [(f.line, f.column, f.code) for f in findings] == [(12, 1, "FL401"), (12, 1, "FL402")]
    assert findings[0].message.endswith("(line 3 of the decoded base64 text part)")
    assert findings[1].message.endswith("(line 4 of the decoded base64 text part)")


def test_html_only_message_is_linted_as_the_text_a_reader_sees(linter: Linter) -> None:
    findings = lint_file(linter, "html-only.eml")
    assert [(f.line, f.column, f.code) for f in findings] == [(9, 1, "FL401"), (9, 1, "FL402")]
    assert findings[0].message.endswith("(line 3 of the decoded HTML part)")
    draft = read_draft("html-only.eml", (MAIL / "html-only.eml").read_bytes())
    assert "<p>" not in draft.prose and "margin" not in draft.prose
    assert draft.text[draft.region("greeting").start:].startswith("Hi Dana,")  # type: ignore[union-attr]


def test_declared_latin1_charset_is_honoured(linter: Linter) -> None:
    """é is one byte in the file and one column: the placeholder is at column 52."""
    assert found(linter, "latin1.eml") == [(11, 52, "FL401"), (12, 53, "FL402")]
    draft = read_draft("latin1.eml", (MAIL / "latin1.eml").read_bytes())
    assert "café tour" in draft.prose and "Zoë's résumé" in draft.prose


def test_rfc2047_encoded_subject_is_decoded_for_the_subject_rules(linter: Linter) -> None:
    findings = lint_file(linter, "encoded-subject.eml")
    assert [(f.line, f.column, f.code) for f in findings] == [(5, 10, "FL401")]
    assert findings[0].message.startswith('"[Job Title]" looks like an unfilled placeholder')
    draft = read_draft("encoded-subject.eml", (MAIL / "encoded-subject.eml").read_bytes())
    subject = draft.region("subject")
    assert subject is not None
    assert draft.text[subject.start:subject.end] == "Thank you – [Job Title] interview"
    assert draft.info.subject == "Thank you – [Job Title] interview"


def test_folded_subject_keeps_its_second_line(linter: Linter) -> None:
    assert found(linter, "folded-subject.eml") == [(6, 6, "FL401")]
    draft = read_draft("folded-subject.eml", (MAIL / "folded-subject.eml").read_bytes())
    subject = draft.region("subject")
    assert subject is not None
    assert draft.text[subject.start:subject.end] == (
        "Thank you for the conversation about the routing team and the [Job Title] role")


def test_attachments_are_not_the_message(linter: Linter) -> None:
    """The PDF and the attached notes.txt hold "[Notes]" and "ASAP!!": never reported."""
    assert found(linter, "attachment.eml") == [(14, 73, "FL401")]


def test_parts_are_located_by_their_boundaries_not_by_searching_for_their_text(
        linter: Linter) -> None:
    """The preamble repeats the text part word for word; findings land in the part."""
    body = "Hi Dana,\n\nThank you for the [Job Title] chat.\n\nBest,\nSam\n"
    data = ("To: Dana <dana@example.org>\nSubject: Thank you\nMIME-Version: 1.0\n"
            "Content-Type: multipart/alternative; boundary=\"b\"\n\n"
            f"{body}\n--b\nContent-Type: text/plain; charset=utf-8\n\n{body}\n--b--\n").encode()
    assert found(linter, "preamble.eml", data) == [(18, 19, "FL401")]  # not line 8


def test_unknown_charset_and_ascii_with_8bit_bytes_read_as_utf8(linter: Linter) -> None:
    for charset in ("x-nonsense", "us-ascii"):
        data = (f"To: a@example.org\nContent-Type: text/plain; charset={charset}\n\n"
                "Caf\u00e9 talk about the [Job Title] role.\n").encode()
        assert found(linter, "c.eml", data) == [(4, 21, "FL401")], charset


def test_a_multipart_without_parts_is_read_as_its_text(linter: Linter) -> None:
    data = (b"To: a@example.org\nContent-Type: multipart/mixed; boundary=zz\n\n"
            b"Thank you for the [Job Title] chat.\n")
    assert found(linter, "m.eml", data) == [(4, 19, "FL401")]


def test_an_attached_message_is_not_the_writers_text(linter: Linter) -> None:
    data = (b"To: a@example.org\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\n"
            b"Content-Type: text/html\n\n<p>Thank you for the [Job Title] chat.</p>\n--zz\n"
            b"Content-Type: message/rfc822\n\nFrom: b@example.org\nSubject: inner\n\n"
            b"Please reply ASAP!!\n--zz--\n")
    assert found(linter, "fwd.eml", data) == [(7, 1, "FL401")]


def test_parts_the_walk_cannot_place_fall_back_to_the_body_start() -> None:
    """Should the walk and the parser ever disagree, every part is still read, unplaced."""
    data = (b"Content-Type: multipart/mixed; boundary=zz\n\n--zz\n\nOne [A].\n--zz\n\n"
            b"Two [B].\n--zz--\n")
    message = email.message_from_bytes(data, policy=email.policy.default)
    text = "--zz\n\nOne [A].\n--zz--\n"  # only one of the two parts
    parts = leaf_parts(message, text, 0, len(text))
    assert [(p.start, p.end, p.exact) for p in parts] == [(0, 0, False), (0, 0, False)]
    assert [decode_part(p, text)[0] for p in parts] == ["One [A].", "Two [B]."]


def test_a_message_with_only_an_attachment_says_so() -> None:
    data = (b"To: a@example.org\nContent-Type: application/pdf; name=plan.pdf\n"
            b"Content-Transfer-Encoding: base64\n\nJVBERi0=\n")
    with pytest.raises(InputError) as caught:
        read_draft("plan.eml", data)
    assert str(caught.value) == ("plan.eml: has no text part to lint (only plan.pdf); write the "
                                 "message text in the email itself")


def test_headers_without_a_body_are_a_message() -> None:
    draft = read_draft("h.eml", b"To: a@example.org\nSubject: Thanks for Tuesday\n")
    assert [r.kind for r in draft.regions] == ["subject"]
    assert draft.positions is None  # nothing decoded: the text is the file


def test_a_utf16_eml_is_decoded_first(linter: Linter) -> None:
    text = "To: a@example.org\r\nSubject: Hi\r\n\r\nThank you for the [Job Title] chat.\r\n"
    data = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")
    assert found(linter, "u16.eml", data) == [(4, 19, "FL401")]


# -- header values the email package cannot parse (issue 18) ------------------------------

@pytest.mark.parametrize(("header", "raw"), [
    ("To: dana@", "dana@"), ('To:"', '"'), ("From::;a", ":;a"), ("To: =?utf-8?q?broken", None)])
def test_unparseable_header_values_are_read_as_raw_text(linter: Linter, header: str,
                                                         raw: str | None) -> None:
    data = f"{header}\nSubject: Thank you\n\nThank you for the [Job Title] chat.\n".encode()
    assert found(linter, "x.eml", data) == [(4, 19, "FL401")]
    draft = read_draft("x.eml", data)
    name = header.split(":")[0].lower()
    value = draft.meta["to" if name == "to" else "from"]
    assert raw is None or value == raw


# -- replies and forwards of every common client ------------------------------------------

def test_outlook_desktop_reply_is_quoted_text(linter: Linter) -> None:
    """The rule line, the From/Sent/To/Subject block and "ASAP!! ... TODAY" below it are not
    the writer's; "RE:" is the client's, not shouting."""
    assert found(linter, "outlook-reply.eml") == [(11, 33, "FL401")]


def test_apple_mail_reply_is_quoted_text(linter: Linter) -> None:
    assert found(linter, "apple-mail-reply.eml") == [(12, 55, "FL401")]


def test_forwarded_message_is_quoted_text(linter: Linter) -> None:
    assert found(linter, "forwarded.eml") == [(10, 59, "FL401")]


OWN = "Hi Dana,\n\nThank you for the [Job Title] chat.\n\nBest,\nSam\n\n"
QUOTED = "\nPlease reply ASAP!! I am SO disappointed and frustrated.\n"


@pytest.mark.parametrize("quote", [
    "-----Original Message-----\nFrom: Dana Cho\nSent: Monday\n",
    "From: Dana Cho <dana@example.org>\nSent: Tuesday, November 10, 2026 4:47 PM\n",
    "*From:* Dana Cho <dana@example.org>\n*Sent:* Tuesday, November 10, 2026 4:47 PM\n",
    "Von: Dana Cho <dana@example.org>\nGesendet: Dienstag, 10. November 2026 16:47\n",
    "De : Dana Cho <dana@example.org>\nEnvoyé : mardi 10 novembre 2026 16:47\n",
    "De: Dana Cho <dana@example.org>\nEnviado: martes, 10 de noviembre de 2026 16:47\n",
    "Begin forwarded message:\n\nFrom: Dana Cho <dana@example.org>\n",
    "---------- Forwarded message ---------\nFrom: Dana Cho\n",
    "________________________________\nFrom: Dana Cho\n",
    "On Tue, 10 Nov 2026 at 16:47, Dana Cho\n<dana@example.org> wrote:\n",
    "Am Di., 10. Nov. 2026 um 16:47 Uhr schrieb Dana Cho <dana@example.org>:\n",
    "Le mar. 10 nov. 2026 à 16:47, Dana Cho <dana@example.org> a écrit :\n",
])
def test_quote_headers_of_every_common_client(linter: Linter, quote: str) -> None:
    assert found(linter, "r.txt", (OWN + quote + QUOTED).encode()) == [(3, 19, "FL401")]


def test_header_lines_at_the_top_of_a_plain_draft_are_the_writers() -> None:
    draft = read_draft("t.txt", b"To: Dana Cho\nCc: Lee Park\n\nThank you for the chat.\n")
    body = draft.region("body")
    assert body is not None
    assert draft.text[body.start:body.end] == (
        "To: Dana Cho\nCc: Lee Park\n\nThank you for the chat.")


# -- line endings ---------------------------------------------------------------------------

def test_lone_cr_files_split_into_lines(linter: Linter) -> None:
    data = b"Hi Dana,\r\rThank you for the [Job Title] chat!!\r\rBest,\rSam\r"
    assert found(linter, "mac.txt", data) == [(3, 19, "FL401"), (3, 35, "FL402")]
    eml = b"To: a@example.org\rSubject: Hi\r\rThank you for the [Job Title] chat.\r"
    assert found(linter, "mac.eml", eml) == [(4, 19, "FL401")]
