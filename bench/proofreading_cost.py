"""What the proofreading rules (FL601-FL604) cost, against spaCy's parse, in one fresh process.

    python bench/proofreading_cost.py PATHS.json

Reads the drafts listed in PATHS.json (distinct drafts, so Harper's caches
start cold as they do for new drafts), then measures in this order: importing
spaCy and loading the model with the default rules' pipeline, parsing every
draft (``nlp.pipe``, as the linter does), constructing the proofreader
(harper-py's linter, once per process), and running the four proofreading
rules over every parsed draft. Prints wall and CPU seconds of each as JSON;
``bench/run.py`` turns them into the proofreading rows.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> dict[str, float]:
    wall, cpu = _clock()
    return {"wall": wall - start[0], "cpu": cpu - start[1]}


def main(paths_file: str) -> None:
    """Measure and print the four phases."""
    from followup_lint.checking.engine import BATCH_SIZE
    from followup_lint.checking.registry import build_registry
    from followup_lint.checking.rule import RuleContext
    from followup_lint.reading.reader import read_draft

    paths = [Path(p) for p in json.loads(Path(paths_file).read_text(encoding="utf-8"))]
    drafts = [read_draft(str(p), p.read_bytes()) for p in paths]
    registry = build_registry()
    rules = registry.sorted_rules()
    proofreading = [r for r in rules if r.group == "proofreading"]
    from followup_lint.checking.nlp import load_model, needs_of, pipeline_for

    start = _clock()
    nlp = load_model(None, pipeline_for(needs_of(r) for r in rules))
    load = _since(start)
    start = _clock()
    docs = list(nlp.pipe([d.prose for d in drafts], batch_size=BATCH_SIZE))
    parse = _since(start)
    context = RuleContext(nlp=nlp, lexicons=registry.lexicons, is_rule=registry.is_rule)
    start = _clock()
    for rule in proofreading:
        rule.prepare(context)  # the first builds the shared Harper linter
    construct = _since(start)
    options = {rule.code: rule.Options() for rule in proofreading}
    findings = 0
    start = _clock()
    for draft, doc in zip(drafts, docs, strict=True):
        draft.doc = doc
        for rule in proofreading:
            findings += len(list(rule.check(draft, options[rule.code], context)))
        draft.doc = None
    check = _since(start)
    print(json.dumps({"drafts": len(drafts), "rules": [r.code for r in proofreading],
                      "findings": findings, "load": load, "parse": parse,
                      "construct": construct, "check": check}))


if __name__ == "__main__":
    main(sys.argv[1])
