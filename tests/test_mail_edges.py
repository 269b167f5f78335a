"""The rarer paths of the email and Markdown readers, each with a real message shape."""

from __future__ import annotations

import email.policy
import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup_lint.checking.engine import Linter
from followup_lint.core.errors import InputError
from followup_lint.draft.parsed import Draft
from followup_lint.reading.inputs import collect, read_sources
from followup_lint.reading.mailboxes import mbox_drafts
from followup_lint.reading.markdown import mask_markdown
from followup_lint.reading.mime_parts import leaf_parts
from followup_lint.reading.reader import read_draft

TO = "To: Dana <dana@example.org>\n"


def placeholders(linter: Linter, data: bytes, name: str = "e.eml") -> list[tuple[int, int]]:
    (result,) = list(linter.lint([read_draft(name, data)]))
    assert result.error is None, result.error
    return [(f.line, f.column) for f in result.findings if f.code == "FL401"]


def subject(data: bytes) -> str:
    draft = read_draft("s.eml", data)
    region = draft.region("subject")
    return "" if region is None else draft.text[region.start:region.end]


def test_an_empty_subject_has_no_region() -> None:
    assert subject(b"To: a@example.org\nSubject:\n\nThank you.\n") == ""


def test_adjacent_encoded_words_join_without_the_space_between() -> None:
    data = b"Subject: =?utf-8?q?Thank_you_?= =?utf-8?b?W0pvYiBUaXRsZV0=?=\n\nHi.\n"
    assert subject(data) == "Thank you [Job Title]"


def test_an_encoded_word_in_an_unknown_charset_stays_as_written() -> None:
    assert subject(b"Subject: Re: =?x-nonsense?q?Hi?= there\n\nHi.\n") == (
        "=?x-nonsense?q?Hi?= there")


def test_an_unparseable_header_in_an_unknown_charset_is_kept_raw() -> None:
    draft = read_draft("h.eml", b"To: =?x-nonsense?q?Dana?= <dana@\n\nHi.\n")
    assert draft.meta["to"] == "=?x-nonsense?q?Dana?= <dana@"


def test_a_base64_part_in_an_unknown_charset_reads_as_utf8(linter: Linter) -> None:
    data = (TO + "Content-Type: text/plain; charset=x-nonsense\n"
            "Content-Transfer-Encoding: base64\n\n"
            "VGhhbmsgeW91IGZvciB0aGUgW0pvYiBUaXRsZV0gY2hhdC4=\n")
    assert placeholders(linter, data.encode()) == [(5, 1)]


def test_a_multipart_without_its_closing_delimiter(linter: Linter) -> None:
    data = (TO + "Content-Type: multipart/mixed; boundary=b\n\n--b\n\n"
            "Thank you for the [Job Title] chat.\n").encode()
    assert placeholders(linter, data) == [(6, 19)]


def test_an_empty_part_and_a_part_without_headers(linter: Linter) -> None:
    data = (TO + "Content-Type: multipart/mixed; boundary=b\n\n--b\n--b\n"
            "Thank you for the [Job Title] chat.\n--b--\n").encode()
    assert placeholders(linter, data) == [(6, 19)]


def test_a_part_whose_headers_run_to_the_end(linter: Linter) -> None:
    data = (TO + "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n"
            "--b\nContent-Type: text/plain").encode()
    assert placeholders(linter, data) == []


def test_quoted_printable_keeps_a_literal_equals_sign(linter: Linter) -> None:
    data = (TO + "Content-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: quoted-printable\n\n"
            "2 =+ 2 and caf=C3=A9 talk about the [Job Title] role.\n").encode()
    assert placeholders(linter, data) == [(5, 37)]
    assert "2 =+ 2 and café talk" in read_draft("q.eml", data).prose


def test_quoted_printable_in_plain_ascii(linter: Linter) -> None:
    data = (TO + "Content-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: quoted-printable\n\n"
            "Thank you for the long talk about the route=\nplanning and the [Job Title] role.\n"
            ).encode()
    assert placeholders(linter, data) == [(6, 18)]


def test_a_multibyte_charset_other_than_utf8_keeps_lines(linter: Linter) -> None:
    """Shift_JIS is decoded for the rules; columns count the file as read as UTF-8 (README)."""
    data = (TO + "Content-Type: text/plain; charset=shift_jis\n"
            "Content-Transfer-Encoding: 8bit\n\n").encode() + (
            "東京の倉庫の見学、ありがとうございました。 [Job Title]\n").encode("shift_jis")
    assert placeholders(linter, data) == [(5, 37)]
    assert "東京の倉庫の見学" in read_draft("j.eml", data).prose


def test_a_truncated_utf8_sequence_at_the_end_of_a_part() -> None:
    data = (TO + "Content-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: 8bit\n\n").encode() + b"Thank you \xe2\x80"
    draft = read_draft("t.eml", data)
    assert draft.text.endswith("Thank you \ufffd")
    assert draft.lines.position(len(draft.text) - 1) == (5, 11)


def test_a_message_built_in_memory_has_no_boundary_yet() -> None:
    """Parts of a message never serialised cannot be placed: they fall back, unplaced."""
    message = EmailMessage(policy=email.policy.default)
    message.set_content("Thank you for the chat.")
    message.add_attachment(b"%PDF", maintype="application", subtype="pdf", filename="a.pdf")
    for boundary in (None, "zz"):
        if boundary:
            message.set_boundary(boundary)
        parts = leaf_parts(message, "", 0, 0)
        assert [(p.message.get_content_type(), p.exact) for p in parts] == [
            ("text/plain", False), ("application/pdf", False)]


def test_an_mbox_that_changes_while_it_is_read(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    box = tmp_path / "box.mbox"
    box.write_text("From sam Wed Nov  4 09:00:00 2026\nSubject: Hi\n\nThank you.\n")
    monkeypatch.setattr(mailbox.mbox, "get_bytes", lambda self, key, from_=False: b"gone")
    (error,) = list(mbox_drafts(str(box), box, box.read_bytes()))
    assert isinstance(error, InputError)
    assert str(error) == f"{box} message 1: could not be read"


def test_markdown_headings_without_closing_hashes_and_lists_in_quotes() -> None:
    assert mask_markdown("# Thanks\n\n> - quoted item\n") == "  Thanks\n\n    quoted item\n"
    assert mask_markdown("Thanks\n======\n\nHi\n") == "Thanks\n      \n\nHi\n"


HEADER_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
                      max_size=40)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(["To", "From", "Cc", "Subject", "Date", "Interview-Date", "Kind"]),
       value=HEADER_TEXT)
def test_no_header_value_aborts_the_read(name: str, value: str) -> None:
    """Whatever a header holds, reading gives a draft or one clear InputError (a bad date)."""
    data = f"{name}:{value}\nSubject: Hi\n\nThank you for the chat.\n".encode()
    try:
        draft = read_draft("x.eml", data)
    except InputError as exc:
        assert name in ("Date", "Interview-Date", "Kind"), exc
    else:
        assert draft.text.endswith("Thank you for the chat.\n")


@settings(max_examples=50, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200),
       big_endian=st.booleans())
def test_utf16_with_bom_is_never_skipped_in_a_folder(tmp_path_factory: pytest.TempPathFactory,
                                                      text: str, big_endian: bool) -> None:
    folder = tmp_path_factory.mktemp("u16")
    codec = "utf-16-be" if big_endian else "utf-16-le"
    (folder / "d.txt").write_bytes("\ufeff".encode(codec) + text.encode(codec))
    (item,) = list(read_sources(collect([str(folder)])))
    assert isinstance(item, Draft)
