"""Mail folders: an mbox file and a Maildir, each message read as one draft.

Thunderbird, mutt, aerc and Apple Mail export mbox files; mutt, aerc, notmuch
and most servers keep Maildirs (``cur/``, ``new/``, ``tmp/``). Both are read
with the stdlib ``mailbox`` module. A Maildir message is its own file, so it
is an ordinary email draft named by that file. The messages of an mbox share
one file: each becomes a draft named ``Drafts.mbox`` whose positions are lines
of the mbox file, and which cross-draft rules tell apart by its message number.
"""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from pathlib import Path

from followup_lint.core.errors import InputError
from followup_lint.draft.line_index import LineIndex
from followup_lint.draft.parsed import Draft

MAILDIR_FOLDERS = ("cur", "new")


def is_maildir(folder: Path) -> bool:
    """Say whether a folder is a Maildir: it holds ``cur`` and ``new`` folders."""
    return all((folder / name).is_dir() for name in MAILDIR_FOLDERS)


def maildir_messages(folder: Path) -> list[Path]:
    """Return the message files of a Maildir (cur and new, not tmp), sorted by name."""
    box = mailbox.Maildir(folder, factory=None, create=False)
    found = []
    for key in box.iterkeys():
        # Maildir keeps the file name relative to the folder ("cur/123.M1:2,S").
        # The stdlib exposes no public path for a key; _lookup is how it opens one.
        found.append(folder / box._lookup(key))  # type: ignore[attr-defined]
    return sorted(found)


def looks_like_mbox(data: bytes) -> bool:
    """Say whether bytes are an mbox: the first line is a "From " separator."""
    return data.startswith(b"From ")


def mbox_drafts(source: str, path: Path | None, data: bytes) -> Iterator[Draft | InputError]:
    """Read each message of an mbox as a draft positioned in the mbox file."""
    from followup_lint.reading.reader import read_mbox_message

    if path is None:  # standard input: mailbox needs a file
        yield InputError(source, "is an mbox; name the file instead of piping it")
        return
    text = data.decode("utf-8", "surrogateescape")
    index = LineIndex(text)
    box = mailbox.mbox(path, create=False)
    byte_at = 0
    char_at = 0
    try:
        keys = list(box.iterkeys())
        for number, key in enumerate(keys, start=1):
            raw = box.get_bytes(key, from_=True)
            start = data.find(raw, byte_at)
            if start < 0:  # the file changed while it was read
                yield InputError(f"{source} message {number}", "could not be read")
                continue
            char_at += len(data[byte_at:start].decode("utf-8", "surrogateescape"))
            from_line = raw.find(b"\n") + 1 if b"\n" in raw else len(raw)
            message = raw[:from_line].decode("utf-8", "surrogateescape")
            body = raw[from_line:].decode("utf-8", "surrogateescape")
            try:
                yield read_mbox_message(source, number, body, char_at + len(message), index)
            except InputError as exc:
                yield InputError(f"{source} message {number}", exc.reason)
            byte_at = start + len(raw)
            char_at += len(message) + len(body)
    finally:
        box.close()
