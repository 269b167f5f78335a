"""The metadata the rules read, from front matter or ``.eml`` headers, typed and checked.

Front matter and headers arrive as a plain mapping (``Draft.meta``); this module
turns the keys the rules use into a ``Metadata`` value once per draft, so a
date that cannot be read is one clear error for that draft and never a
surprise inside a rule. ``kind`` stays None when the draft does not say: the
rules guess it from the text (``followup_lint.draft.kind_guess``).
"""

from __future__ import annotations

import dataclasses
import difflib
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
#: Every key the rules read, in its underscore form (``interview-date`` is accepted too).
KNOWN_KEYS = (*TEXT_KEYS, "from", "cc", "date", "interview_date", "kind")
#: Keys that are neither read by the rules nor typos: the linter's own, and the reader's.
_OTHER_KEYS = ("followup-lint",)


@dataclass(frozen=True)
class MetaProblem:
    """A front matter key or header value that was misspelt: as written, and what was meant."""

    #: The key as found in the mapping (front matter keys are lower-cased).
    key: str
    #: What the writer meant: the key, or for ``kind`` the value.
    meant: str
    #: True when the value was used as if spelled right (a case or spacing slip).
    used: bool
    #: The value as written, for a misspelt ``kind``; None for a misspelt key.
    value: str | None = None


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
    #: Misspelt keys and kind values, for the misspelt-metadata rule (FL002) to report.
    problems: tuple[MetaProblem, ...] = ()

    @property
    def to_name(self) -> str | None:
        """Return the display name of ``to`` ("Dana Cho" from "Dana Cho <dana@x.com>")."""
        if not self.to:
            return None
        name, address = email.utils.parseaddr(self.to)
        if name:
            return name.strip()
        if "@" in (address or self.to) or not any(ch.isalpha() for ch in self.to):
            return None  # an address, or a half-typed value such as '"' (read raw)
        return self.to.strip()

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
    """Return the typed metadata of one draft; an unreadable date or unknown kind is an InputError.

    Keys are matched in their underscore form, so ``interview-date`` reads as
    ``interview_date``. A key that differs from a known one only in case,
    dashes or spaces (``InterviewDate``, ``interviewdate``) is used and noted
    as a problem; a near miss (``intervew_date``) is noted but not used.
    """
    meta, problems = canonical_keys(meta)
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
        kind, problem = _kind(source, meta["kind"])
        values["kind"] = kind
        if problem is not None:
            problems.append(problem)
    return Metadata(**values, problems=tuple(problems))


def canonical_keys(meta: Mapping[str, Any]) -> tuple[dict[str, Any], list[MetaProblem]]:
    """Return the mapping under the keys the rules read, and the misspellings found."""
    out: dict[str, Any] = {}
    problems: list[MetaProblem] = []
    squashed = {_squash(k): k for k in KNOWN_KEYS}
    for key, value in meta.items():
        underscored = key.replace("-", "_")
        if underscored in KNOWN_KEYS or key in _OTHER_KEYS or key.startswith("_"):
            out.setdefault(underscored if underscored in KNOWN_KEYS else key, value)
        elif _squash(key) in squashed:
            meant = squashed[_squash(key)]
            out.setdefault(meant, value)
            problems.append(MetaProblem(key, meant, used=True))
        else:
            close = difflib.get_close_matches(_squash(key), list(squashed), n=1, cutoff=0.85)
            if close:
                problems.append(MetaProblem(key, squashed[close[0]], used=False))
            out.setdefault(key, value)
    return out, problems


def _squash(key: str) -> str:
    return re.sub(r"[\s_-]", "", key.lower())


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


def _kind(source: str, value: Any) -> tuple[str | None, MetaProblem | None]:
    """Return the kind a value names, and a problem when it is misspelt.

    ``thank-you`` and ``thank_you`` are exact; ``thankyou`` or ``Thank You``
    are read as ``thank-you`` and noted; a near miss (``thanks``) is noted and
    the kind guessed from the text; anything else is an error for the draft.
    """
    written = str(value).strip()
    exact = re.sub(r"[\s_]+", "-", written.lower())
    if exact in KINDS:
        return exact, None
    kind = _KIND_ALIASES.get(re.sub(r"[^a-z]", "", written.lower()))
    if kind is not None:
        return kind, MetaProblem("kind", kind, used=True, value=written)
    close = difflib.get_close_matches(exact, KINDS, n=1, cutoff=0.6)
    if close:
        return None, MetaProblem("kind", close[0], used=False, value=written)
    raise InputError(source, f"has an unknown kind '{value}' (use {', '.join(KINDS)})")
