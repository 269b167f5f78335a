"""Turn command-line arguments into the drafts to lint, lazily and in a stable order.

A folder yields its drafts (by file ending) in sorted order, skipping hidden
folders, binary files and symlink loops; a named file is always read. A
Maildir (a folder with ``cur`` and ``new``) yields its messages, and an mbox
file one draft per message (``reading.mailboxes``). Reading happens one draft
at a time, so a run over thousands of drafts streams.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from followup_lint.core.errors import InputError
from followup_lint.core.regular_files import kind_problem
from followup_lint.core.text import DEFAULT_EXTENSIONS
from followup_lint.draft.parsed import Draft
from followup_lint.reading.mailboxes import (
    is_maildir,
    looks_like_mbox,
    maildir_messages,
    mbox_drafts,
)
from followup_lint.reading.reader import read_draft

DEFAULT_MAX_BYTES = 1_000_000
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: Files people save drafts in that are not text: what each is, and what to do.
UNSUPPORTED = {
    ".docx": "a Word document", ".doc": "a Word document", ".odt": "an OpenDocument file",
    ".rtf": "a rich-text file", ".pdf": "a PDF", ".pages": "a Pages document",
    ".html": "an HTML file", ".htm": "an HTML file",
}
_SAVE_AS = ("; save the draft as plain text (.txt) or as an email (.eml) and lint that")


@dataclass(frozen=True)
class Source:
    """One input: a file path, or standard input shown under ``name``."""

    name: str
    path: Path | None
    from_folder: bool = False
    problem: str | None = None
    #: The format when the name does not tell it ("eml" for a Maildir message).
    fmt: str | None = None


def collect(args: Iterable[str],
            extensions: Iterable[str] | Callable[[Path], Iterable[str]] = DEFAULT_EXTENSIONS,
            stdin_name: str = "-") -> list[Source]:
    """Expand arguments into sources, sorted by name and without duplicates.

    ``extensions`` are the file endings a folder yields; it may be a function of
    the folder, so each folder argument can follow its own configuration.
    """
    found: dict[str, Source] = {}
    for arg in args:
        if arg == "-":
            found.setdefault(stdin_name, Source(stdin_name, None))
            continue
        path = Path(arg)
        if path.is_dir():
            wanted = extensions(path) if callable(extensions) else extensions
            exts = tuple(e.lower() if e.startswith(".") else f".{e.lower()}" for e in wanted)
            sources = list(_walk(path, exts))
            for source in sources or [_nothing_to_lint(path, exts)]:
                found.setdefault(source.name, source)
        elif path.exists() or path.is_symlink():
            kind = UNSUPPORTED.get(path.suffix.lower())
            problem = f"is {kind}, which followup-lint cannot read{_SAVE_AS}" if kind else None
            found.setdefault(str(path), Source(str(path), path, problem=problem))
        else:
            found.setdefault(str(path), Source(str(path), path, problem="no such file or folder"))
    return [found[name] for name in sorted(found)]


def _walk(root: Path, exts: tuple[str, ...]) -> Iterator[Source]:
    seen_dirs: set[tuple[int, int]] = set()
    errors: list[Source] = []

    def onerror(exc: OSError) -> None:
        name = exc.filename or str(root)
        errors.append(Source(str(name), Path(name), problem=_os_reason(exc)))

    for folder, dirs, files in os.walk(root, onerror=onerror, followlinks=True):
        try:
            stat = os.stat(folder)
        except OSError:
            continue
        if (stat.st_dev, stat.st_ino) in seen_dirs:  # a symlink loop: been here already
            dirs[:] = []
            continue
        seen_dirs.add((stat.st_dev, stat.st_ino))
        if is_maildir(Path(folder)):
            dirs[:] = []
            yield from (Source(str(p), p, from_folder=True, fmt="eml")
                        for p in maildir_messages(Path(folder)))
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(exts):
                continue
            path = Path(folder) / name
            if path.is_file():
                yield Source(str(path), path, from_folder=True)
    yield from errors


def _nothing_to_lint(folder: Path, exts: tuple[str, ...]) -> Source:
    """Return the error for a folder that holds no draft: say what it does hold."""
    unsupported = sorted({p.suffix.lower() for p in folder.rglob("*")
                          if p.suffix.lower() in UNSUPPORTED and p.is_file()})
    held = f"; it holds {', '.join(unsupported)} files{_SAVE_AS}" if unsupported else ""
    return Source(str(folder), folder,
                  problem=f"has no drafts to lint (no {', '.join(exts)} files){held}")


def read_sources(sources: Iterable[Source], max_bytes: int = DEFAULT_MAX_BYTES,
                 stdin: bytes | None = None) -> Iterator[Draft | InputError]:
    """Read each source into a Draft, or an InputError that names it."""
    for source in sources:
        try:
            if source.problem:
                raise InputError(source.name, source.problem)
            data = _read_bytes(source, max_bytes, stdin)
            if source.from_folder and _is_binary(data):
                continue  # a binary file that happens to sit in a drafts folder
            if _is_mbox(source, data):
                yield from mbox_drafts(source.name, source.path, data)
                continue
            if source.name.lower().endswith(".mbox"):
                if data.strip():
                    raise InputError(source.name, 'is not an mbox: its first line is not a '
                                     '"From " line; export the folder again as mbox')
                continue  # an empty mbox holds no drafts
            yield read_draft(source.name, data, source.fmt)
        except InputError as exc:
            yield exc
        except Exception as exc:  # an odd input found a bug: one line, and the others go on
            yield InputError(source.name, f"could not be read ({type(exc).__name__}: {exc}); "
                             "this is a bug in followup-lint, please report it with the file")


def _is_binary(data: bytes) -> bool:
    """Say whether a file is binary, as ``reader.decode`` decides: NUL bytes without a BOM."""
    return b"\x00" in data[:8192] and not data.startswith(_UTF16_BOMS)


def _is_mbox(source: Source, data: bytes) -> bool:
    """Say whether a source is an mbox: named .mbox, or a file that starts with "From "."""
    if source.fmt is not None:
        return False
    named = source.name.lower().endswith(".mbox")
    unnamed = source.path is not None and not source.path.suffix
    return (named or unnamed) and looks_like_mbox(data)


def _read_bytes(source: Source, max_bytes: int, stdin: bytes | None) -> bytes:
    if source.path is None:
        if stdin is None and sys.stdin is None:  # started with standard input closed
            raise InputError(source.name, "standard input is closed; give the draft a file name")
        data = stdin if stdin is not None else sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            if source.path.is_dir():
                raise InputError(source.name, "is a folder, not a draft")
            info = source.path.stat()
            if kind_problem(info.st_mode):  # a FIFO or device: refused before it is opened
                raise InputError(source.name, str(kind_problem(info.st_mode)))
            if info.st_size > max_bytes:
                raise InputError(source.name, _too_big(info.st_size, max_bytes))
            with source.path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(source.name, _os_reason(exc)) from None
    if len(data) > max_bytes:  # standard input, read only up to the limit
        raise InputError(source.name, _too_big(None, max_bytes))
    return data


def _too_big(size: int | None, limit: int) -> str:
    amount = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return (f"is too large to be an email draft ({amount}, limit {limit:,}); "
            "raise the limit with --max-bytes if this is intended")


def _os_reason(exc: OSError) -> str:
    reasons = {13: "permission denied", 2: "no such file or folder", 21: "is a folder",
               40: "too many levels of symbolic links"}
    return reasons.get(exc.errno or 0, exc.strerror or str(exc)).lower()
