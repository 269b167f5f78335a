"""The metadata the rules read, from front matter or ``.eml`` headers, typed and checked.

Front matter and headers arrive as a plain mapping (``Draft.meta``); this module
turns the keys the rules use into a ``Metadata`` value once per draft, so a
date that cannot be read is one clear error for that draft and never a
surprise inside a rule. ``kind`` stays None when the draft does not say: the
rules guess it from the text (``followup_lint.draft.kind_guess``).
"""

from __future__ import annotations

import dataclasses
import email.utils
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from followup_lint.core.errors import InputError
from followup_lint.draft.dates import DateError, When, parse_when

KINDS = ("thank-you", "follow-up", "check-in")
_KIND_ALIASES = {re.sub(r"[^a-z]", "", k): k for k in KINDS}
TEXT_KEYS = ("to", "subject", "company", "role", "interviewer")


@dataclass(frozen=True)
class Metadata:
    """What a draft says about itself; every field is optional."""

    to: str | None = None
    #: Who writes: ``from`` in headers or front matter (a coach's folder holds several writers).
    sender: str | None = None
    subject: str | None = None
    company: str | None = None
    role: str | None = None
    interviewer: str | None = None
    interview_date: When | None = None
    date: When | None = None
    kind: str | None = None
    #: True for an .eml or a draft with front matter: a missing subject then means something.
    has_header: bool = False

    @property
    def to_name(self) -> str | None:
        """Return the display name of ``to`` ("Dana Cho" from "Dana Cho <dana@x.com>")."""
        if not self.to:
            return None
        name, address = email.utils.parseaddr(self.to)
        if name:
            return name.strip()
        return None if "@" in (address or self.to) else self.to.strip()

    @property
    def addressee(self) -> str | None:
        """Return the person the draft is written to: ``interviewer``, else the name in ``to``."""
        return self.interviewer or self.to_name

    @property
    def recipient(self) -> str | None:
        """Return a key that groups drafts to one recipient: ``to``, or company plus interviewer.

        When the draft names its writer (``from``), the key includes it: two
        candidates writing to the same recruiter are two conversations.
        """
        key = None
        if self.to:
            key = _address(self.to)
        elif self.company and self.interviewer:
            key = f"{self.interviewer.strip().lower()} at {self.company.strip().lower()}"
        if key and self.sender:
            key = f"{key} from {_address(self.sender)}"
        return key


def read_metadata(source: str, meta: Mapping[str, Any], has_header: bool) -> Metadata:
    """Return the typed metadata of one draft; an unreadable date or kind is an InputError."""
    values: dict[str, Any] = {"has_header": has_header}
    for key in TEXT_KEYS:
        value = meta.get(key)
        if value is not None and str(value).strip():
            values[key] = str(value).strip()
    if meta.get("from") is not None and str(meta["from"]).strip():
        values["sender"] = str(meta["from"]).strip()
    for key in ("interview_date", "date"):
        if meta.get(key) is not None:
            values[key] = _date(source, key, meta[key])
    if meta.get("kind") is not None:
        values["kind"] = _kind(source, meta["kind"])
    return Metadata(**values)


def with_dates(metadata: Metadata, source: str, interview_date: str | None = None,
               send_date: str | None = None) -> Metadata:
    """Return metadata with command-line dates, which win over the draft's own."""
    interview = metadata.interview_date if interview_date is None else _date(
        source, "--interview-date", interview_date)
    sent = metadata.date if send_date is None else _date(source, "--send-date", send_date)
    return dataclasses.replace(metadata, interview_date=interview, date=sent)


def _address(value: str) -> str:
    """Return the address of "Name <address>", or the whole value when it names no address."""
    if "@" not in value:
        return " ".join(value.lower().split())
    name, address = email.utils.parseaddr(value)
    return (address or name or value).strip().lower()


def _date(source: str, key: str, value: Any) -> When:
    try:
        return parse_when(value)
    except DateError as exc:
        raise InputError(source, f"has an unreadable {key}: {exc}") from None


def _kind(source: str, value: Any) -> str:
    kind = _KIND_ALIASES.get(re.sub(r"[^a-z]", "", str(value).lower()))
    if kind is None:
        raise InputError(source, f"has an unknown kind '{value}' (use {', '.join(KINDS)})")
    return kind
