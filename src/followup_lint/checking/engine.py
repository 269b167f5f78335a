"""Run the enabled rules over parsed drafts and turn their hits into findings.

Drafts stream through one ``nlp.pipe`` call, so the model is loaded once and
memory stays flat however many drafts a run has. The engine, not the rules,
stamps each finding with its code, name and severity.

Cross-draft rules (``CorpusRule``) can only speak once every draft is read.
When one is enabled, the engine holds back each draft's *result* (its
findings and its text, never its parse) and keeps a small ``Summary`` of it;
after the last draft it runs the corpus rules, passes their findings through
the same per-draft filter (suppressions, per-file ignores), merges them into
the held results and yields them in input order, so the output stays sorted
by path, line and column. A metadata pre-pass would stream sooner but would
read every file twice and cannot re-read standard input. Holding costs a few
kilobytes per draft. Without corpus rules, results stream as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from followup_lint.checking.cross_draft import CorpusHit, CorpusRule, Summary, summarize
from followup_lint.checking.nlp import load_model
from followup_lint.checking.rule import Rule, RuleContext
from followup_lint.core.errors import InputError, LintError
from followup_lint.core.findings import Finding, Hit, Severity
from followup_lint.draft.parsed import Draft

BATCH_SIZE = 32
_CACHED = tuple(n for n, v in vars(Draft).items() if isinstance(v, cached_property))


@dataclass
class Result:
    """The outcome for one input: its findings, or the error that stopped it."""

    source: str
    findings: list[Finding] = field(default_factory=list)
    error: LintError | None = None
    draft: Draft | None = None


#: A per-draft filter over a draft's findings (suppressions, per-file ignores).
FindingFilter = Callable[[Draft, list[Finding]], list[Finding]]


class Linter:
    """The rules of one run, their options and severities, and the model they share."""

    def __init__(
        self,
        rules: Iterable[Rule],
        *,
        lexicons: Mapping[str, tuple[Any, ...]] | None = None,
        options: Mapping[str, Any] | None = None,
        severities: Mapping[str, Severity] | None = None,
        model: str | None = None,
        keep: FindingFilter | None = None,
        is_rule: Callable[[str], bool] | None = None,
    ) -> None:
        self.rules = list(rules)
        self.corpus_rules = [r for r in self.rules if isinstance(r, CorpusRule)]
        self.lexicons = dict(lexicons or {})
        self.options = {r.code: (options or {}).get(r.code) or r.Options() for r in self.rules}
        self.severities = dict(severities or {})
        self.model = model
        self.keep = keep
        self.is_rule = is_rule
        self._context: RuleContext | None = None

    @property
    def context(self) -> RuleContext:
        """Return the shared rule context, loading the model and preparing rules once."""
        if self._context is None:
            needs = frozenset().union(*(r.needs for r in self.rules)) if self.rules else frozenset()
            nlp = load_model(self.model, needs)
            context = RuleContext(nlp=nlp, lexicons=self.lexicons)
            if self.is_rule is not None:
                context.is_rule = self.is_rule
            for rule in self.rules:
                rule.prepare(context)
            self._context = context
        return self._context

    def lint(self, items: Iterable[Draft | InputError]) -> Iterator[Result]:
        """Parse and check each draft in order; errors pass through as results."""
        return lint_many(items, lambda draft: self, hold=bool(self.corpus_rules))

    def check(self, draft: Draft) -> list[Finding]:
        """Run every rule on one parsed draft; return its sorted, de-duplicated findings."""
        context = self.context
        seen: set[tuple[str, int, int]] = set()
        findings: list[Finding] = []
        for rule in self.rules:
            for hit in rule.check(draft, self.options[rule.code], context):
                key = (rule.code, hit.start, hit.end)
                if key not in seen:
                    seen.add(key)
                    findings.append(self.finding(draft, rule, hit))
        if self.keep is not None:
            findings = self.keep(draft, findings)
        return sorted(findings, key=lambda f: f.sort_key)

    def finding(self, draft: Draft, rule: Rule, hit: Hit) -> Finding:
        """Stamp a rule's identity and severity on a hit, with 1-based positions."""
        line, column = draft.position(hit.start)
        end_line, end_column = draft.end_position(max(hit.end, hit.start))
        return Finding(
            path=draft.source, line=line, column=column, end_line=end_line,
            end_column=end_column, code=rule.code, rule=rule.name,
            severity=self.severities.get(rule.code, hit.severity or rule.severity),
            message=hit.message, suggestion=hit.suggestion, replacement=hit.replacement,
        )

    def corpus_finding(self, rule: Rule, hit: CorpusHit) -> Finding:
        """Stamp a cross-draft rule's identity and severity on its hit."""
        at = hit.at
        return Finding(
            path=hit.source, line=at.line, column=at.column, end_line=at.end_line,
            end_column=at.end_column, code=rule.code, rule=rule.name,
            severity=self.severities.get(rule.code, rule.severity),
            message=hit.message, suggestion=hit.suggestion,
        )


def lint_many(items: Iterable[Draft | InputError], choose: Callable[[Draft], Linter],
              hold: bool = False) -> Iterator[Result]:
    """Lint every draft, each with the linter chosen for it (its configuration).

    Without cross-draft rules (``hold`` false) results stream as drafts are
    checked. With them, results are held until the last draft is read: each
    linter's corpus rules then run over the small summaries of all drafts,
    their findings go through the same per-draft filter (suppressions,
    per-file ignores) and are merged in, and results come out in input order.
    """
    return gather(check_each(items, choose), choose, hold)


def gather(results: Iterable[Result], choose: Callable[[Draft], Linter],
           hold: bool = False) -> Iterator[Result]:
    """Pass checked results on; with ``hold``, add the cross-draft findings first.

    Split from ``lint_many`` so ``--jobs`` workers can check drafts while this
    process alone runs the cross-draft rules over every draft's summary.
    """
    if not hold:
        yield from results
        return
    held: list[Result] = []
    summaries: list[Summary] = []
    owners: dict[str, Linter] = {}
    for result in results:
        if result.draft is not None and result.error is None:
            linter = choose(result.draft)
            owners[result.source] = linter
            summaries.append(summarize(result.draft, linter.lexicons))
            for name in _CACHED:  # hold the text, not per-draft caches a formatter can rebuild
                result.draft.__dict__.pop(name, None)
        held.append(result)
    extra = _corpus_findings(summaries, owners)
    for result in held:
        more = extra.pop(result.source, [])
        if more and result.error is None and result.draft is not None:
            keep = owners[result.source].keep
            more = keep(result.draft, more) if keep is not None else more
            result.findings = sorted([*result.findings, *more], key=lambda f: f.sort_key)
        yield result


def _corpus_findings(summaries: list[Summary],
                     owners: Mapping[str, Linter]) -> dict[str, list[Finding]]:
    """Run each distinct linter's cross-draft rules; keep hits on drafts that linter owns."""
    found: dict[str, list[Finding]] = {}
    for linter in {id(v): v for v in owners.values()}.values():
        for rule in linter.corpus_rules:
            for hit in rule.check_corpus(summaries, linter.options[rule.code], linter.context):
                if owners.get(hit.source) is linter:
                    found.setdefault(hit.source, []).append(linter.corpus_finding(rule, hit))
    return found


def check_each(items: Iterable[Draft | InputError],
               choose: Callable[[Draft], Linter]) -> Iterator[Result]:
    """Parse every draft in one ``nlp.pipe`` stream and check it with its linter.

    All linters of a run share one loaded model (``load_model`` is cached), so
    drafts under different configurations still stream through one pipe.
    Input errors pass through in order, as results.
    """
    items = iter(items)
    first = next(items, None)
    if first is None:
        return
    pending: list[Draft | InputError] = [first]
    nlp = None
    if isinstance(first, Draft):
        nlp = choose(first).context.nlp
    else:  # find the model through the first draft, keeping errors in order
        for item in items:
            pending.append(item)
            if isinstance(item, Draft):
                nlp = choose(item).context.nlp
                break
    if nlp is None:
        yield from (Result(e.source, error=e) for e in pending if isinstance(e, InputError))
        return
    stream = ((i.prose if isinstance(i, Draft) else "", i) for i in _chain(pending, items))
    for doc, item in nlp.pipe(stream, as_tuples=True, batch_size=BATCH_SIZE):
        if not isinstance(item, Draft):
            yield Result(item.source, error=item)
            continue
        item.doc = doc
        try:
            findings = choose(item).check(item)
        except LintError as exc:
            yield Result(item.source, error=exc, draft=item)
        else:
            yield Result(item.source, findings, draft=item)
        finally:
            item.doc = None  # drafts stream: let the Doc go as soon as it is checked
            item.__dict__.pop("sentences", None)


def _chain(first: list[Draft | InputError],
           rest: Iterator[Draft | InputError]) -> Iterator[Draft | InputError]:
    yield from first
    yield from rest
