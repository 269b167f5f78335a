"""Read an email message (an ``.eml`` file, or one message of a mail folder) as a draft.

The stdlib parser (``email.message_from_bytes`` with ``policy.default``) reads
the headers and the tree of parts; ``mime_parts`` finds the parts in the file
and decodes the chosen text part with its positions. The draft's text is a
*view*: the header block with the subject unfolded and RFC 2047-decoded, a
blank line, and the decoded body. ``positions.MappedLineIndex`` maps every
view character back to the file, so findings carry file lines and columns.

A header value the email package cannot parse (``To: dana@``, ``To:"``,
``From::;a``) is read as its raw text: a draft never aborts the run.
"""

from __future__ import annotations

import email
import email.header
import email.policy
import re
from email.message import Message
from typing import Any

from followup_lint.core.errors import InputError
from followup_lint.draft.parsed import Region
from followup_lint.reading.mail_words import mail_words
from followup_lint.reading.mime_parts import decode_part, is_attachment, leaf_parts
from followup_lint.reading.positions import ViewBuilder

#: The headers the rules read, plain or with the X- prefix mail tools keep.
EMAIL_META = {"to": "to", "from": "from", "subject": "subject", "date": "date", "cc": "cc",
              **{f"{x}{h}": k for x in ("", "X-") for h, k in (
                  ("Company", "company"), ("Role", "role"), ("Interviewer", "interviewer"),
                  ("Interview-Date", "interview_date"), ("Kind", "kind"))}}
_HEADER_LINE = re.compile(r"[!-9;-~]+[ \t]*:")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
_BETWEEN_ENCODED = re.compile(r"(?<=\?=)[ \t\r\n]+(?==\?)")


class MessageView:
    """One message read for linting: the view builder, its metadata and regions."""

    def __init__(self, view: ViewBuilder, meta: dict[str, Any], regions: list[Region],
                 body: tuple[int, int]) -> None:
        self.view = view
        self.meta = meta
        self.regions = regions
        #: The [start, end) span of the decoded body in the view.
        self.body = body


def read_message(source: str, text: str) -> MessageView:
    """Read a message's text (bytes decoded as UTF-8 with surrogate escapes)."""
    message = email.message_from_bytes(text.encode("utf-8", "surrogateescape"),
                                       policy=email.policy.default)
    header_end, body_start = _header_block(text)
    if not message.keys() or header_end == 0:
        raise InputError(source, "is not an email: no blank line after the headers")
    view = ViewBuilder()
    meta = {key: value for header, key in EMAIL_META.items()
            if (value := header_text(message, header)) is not None}
    meta.update(_misspelt_headers(message))
    regions: list[Region] = []
    subject = _subject_span(text, header_end)
    if subject is None:
        view.copy(text[:header_end], 0)
    else:
        start, end = subject
        view.copy(text[:start], 0)
        span = _decoded_value(text[start:end], start, view)
        if span:
            regions.append(_without_reply_prefix(view.text(), *span))
        view.copy(text[end:header_end], end)
    view.copy(text[header_end:body_start], header_end)
    body_at = view.length
    _body(source, message, text, body_start, view)
    return MessageView(view, meta, regions, (body_at, view.length))


def _misspelt_headers(message: Message) -> dict[str, str]:
    """Return followup-lint's own headers written another way (``InterviewDate:``), lower-cased.

    ``draft.metadata`` reads them and notes the spelling it expected.
    """
    known = {h.lower() for h in EMAIL_META}
    wanted = {_squash(h) for h in EMAIL_META}
    found: dict[str, str] = {}
    for name, _ in message.raw_items():
        lowered = name.lower()
        if lowered not in known and _squash(lowered) in wanted:
            found.setdefault(lowered.removeprefix("x-"), header_text(message, name) or "")
    return found


def _squash(name: str) -> str:
    return re.sub(r"[\s_-]", "", name.lower().removeprefix("x-"))


def header_text(message: Message, name: str) -> str | None:
    """Return a header's decoded value, or its raw text when the email package cannot parse it."""
    raw = next((v for k, v in message.raw_items() if k.lower() == name.lower()), None)
    if raw is None:
        return None
    try:
        value = message.get(name)
        return None if value is None else str(value)
    except Exception:  # the parser raises IndexError, AttributeError, ...
        return _raw_header(str(raw))


def _raw_header(raw: str) -> str:
    unfolded = _FOLD.sub("", raw).strip()
    try:
        return str(email.header.make_header(email.header.decode_header(unfolded)))
    except (LookupError, ValueError):  # an unknown charset, or bytes that are not in it
        return unfolded  # (a cut-off =?utf-8?q?=E2=80?=): keep the text as written


def _header_block(text: str) -> tuple[int, int]:
    """Return where the header lines end and where the body starts.

    Headers end at the first blank line, or (as the email parser reads it) at
    the first line that is neither a header nor a continuation.
    """
    pos = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl
        line = text[pos:stop].rstrip("\r")
        if not line.strip():
            return _trim_line_end(text, pos), len(text) if nl < 0 else nl + 1
        if not (_HEADER_LINE.match(line) or (pos > 0 and line[:1] in " \t")
                or (pos == 0 and line.startswith("From "))):
            return _trim_line_end(text, pos), pos
        pos = stop + 1
    return len(text), len(text)


def _trim_line_end(text: str, pos: int) -> int:
    if pos >= 2 and text[pos - 2 : pos] == "\r\n":
        return pos - 2
    return pos - 1 if pos >= 1 and text[pos - 1] == "\n" else pos


def _subject_span(text: str, header_end: int) -> tuple[int, int] | None:
    """Return the span of the first Subject header's value, continuation lines included."""
    match = re.search(r"^Subject[ \t]*:[ \t]*", text[:header_end], re.MULTILINE | re.IGNORECASE)
    if not match:
        return None
    end = text.find("\n", match.end(), header_end)
    end = header_end if end < 0 else end
    while end < header_end and text[end + 1 : end + 2] in (" ", "\t"):
        nxt = text.find("\n", end + 1, header_end)
        end = header_end if nxt < 0 else nxt
    if end > match.end() and text[end - 1] == "\r":
        end -= 1
    return match.end(), end


def _decoded_value(raw: str, file_start: int, view: ViewBuilder) -> tuple[int, int] | None:
    """Append an unfolded, RFC 2047-decoded header value to the view; return its span."""
    start = view.length
    pos = 0
    for fold in [*_FOLD.finditer(raw), None]:
        stop = fold.start() if fold else len(raw)
        _decoded_words(raw[pos:stop], file_start + pos, view)
        pos = fold.end() if fold else stop
    end = view.length
    text = view.text()[start:end]
    lead, trail = len(text) - len(text.lstrip()), len(text) - len(text.rstrip())
    return (start + lead, end - trail) if end - trail > start + lead else None


def _without_reply_prefix(text: str, start: int, end: int) -> Region:
    """Return the subject region less the "RE:" or "Fwd:" a mail client put before it."""
    prefix = mail_words().subject_prefix.match(text, start, end)
    return Region("subject", prefix.end() if prefix and prefix.end() < end else start, end)


def _decoded_words(line: str, file_start: int, view: ViewBuilder) -> None:
    pos = 0
    skip = {m.start(): m.end() for m in _BETWEEN_ENCODED.finditer(line)}
    for word in _ENCODED_WORD.finditer(line):
        gap = line[pos : word.start()]
        if pos in skip and skip[pos] == word.start():
            gap = ""  # white space between two encoded words is not part of the text
        view.copy(gap, file_start + pos)
        view.at(_decode_word(word.group()), file_start + word.start())
        pos = word.end()
    view.copy(line[pos:], file_start + pos)


def _decode_word(word: str) -> str:
    """Decode one RFC 2047 encoded word; one in an unknown charset stays as written."""
    (data, charset), = email.header.decode_header(word)
    try:
        return bytes(data).decode(charset or "utf-8", "replace")
    except LookupError:
        return word


def _body(source: str, message: Message, text: str, start: int, view: ViewBuilder) -> None:
    """Append the chosen text part to the view: plain or Markdown first, else HTML."""
    parts = leaf_parts(message, text, start, len(text))
    texts = [p for p in parts if p.message.get_content_maintype() == "text"
             and not is_attachment(p.message)]
    chosen = next((p for p in texts if p.message.get_content_subtype() in ("plain", "markdown")),
                  None) or next((p for p in texts if p.message.get_content_subtype() == "html"),
                                None)
    if chosen is None and message.get_content_maintype() == "multipart" and not any(
            p.message is not message for p in parts):
        view.copy(text[start:], start)  # "multipart" with no parts: the body is the text
        return
    if chosen is None:
        names = [p.message.get_filename() or p.message.get_content_type() for p in parts]
        raise InputError(source, f"has no text part to lint (only {', '.join(names)}); "
                         "write the message text in the email itself")
    decoded, offsets = decode_part(chosen, text)
    encoding = str(chosen.message.get("Content-Transfer-Encoding", "")).strip().lower()
    coded = f"{encoding} " if encoding in ("base64", "quoted-printable") else ""
    if chosen.message.get_content_subtype() == "html":
        view.at(html_to_text(decoded), chosen.start, f"{coded}HTML part")
    elif offsets is None:
        view.at(decoded, chosen.start, f"{coded}text part")
    else:
        view.mapped(decoded, offsets)


def html_to_text(html: str) -> str:
    """Return the text a reader sees in an HTML message (inscriptis keeps its layout)."""
    from inscriptis import get_text  # type: ignore[import-untyped]

    return get_text(html)


