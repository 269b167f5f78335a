r"""Find the parts of an email draft: subject, greeting, body, sign-off, signature.

Only the body is prose for the language rules and for word counts. The greeting
("Hi Dana,") and the sign-off block ("Best regards,\\nSam Lee\\n555-0100") are the
writer's words but not the message, and a quoted earlier message is not the
writer's at all. The closing phrases and the quote markers of each mail client
are data, in the ``rules/mail.yaml`` lexicon (``reading.mail_words``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from followup_lint.core.text import GREETING_OPENER
from followup_lint.draft.parsed import Region
from followup_lint.reading.mail_words import mail_words

GREETING_RE = re.compile(
    rf"^\s*(?:{GREETING_OPENER}|to\s+whom\s+it\s+may\s+concern)\b[^\n]{{0,60}}$",
    re.IGNORECASE,
)
BARE_NAME_GREETING_RE = re.compile(r"^\s*[A-Z][\w.'’ -]{0,40}[,:]\s*$")
#: mbox files write a body line "From ..." as ">From ...": the writer's, not a quote.
_MBOX_ESCAPED_FROM = re.compile(r">+From ")
SUBJECT_LINE_RE = re.compile(r"^[ \t]*Subject:[ \t]*(?P<value>[^\r\n]*?)[ \t]*\r?$", re.I)


@dataclass(frozen=True)
class Line:
    """One line of the text: its offsets without the line ending, and its content."""

    start: int
    end: int
    text: str


def split_lines(text: str, start: int, end: int) -> list[Line]:
    """Split text[start:end] into lines, keeping offsets into the whole text."""
    lines: list[Line] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        content_end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
        lines.append(Line(pos, content_end, text[pos:content_end]))
        pos = stop + 1 if nl >= 0 else end
    return lines


def find_subject_line(text: str, start: int, end: int) -> tuple[Region | None, int]:
    """Find a leading ``Subject:`` line; return its value region and where content resumes."""
    for line in split_lines(text, start, end):
        if not line.text.strip():
            continue
        match = SUBJECT_LINE_RE.match(line.text)
        if not match:
            return None, start
        value_start = line.start + match.start("value")
        value_end = line.start + match.end("value")
        prefix = mail_words().subject_prefix.match(text, value_start, value_end)
        if prefix and prefix.end() < value_end:
            value_start = prefix.end()
        region = Region("subject", value_start, value_end)
        resume = text.find("\n", line.start, end)
        return region, end if resume < 0 else resume + 1
    return None, start


def split_message(text: str, start: int, end: int) -> list[Region]:
    """Split a message's text into greeting, body, sign-off and signature regions.

    Quoted earlier messages and ``>`` lines get no region: they are not the
    writer's words.
    """
    lines = split_lines(text, start, end)
    own: list[Line] = []
    signature: list[Line] = []
    in_signature = False
    wrote = False  # has the writer's own text begun?
    for index, line in enumerate(lines):
        if _starts_quote(lines, index, after_text=wrote):
            break
        wrote = wrote or bool(line.text.strip())
        if line.text.rstrip() == "--" or line.text == "-- ":
            in_signature = True
            continue
        if line.text.lstrip().startswith(">") and not _MBOX_ESCAPED_FROM.match(line.text):
            continue
        (signature if in_signature else own).append(line)

    words = mail_words()
    regions: list[Region] = []
    nonempty = [i for i, line in enumerate(own) if line.text.strip()]
    first = nonempty[0] if nonempty else None
    body_from = 0
    if first is not None and _is_greeting(own[first].text):
        regions.append(Region("greeting", own[first].start, own[first].end))
        body_from = first + 1

    body_to = len(own)
    for i in range(len(own) - 1, body_from - 1, -1):
        if words.signoff.match(own[i].text) or words.signoff_with_name.match(own[i].text):
            body_to = i
            break
    regions.extend(_contiguous("body", own[body_from:body_to]))
    if body_to < len(own):
        regions.append(Region("signoff", own[body_to].start, own[body_to].end))
        regions.extend(_contiguous("signature", own[body_to + 1 :]))
    regions.extend(_contiguous("signature", signature))
    return sorted(regions, key=lambda r: r.start)


def _starts_quote(lines: list[Line], index: int, after_text: bool) -> bool:
    """Say whether a quoted or forwarded message starts at this line.

    Gmail, Apple Mail and Thunderbird write an "On ... wrote:" line (sometimes
    wrapped onto two lines); Outlook writes a separator (underscores or
    "-----Original Message-----") or, on the web, just the header block
    ("From: ..." then "Sent: ..."); forwards have their own separator. A header
    block counts only below the writer's own text: at the top of a plain draft,
    "To:" and "Subject:" lines are the writer's own headers.
    """
    words = mail_words()
    text = lines[index].text.strip()
    if words.separator.match(text) or words.intro.match(text):
        return True
    following = lines[index + 1].text.strip() if index + 1 < len(lines) else ""
    if after_text and words.header_line.match(text) and words.header_line.match(following):
        return True
    # "On Mon, 9 Nov 2026 at 16:47, Greg Patterson\n<greg@example.com> wrote:"
    return (len(following) < 120 and len(text) < 200
            and bool(words.intro.match(f"{text} {following}")))


def _is_greeting(line: str) -> bool:
    if mail_words().signoff.match(line):
        return False
    if GREETING_RE.match(line) and len(line.split()) <= 8:
        return True
    return bool(BARE_NAME_GREETING_RE.match(line)) and len(line.split()) <= 4


def _contiguous(kind: str, lines: list[Line]) -> list[Region]:
    """Merge runs of adjacent lines into regions, trimming blank lines at the edges."""
    regions: list[Region] = []
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and (not run or _adjacent(run[-1], line)):
            run.append(line)
            continue
        kept = [ln for ln in run if ln.text.strip()]
        if kept:
            regions.append(Region(kind, kept[0].start, kept[-1].end))
        run = [line] if line is not None else []
    return regions


def _adjacent(previous: Line, line: Line) -> bool:
    # Lines are adjacent when only their line ending lies between them.
    return line.start - previous.end <= 2
