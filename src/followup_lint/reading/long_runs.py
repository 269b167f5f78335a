"""Blank the "words" no email has: runs of more than ``MAX_RUN`` characters without a space.

spaCy's tokenizer peels prefix and suffix punctuation off a whitespace-free
run one character at a time, each time searching the rest again, so its cost
grows with the square of the run: 8,000 characters of ``[[[...]]]`` take 11 s,
64 KB take minutes. Nothing a rule reads lives in such a run (it is a bracket
bomb, base64, or a tracking link), so the prose hands spaCy spaces instead,
and the cost stays linear in the size of the draft. Offsets are unchanged:
the original text is untouched and each character becomes one space.
"""

from __future__ import annotations

import re

#: The longest whitespace-free run the prose keeps (a 200-character word is not prose).
MAX_RUN = 200
#: Anchored at the start of a run, so each run is scanned once (linear time).
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_RUN + 1},}}")


def blank_long_runs(prose: str) -> str:
    """Return ``prose`` with every whitespace-free run over ``MAX_RUN`` characters as spaces."""
    if len(prose) <= MAX_RUN:
        return prose
    return _LONG_RUN.sub(lambda m: " " * len(m.group()), prose)
