"""Read the dates a draft's metadata and the command line give: ISO 8601 or email ``Date:``.

A date may be a calendar day (``2026-11-03``) or a moment (``2026-11-03T14:30``,
``Tue, 17 Nov 2026 10:02:11 -0500``). Days stay days: the timing rules then
compare calendar days and never invent an hour. A moment without a time zone
is read in the local time zone, as a person writing the draft would mean it.
Code that builds metadata itself may hand over ``datetime.date`` objects.
"""

from __future__ import annotations

import datetime as dt
import re

#: A date or an aware date-time: what the timing rules compare.
When = dt.date | dt.datetime

_ISO_SPACE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(.*)$")


class DateError(ValueError):
    """A date that cannot be read; the message says which forms are understood."""


def parse_when(value: object) -> When:
    """Return a date or an aware date-time for ``value``; raise DateError when unreadable."""
    if isinstance(value, dt.datetime):
        return _aware(value)
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise DateError(f"{value!r} is not a date")
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return _aware(dt.datetime.fromisoformat(_iso(text)))
    except ValueError:
        pass
    try:
        import email.utils  # only for an email Date: value; its import costs ~10 ms

        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        raise DateError(f"'{text}' is not a date (use 2026-11-03, 2026-11-03T14:30 or "
                        "the email form Tue, 03 Nov 2026 14:30:00 -0500)")
    return _aware(parsed)


def _iso(text: str) -> str:
    """Normalise ISO forms Python 3.10 rejects: a trailing Z, a space before the zone."""
    text = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    match = _ISO_SPACE_RE.match(text)
    if match:
        text = f"{match.group(1)}T{match.group(2)}{match.group(3).replace(' ', '')}"
    return text


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()


def day_of(when: When) -> dt.date:
    """Return the calendar day of a date, or of a moment in its own time zone."""
    return when.date() if isinstance(when, dt.datetime) else when


def hours_between(earlier: When, later: When) -> float | None:
    """Return the hours from one moment to another, or None when either is only a day."""
    if isinstance(earlier, dt.datetime) and isinstance(later, dt.datetime):
        return (later - earlier).total_seconds() / 3600
    return None


def days_between(earlier: When, later: When) -> int:
    """Return the calendar days between two dates or moments (negative when reversed)."""
    return (day_of(later) - day_of(earlier)).days


def show(when: When) -> str:
    """Return a date for a message: ``2026-11-03``, or ``2026-11-03 14:30`` for a moment."""
    if isinstance(when, dt.datetime):
        return when.strftime("%Y-%m-%d %H:%M")
    return when.isoformat()


def instant(when: When) -> float:
    """Return a sortable timestamp: a moment's own, or local midnight for a day."""
    if isinstance(when, dt.datetime):
        return when.timestamp()
    return dt.datetime(when.year, when.month, when.day).astimezone().timestamp()


def days_apart(earlier: When, later: When) -> float:
    """Return the days between two dates or moments: exact for moments, else calendar days."""
    hours = hours_between(earlier, later)
    return hours / 24 if hours is not None else float(days_between(earlier, later))
