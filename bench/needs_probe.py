"""Check that each rule's declared ``needs`` loads enough of spaCy: the full pipeline's findings.

    python bench/needs_probe.py [--senter] [FOLDER...]

Lints every draft of the corpora (default: ../shared/corpus/drafts when present,
tests/corpus*, examples, tests/drafts) once with the full pipeline and once
per distinct reduced pipeline, each rule with the pipeline its own ``needs``
asks for (``nlp.pipeline_for``), and prints per rule how many findings were
lost or gained. ``--senter`` draws sentences with spaCy's ``senter`` instead
of the parser, to measure whether the cheaper component would do. Every
line should read "same"; the run takes a minute or two on one core.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FULL = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser", "ner"})


def main() -> int:
    """Run the probe and print one line per rule."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--senter", action="store_true",
                        help="draw sentences with senter, not the parser")
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args()
    from followup_lint.checking import nlp as nlp_module
    from followup_lint.checking.cross_draft import CorpusRule
    from followup_lint.checking.registry import build_registry

    if args.senter:
        nlp_module.SENTENCES_FROM = "senter"
    registry = build_registry()
    rules = [r for r in registry.sorted_rules() if not isinstance(r, CorpusRule)]
    drafts = _drafts(args.folders or _default_folders())
    print(f"{len(drafts)} drafts; {len(rules)} per-draft rules", file=sys.stderr)
    base = _findings(rules, FULL, drafts, registry)
    by_pipeline: dict[frozenset[str], list] = collections.defaultdict(list)
    for rule in rules:
        by_pipeline[nlp_module.pipeline_for([nlp_module.needs_of(rule)])].append(rule)
    same = True
    for pipeline, group in sorted(by_pipeline.items(), key=lambda kv: sorted(kv[0])):
        found = _findings(group, pipeline, drafts, registry)
        for rule in group:
            lost = base[rule.code] - found[rule.code]
            new = found[rule.code] - base[rule.code]
            same = same and not lost and not new
            verdict = "same" if not lost and not new else f"{len(lost)} lost, {len(new)} new"
            print(f"{rule.code} {rule.name:<20} {'+'.join(sorted(pipeline)) or 'tokenizer':<50} "
                  f"{len(base[rule.code]):>4} findings: {verdict}")
    return 0 if same else 1


def _default_folders() -> list[Path]:
    shared = ROOT.parent / "shared" / "corpus" / "drafts"
    folders = [shared] if shared.is_dir() else []
    folders += [*sorted(ROOT.glob("tests/corpus*/drafts")), ROOT / "examples",
                ROOT / "tests" / "drafts"]
    return [f for f in folders if f.is_dir()]


def _drafts(folders: list[Path]) -> list:
    from followup_lint.core.errors import InputError
    from followup_lint.reading.reader import read_draft

    drafts = []
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".md", ".eml") and path.is_file():
                with contextlib.suppress(InputError):
                    drafts.append(read_draft(str(path), path.read_bytes()))
    return drafts


def _findings(rules: list, pipeline: frozenset[str], drafts: list,
              registry: object) -> dict[str, set[tuple]]:
    """Return each rule's findings over the drafts, with exactly ``pipeline`` loaded."""
    from followup_lint.checking.engine import Linter
    from followup_lint.checking.nlp import load_model
    from followup_lint.checking.rule import RuleContext

    linter = Linter(rules, lexicons=registry.lexicons, is_rule=registry.is_rule)  # type: ignore[attr-defined]
    nlp = load_model(None, pipeline)
    context = RuleContext(nlp=nlp, lexicons=linter.lexicons, is_rule=registry.is_rule)  # type: ignore[attr-defined]
    for rule in rules:
        rule.prepare(context)
    found: dict[str, set[tuple]] = collections.defaultdict(set)
    for draft, doc in zip(drafts, nlp.pipe([d.prose for d in drafts], batch_size=32),
                          strict=True):
        draft.doc = doc
        for rule in rules:
            for hit in rule.check(draft, linter.options[rule.code], context):
                f = linter.finding(draft, rule, hit)
                found[rule.code].add((f.path, f.line, f.column, f.end_line, f.end_column,
                                      f.message))
        draft.doc = None
        draft.__dict__.pop("sentences", None)
    return found


if __name__ == "__main__":
    sys.exit(main())
