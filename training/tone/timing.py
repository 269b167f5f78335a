"""Measure what the tone model adds per draft, against the spaCy parse it rides on.

Usage: python training/tone/timing.py [DRAFTS_FOLDER]   (default: the shared corpus)
Prints milliseconds per draft for the parse and for the tone judgement, as wall
time and as this process's CPU time (the CPU figure holds on a busy machine).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from followup_lint.checking.nlp import load_model, pipeline_for
from followup_lint.checking.registry import build_registry
from followup_lint.checking.rule import RuleContext
from followup_lint.reading.reader import read_draft
from followup_lint.tone import TONE_PIPELINE
from followup_lint.tone.judge import ToneJudge, word_classes
from followup_lint.tone.model import load_model as load_tone


def main() -> int:
    """Parse the drafts, judge their tone, print the cost of each per draft."""
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus/drafts")
    drafts = [read_draft(str(p), p.read_bytes()) for p in sorted(folder.iterdir())]
    nlp = load_model(None, pipeline_for([TONE_PIPELINE]))
    registry = build_registry()
    context = RuleContext(nlp=nlp, lexicons=registry.lexicons)
    began = time.perf_counter()
    judge = ToneJudge(load_tone(), word_classes(context.lexicons))
    load = time.perf_counter() - began
    began, cpu = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(d.prose for d in drafts))
    parse, parse_cpu = time.perf_counter() - began, time.process_time() - cpu
    began, cpu = time.perf_counter(), time.process_time()
    for draft, doc in zip(drafts, docs, strict=False):
        draft.doc = doc
        judge.calls(draft)
    tone, tone_cpu = time.perf_counter() - began, time.process_time() - cpu
    n = len(drafts)
    print(f"{n} drafts: parse {1000 * parse / n:.2f} ms/draft (CPU {1000 * parse_cpu / n:.2f}), "
          f"tone model {1000 * tone / n:.2f} ms/draft (CPU {1000 * tone_cpu / n:.2f}; "
          f"{100 * tone_cpu / parse_cpu:.1f}% of the parse's CPU), "
          f"model load {1000 * load:.0f} ms once per run")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
