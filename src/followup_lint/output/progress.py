"""A progress bar on stderr for long runs, shown only to a person watching a terminal.

It appears only once a run has taken ``delay`` seconds (short runs never
flicker), only when stderr is a terminal, never under CI and never with a
machine format. The bar is one line redrawn in place; it is wiped before
any output is written, so it never mixes with findings on a shared terminal.
It counts drafts as the engine takes them in (``track``), not results: with
cross-draft rules on, results only come out at the end of the run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TextIO, TypeVar

T = TypeVar("T")

DELAY_SECONDS = 2.0
BAR_CELLS = 30


def wants_progress(*, stderr_is_tty: bool, machine_format: bool, total: int,
                   environ: Mapping[str, str] | None = None) -> bool:
    """Decide whether a run may show a progress bar at all."""
    env = os.environ if environ is None else environ
    in_ci = bool(env.get("CI")) and env.get("CI", "").lower() not in ("0", "false")
    return stderr_is_tty and not machine_format and not in_ci and total > 1


class Progress:
    """Counts finished drafts and redraws ``[#####-----] 12/40 drafts`` after a delay."""

    def __init__(self, stream: TextIO, total: int, *, enabled: bool,
                 delay: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.total = total
        self.enabled = enabled
        #: ``DELAY_SECONDS`` unless told, read when the bar starts (a test may shorten it).
        self.delay = DELAY_SECONDS if delay is None else delay
        self.clock = clock
        self.done = 0
        self._started = clock()
        self._drawn = False

    def track(self, items: Iterable[T]) -> Iterator[T]:
        """Yield the items, counting each one once the consumer moves past it."""
        for item in items:
            yield item
            self.advance()

    def advance(self) -> None:
        """Count one finished draft and redraw the bar if it is due."""
        self.done += 1
        if self.enabled and self.clock() - self._started >= self.delay:
            self.stream.write("\r" + self.line())
            self.stream.flush()
            self._drawn = True

    def line(self) -> str:
        """Return the bar as text (without the carriage return)."""
        filled = BAR_CELLS * self.done // max(self.total, 1)
        return f"[{'#' * filled}{'-' * (BAR_CELLS - filled)}] {self.done}/{self.total} drafts"

    def clear(self) -> None:
        """Wipe the bar, if drawn, so the next output starts on a clean line."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False
