"""Find each MIME part of a message in the file, and decode a text part with its positions.

The stdlib parser (``email``, ``policy.default``) builds the tree of parts but
keeps no offsets. This module walks the same tree over the file's text,
splitting at the boundary delimiter lines the parser itself split at (the same
delimiter rule as ``email.feedparser``), so every part's body is a span of the
file, never found by searching for its text. If the walk and the parser ever
disagree on the number of parts, the parts are still read, and positions fall
back to the start of the message body.

Decoding keeps positions where the encoding is local: 7bit, 8bit and binary
parts in any declared charset, and quoted-printable (``=E2=80=99`` is one
character at the ``=``; a soft line break ``=`` at a line end joins lines).
Base64 and HTML parts are decoded as a whole; their characters all point at
the first line of the part's body (README: "What counts as the body").
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from functools import lru_cache

_SURROGATE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, kept as an escape
_HEX = re.compile(r"=([0-9A-Fa-f]{2})")
_SOFT_BREAK = re.compile(r"=[ \t]*(?:\r\n|\n|\r|$)")


@dataclass(frozen=True)
class Part:
    """A leaf part of the message and the [start, end) span of its body in the file."""

    message: Message
    start: int
    end: int
    exact: bool = True  # False when positions fell back to the message body's start


def leaf_parts(message: Message, text: str, start: int, end: int) -> list[Part]:
    """Return the message's leaf parts in file order, each with its body's span."""
    if not message.is_multipart() or message.get_content_maintype() == "message":
        return [Part(message, start, end)]  # an attached message is one leaf, not the text
    payload = message.get_payload()
    subparts = payload if isinstance(payload, list) else []
    segments = list(_segments(text, start, end, message.get_boundary() or ""))
    if len(segments) != len(subparts):
        return [Part(p, start, start, exact=False) for p in _leaves(message)]
    found: list[Part] = []
    for sub, (seg_start, seg_end) in zip(subparts, segments, strict=True):
        body = _body_start(text, seg_start, seg_end)
        found.extend(leaf_parts(sub, text, body, seg_end))
    return found


def _leaves(message: Message) -> Iterator[Message]:
    yield from (p for p in message.walk() if not p.is_multipart())


def _segments(text: str, start: int, end: int, boundary: str) -> Iterator[tuple[int, int]]:
    """Yield the spans between a multipart's delimiter lines (header and body of each part)."""
    if not boundary:
        return
    delimiter = re.compile(rf"^--{re.escape(boundary)}(?P<close>--)?[ \t]*(?:\r\n|\r|\n|$)",
                           re.MULTILINE)
    opened: int | None = None
    for match in delimiter.finditer(text, start, end):
        if opened is not None and match.start() > opened:  # the parser drops a part of no lines
            yield opened, _before_line_end(text, opened, match.start())
        if match.group("close"):
            return
        opened = match.end()
    if opened is not None:  # no closing delimiter: the part runs to the end
        yield opened, end


def _before_line_end(text: str, floor: int, pos: int) -> int:
    """Return pos less the line ending before it, which belongs to the delimiter.

    A delimiter starts a line and its part holds at least one character, so
    there is always a line ending between ``floor`` and ``pos``.
    """
    return pos - 2 if pos - 2 >= floor and text[pos - 2 : pos] == "\r\n" else pos - 1


def _body_start(text: str, start: int, end: int) -> int:
    """Return where a part's body starts: after its headers and the blank line."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line = text[pos : end if nl < 0 else nl].rstrip("\r")
        if not line.strip():
            return end if nl < 0 else nl + 1
        if pos == start and ":" not in line:
            return start  # a part with no headers at all
        if nl < 0:
            return end
        pos = nl + 1
    return end


def is_attachment(part: Message) -> bool:
    """Say whether a part is an attachment (a file), not the message text."""
    disposition = (part.get_content_disposition() or "").lower()
    return disposition == "attachment" or bool(part.get_filename())


def decode_part(part: Part, text: str) -> tuple[str, list[int] | None]:
    """Return a text part's decoded content and each character's file offset.

    The offsets are None when the encoding is not local (base64, or a walk
    that fell back): the caller then points every character at the part.
    """
    message = part.message
    charset = _charset(message)
    encoding = str(message.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    if part.exact and encoding in ("7bit", "8bit", "binary", ""):
        chunk = text[part.start : part.end]
        if charset in ("ascii", "utf-8") and not _SURROGATE.search(chunk):
            return chunk, list(range(part.start, part.end))  # valid UTF-8: the file's own text
        return _decode_bytes(*_raw_bytes(text, part.start, part.end), charset)
    if part.exact and encoding == "quoted-printable":
        return _decode_bytes(*_quoted_printable(text, part.start, part.end), charset)
    return _whole_content(message), None


def _whole_content(message: Message) -> str:
    """Return a text part decoded by the email package; an unknown charset reads as UTF-8."""
    try:
        return str(message.get_content())  # type: ignore[attr-defined]  # EmailMessage
    except LookupError:
        return bytes(message.get_payload(decode=True)).decode("utf-8", "replace")


def _charset(message: Message) -> str:
    name = message.get_content_charset() or "us-ascii"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "utf-8"  # an unknown charset: read it as UTF-8, unknown bytes replaced


def _raw_bytes(text: str, start: int, end: int) -> tuple[bytes, list[int]]:
    """Return the file bytes of text[start:end] and, per byte, its character offset."""
    chunk = text[start:end]
    data = chunk.encode("utf-8", "surrogateescape")
    offsets: list[int] = []
    for i, ch in enumerate(chunk):
        offsets.extend([start + i] * len(ch.encode("utf-8", "surrogateescape")))
    return data, offsets


def _quoted_printable(text: str, start: int, end: int) -> tuple[bytes, list[int]]:
    """Decode quoted-printable, recording the file offset each decoded byte came from."""
    out = bytearray()
    offsets: list[int] = []
    pos = start
    while pos < end:
        ch = text[pos]
        if ch == "=":
            soft = _SOFT_BREAK.match(text, pos, end)
            if soft:
                pos = soft.end()
                continue
            hexed = _HEX.match(text, pos, end)
            if hexed:
                out.append(int(hexed.group(1), 16))
                offsets.append(pos)
                pos = hexed.end()
                continue
        for byte in ch.encode("utf-8", "surrogateescape"):
            out.append(byte)
            offsets.append(pos)
        pos += 1
    return bytes(out), offsets


@lru_cache(maxsize=64)
def _single_byte(charset: str) -> bool:
    """Say whether a charset has one character per byte (ISO-8859-*, windows-125*)."""
    return len(bytes(range(256)).decode(charset, "replace")) == 256


def _decode_bytes(data: bytes, offsets: list[int], charset: str) -> tuple[str, list[int]]:
    """Decode bytes in a charset; each character maps to the offset of its first byte."""
    if data.isascii():
        return data.decode("ascii"), offsets
    if charset in ("ascii", "utf-8"):
        charset = "utf-8"  # 8-bit text in a part that claims ASCII is almost always UTF-8
    elif _single_byte(charset):
        return data.decode(charset, "replace"), offsets  # one character per byte
    decoder = codecs.getincrementaldecoder(charset)(errors="replace")
    chars: list[str] = []
    char_offsets: list[int] = []
    first: int | None = None
    for byte, offset in zip(data, offsets, strict=True):
        if first is None:
            first = offset
        piece = decoder.decode(bytes((byte,)))
        if piece:
            chars.append(piece)
            char_offsets.extend([first] * len(piece))
            first = None
    tail = decoder.decode(b"", final=True)
    if tail:
        chars.append(tail)
        char_offsets.extend([first if first is not None else offsets[-1]] * len(tail))
    return "".join(chars), char_offsets
