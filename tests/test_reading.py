"""Reading drafts: regions, metadata, markdown masking and exact positions."""

from __future__ import annotations

import codecs
import importlib.util
import json
import re

import pytest

from followup_lint.core.errors import InputError
from followup_lint.reading.reader import decode, read_draft

from .conftest import DRAFTS, SHARED, needs_shared


def regions(text: str, name: str = "d.txt") -> dict[str, list[str]]:
    draft = read_draft(name, text.encode())
    found: dict[str, list[str]] = {}
    for r in draft.regions:
        found.setdefault(r.kind, []).append(draft.text[r.start : r.end])
    return found


def test_greeting_signoff_and_signature_are_not_body() -> None:
    text = "Hi Dana,\n\nThank you for Tuesday.\n\nBest regards,\nSam Lee\n555-0100\n"
    assert regions(text) == {
        "greeting": ["Hi Dana,"],
        "body": ["Thank you for Tuesday."],
        "signoff": ["Best regards,"],
        "signature": ["Sam Lee\n555-0100"],
    }
    assert read_draft("d.txt", text.encode()).word_count == 4


def test_leading_subject_line_is_metadata_not_body() -> None:
    draft = read_draft("d.txt", b"Subject: Thank you\n\nKelsey,\n\nGreat to meet you.\n")
    assert draft.meta["subject"] == "Thank you"
    assert [r.kind for r in draft.regions] == ["subject", "greeting", "body"]
    assert draft.word_count == 4


def test_thanks_signoff_is_not_body() -> None:
    assert "Thanks," in regions("Hello,\n\nSee you soon.\n\nThanks,\nJo\n")["signoff"]


def test_quoted_reply_and_dash_signature_are_not_body() -> None:
    text = ("Hi Greg,\n\nThanks for the update.\n\n-- \nAisha\n\n"
            "On Mon, Nov 9, 2026 at 4:47 PM Greg <g@example.com> wrote:\n> So sorry!!\n")
    found = regions(text)
    assert found["body"] == ["Thanks for the update."]
    assert found["signature"] == ["Aisha"]
    assert not any("sorry" in part for parts in found.values() for part in parts)


def test_front_matter_is_metadata() -> None:
    draft = read_draft("d.md", b"---\ncompany: Acme\nrole: Analyst\n---\nHi,\n\nGreat talk.\n")
    assert draft.meta == {"company": "Acme", "role": "Analyst"}
    assert draft.word_count == 2


def test_markdown_syntax_is_not_prose() -> None:
    draft = read_draft("links.md", (DRAFTS / "links.md").read_bytes())
    assert "https" not in draft.prose
    assert "**" not in draft.prose
    assert "XXX" not in draft.prose  # a code span and a link target
    assert re.search(r"\bBeacon\b", draft.prose)
    assert "routing map" in draft.prose


def test_email_headers_are_metadata() -> None:
    draft = read_draft("crlf.eml", (DRAFTS / "crlf.eml").read_bytes())
    assert draft.meta["to"] == "Dana <dana@example.com>"
    assert draft.meta["subject"].startswith("Thanks!!")
    body = [draft.text[r.start : r.end] for r in draft.regions if r.kind == "body"]
    assert body == ["Étienne said the café pilot\tis next. I really need this job."]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "Café".encode(), "Café"),
        ("Café".encode("utf-16"), "Café"),
        ("Café".encode(), "Café"),
    ],
)
def test_decoding(data: bytes, expected: str) -> None:
    assert decode(data, "x") == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("Café".encode("latin-1"), "is not valid UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ],
)
def test_undecodable_input_is_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(data, "x")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\nto: [unclosed\n---\nHi\n", "malformed front matter"),
        ("---\n- a list\n---\nHi\n", "not a mapping"),
    ],
)
def test_malformed_front_matter(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_draft("d.md", text.encode())


def test_email_without_headers_is_an_error() -> None:
    with pytest.raises(InputError, match="not an email"):
        read_draft("d.eml", b"just some text with no headers")


def _load_check_labels():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("check_labels",
                                                  SHARED / "corpus" / "check_labels.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_shared()
def test_body_word_counts_match_the_corpus_convention() -> None:
    """Our body split agrees with the corpus's own counting script on every draft."""
    check_labels = _load_check_labels()
    drafts = SHARED / "corpus" / "drafts"
    labels = json.loads((SHARED / "corpus" / "labels.json").read_text())
    for name in labels:
        path = drafts / name
        ours = read_draft(name, path.read_bytes()).word_count
        theirs = check_labels.body_word_count(str(path))
        assert abs(ours - theirs) <= max(3, theirs // 20), (name, ours, theirs)
