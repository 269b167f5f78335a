"""The baseline: spaCy alone, parsing the same prose the linter parses.

    python bench/bare_spacy.py MODEL EXCLUDE PROSE.json [N_PROCESS]

Imports spaCy, loads MODEL without the components in EXCLUDE (comma-separated,
the ones followup-lint leaves out for the enabled rules) and runs ``nlp.pipe``
with spaCy's own defaults over the texts in PROSE.json, in N_PROCESS processes
(default 1; the reference for followup-lint's ``--jobs``).
"""

from __future__ import annotations

import json
import sys


def main(model: str, exclude: str, prose: str, n_process: str = "1") -> None:
    """Parse every text; touch each Doc so nothing is skipped lazily."""
    import spacy

    nlp = spacy.load(model, exclude=[c for c in exclude.split(",") if c])
    with open(prose, encoding="utf-8") as handle:
        texts = json.load(handle)
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=int(n_process)))
    print(tokens)


if __name__ == "__main__":
    main(*sys.argv[1:5])
