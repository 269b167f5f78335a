"""Read only regular files: a FIFO blocks forever and ``/dev/zero`` never ends.

Drafts, rule packs and configuration files are all checked by type before
they are opened, so a named pipe, a device or a socket given by mistake (or by
a hostile configuration) is one clear line instead of a hang.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def kind_problem(mode: int) -> str | None:
    """Return why a file of this ``st_mode`` is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kinds = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
             (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")]
    kind = next((name for test, name in kinds if test(mode)), "not a regular file")
    return f"is {kind}, not a regular file; only regular files are read"


def read_regular_file(path: Path, limit: int, what: str) -> bytes:
    """Return the bytes of a regular file of at most ``limit`` bytes.

    Raises ``ValueError`` (the reason, without the path) for another kind of
    file or one too large, and ``OSError`` when it cannot be read.
    """
    problem = kind_problem(os.stat(path).st_mode)
    if problem:
        raise ValueError(problem)
    # O_NONBLOCK: should the path be swapped for a FIFO after the check, opening
    # it still returns at once, and fstat below refuses it.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        problem = kind_problem(os.fstat(fd).st_mode)
        if problem:
            raise ValueError(problem)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"is larger than {limit:,} bytes, too large for a {what} file")
    return data
