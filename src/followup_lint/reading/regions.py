r"""Find the parts of an email draft: subject, greeting, body, sign-off, signature.

Only the body is prose for the language rules and for word counts. The greeting
("Hi Dana,") and the sign-off block ("Best regards,\\nSam Lee\\n555-0100") are the
writer's words but not the message, and a quoted earlier message is not the
writer's at all. The patterns here are the conventions of email, not rule data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from followup_lint.core.text import GREETING_OPENER
from followup_lint.draft.parsed import Region

CLOSING_PHRASES = (
    "best", "best regards", "best wishes", "kind regards", "kindest regards", "warm regards",
    "warmest regards", "warmly", "regards", "with kind regards", "with best regards",
    "sincerely", "yours sincerely", "sincerely yours", "yours truly", "yours faithfully",
    "respectfully", "respectfully yours", "thanks", "thanks again", "thanks so much",
    "thank you", "thank you again", "many thanks", "cheers", "all the best", "with gratitude",
    "with appreciation", "with thanks", "take care", "talk soon", "looking forward",
)
_CLOSING = "|".join(sorted((re.escape(p) for p in CLOSING_PHRASES), key=len, reverse=True))
SIGNOFF_RE = re.compile(rf"^\s*(?:{_CLOSING})\s*[,.!]?\s*$", re.IGNORECASE)
SIGNOFF_WITH_NAME_RE = re.compile(
    rf"^\s*(?:{_CLOSING})\s*,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,2}}\s*$", re.IGNORECASE
)
GREETING_RE = re.compile(
    rf"^\s*(?:{GREETING_OPENER}|to\s+whom\s+it\s+may\s+concern)\b[^\n]{{0,60}}$",
    re.IGNORECASE,
)
BARE_NAME_GREETING_RE = re.compile(r"^\s*[A-Z][\w.'’ -]{0,40}[,:]\s*$")
QUOTE_HEADER_RE = re.compile(r"^\s*On\s.{0,300}\bwrote:\s*$", re.IGNORECASE)
QUOTE_HEADER_START_RE = re.compile(r"^\s*On\s.{0,200}$")
OUTLOOK_QUOTE_RE = re.compile(r"^\s*-{2,}\s*(?:Original|Forwarded) Message\s*-{2,}\s*$", re.I)
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
        region = Region("subject", value_start, line.start + match.end("value"))
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
    for index, line in enumerate(lines):
        if _starts_quote(lines, index):
            break
        if line.text.rstrip() == "--" or line.text == "-- ":
            in_signature = True
            continue
        if line.text.lstrip().startswith(">"):
            continue
        (signature if in_signature else own).append(line)

    regions: list[Region] = []
    nonempty = [i for i, line in enumerate(own) if line.text.strip()]
    first = nonempty[0] if nonempty else None
    body_from = 0
    if first is not None and _is_greeting(own[first].text):
        regions.append(Region("greeting", own[first].start, own[first].end))
        body_from = first + 1

    body_to = len(own)
    for i in range(len(own) - 1, body_from - 1, -1):
        if SIGNOFF_RE.match(own[i].text) or SIGNOFF_WITH_NAME_RE.match(own[i].text):
            body_to = i
            break
    regions.extend(_contiguous("body", own[body_from:body_to]))
    if body_to < len(own):
        regions.append(Region("signoff", own[body_to].start, own[body_to].end))
        regions.extend(_contiguous("signature", own[body_to + 1 :]))
    regions.extend(_contiguous("signature", signature))
    return sorted(regions, key=lambda r: r.start)


def _starts_quote(lines: list[Line], index: int) -> bool:
    text = lines[index].text
    if QUOTE_HEADER_RE.match(text) or OUTLOOK_QUOTE_RE.match(text):
        return True
    # "On Mon, 9 Nov 2026 at 16:47, Greg Patterson\n<greg@example.com> wrote:"
    if QUOTE_HEADER_START_RE.match(text) and index + 1 < len(lines):
        following = lines[index + 1].text
        return following.rstrip().endswith("wrote:") and len(following) < 120
    return False


def _is_greeting(line: str) -> bool:
    if SIGNOFF_RE.match(line):
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
