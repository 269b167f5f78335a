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

import copy
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain
from typing import TYPE_CHECKING, Any

from followup_lint.checking.cross_draft import CorpusHit, CorpusRule, Summary, summarize
from followup_lint.checking.nlp import load_model, needs_of, pipeline_for
from followup_lint.checking.rule import Rule, RuleContext
from followup_lint.core.errors import InputError, LintError
from followup_lint.core.findings import Finding, Hit, Severity
from followup_lint.draft.parsed import Draft

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from followup_lint.checking.result_cache import CacheScope

BATCH_SIZE = 32
_CACHED = tuple(n for n, v in vars(Draft).items() if isinstance(v, cached_property))


@dataclass
class Result:
    """The outcome for one input: its findings, or the error that stopped it."""

    source: str
    findings: list[Finding] = field(default_factory=list)
    error: LintError | None = None
    draft: Draft | None = None
    #: What the cross-draft rules need of the draft, when it was already worked out
    #: (kept in the result cache beside the findings).
    summary: Summary | None = None


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
        #: This linter's own rule instances: ``prepare`` builds state on them (matchers,
        #: lexicon sets), so linters built from one registry never share or overwrite it.
        self.rules = [copy.copy(rule) for rule in rules]
        self.corpus_rules = [r for r in self.rules if isinstance(r, CorpusRule)]
        self.lexicons = dict(lexicons or {})
        self.options = {r.code: (options or {}).get(r.code) or r.Options() for r in self.rules}
        self.severities = dict(severities or {})
        self.model = model
        self.keep = keep
        self.is_rule = is_rule
        #: Where this linter's per-draft findings are remembered (``--no-cache``: None).
        self.cache: CacheScope | None = None
        self._context: RuleContext | None = None
        self._ahead: list[Rule] = []
        self._corpus_context: RuleContext | None = None

    @property
    def context(self) -> RuleContext:
        """Return the shared rule context, loading the model and preparing rules once."""
        if self._context is None:
            for rule in self.rules:
                rule.warm_up(self.lexicons)
            nlp = load_model(self.model, self.components)
            context = RuleContext(nlp=nlp, lexicons=self.lexicons)
            if self.is_rule is not None:
                context.is_rule = self.is_rule
            for rule in self.rules:
                rule.prepare(context)
            self._context = context
            self._ahead = [rule for rule in self.rules
                           if type(rule).before_parse is not Rule.before_parse]
        return self._context

    def before_parse(self, draft: Draft) -> None:
        """Let the rules start work that needs no parse (``Rule.before_parse``)."""
        context = self.context
        for rule in self._ahead:
            rule.before_parse(draft, context)

    @property
    def components(self) -> frozenset[str]:
        """Return the spaCy components this linter's rules read (``nlp.pipeline_for``)."""
        return pipeline_for(needs_of(rule) for rule in self.rules)

    @property
    def corpus_context(self) -> RuleContext:
        """Return a context for the cross-draft rules, which read summaries, not parses.

        When every draft came from the cache the model was never loaded, and
        these rules do not need it: they get a context whose model loads only
        if one of them touches it, so a warm run never imports spaCy.
        """
        if self._context is not None:
            return self._context
        if self._corpus_context is None:
            context = RuleContext(nlp=_ModelOnDemand(self), lexicons=self.lexicons)  # type: ignore[arg-type]
            if self.is_rule is not None:
                context.is_rule = self.is_rule
            for rule in self.corpus_rules:
                rule.prepare(context)
            self._corpus_context = context
        return self._corpus_context

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
        end_line, end_column = draft.lines.position(_end_before_line_break(draft, hit))
        return Finding(
            path=draft.source, line=line, column=column, end_line=end_line,
            end_column=end_column, code=rule.code, rule=rule.name,
            severity=self.severities.get(rule.code, hit.severity or rule.severity),
            message=hit.message + draft.lines.note(hit.start), suggestion=hit.suggestion,
            replacement=hit.replacement, safe=hit.safe,
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
            owners[result.draft.key] = linter
            summaries.append(result.summary or summarize(result.draft, linter.lexicons))
            for name in _CACHED:  # hold the text, not per-draft caches a formatter can rebuild
                result.draft.__dict__.pop(name, None)
        held.append(result)
    extra = _corpus_findings(summaries, owners)
    for result in held:
        key = result.draft.key if result.draft is not None else result.source
        more = extra.pop(key, [])
        if more and result.error is None and result.draft is not None:
            # One message of an mbox: the finding names the file, not the message.
            more = [replace(f, path=result.draft.source) for f in more]
            keep = owners[key].keep
            more = keep(result.draft, more) if keep is not None else more
            result.findings = sorted([*result.findings, *more], key=lambda f: f.sort_key)
        yield result


def _corpus_findings(summaries: list[Summary],
                     owners: Mapping[str, Linter]) -> dict[str, list[Finding]]:
    """Run each distinct linter's cross-draft rules; keep hits on drafts that linter owns."""
    found: dict[str, list[Finding]] = {}
    for linter in {id(v): v for v in owners.values()}.values():
        for rule in linter.corpus_rules:
            for hit in rule.check_corpus(summaries, linter.options[rule.code],
                                         linter.corpus_context):
                if owners.get(hit.source) is linter:
                    found.setdefault(hit.source, []).append(linter.corpus_finding(rule, hit))
    return found


class _ModelOnDemand:
    """Stands in for the model in ``Linter.corpus_context``: loads it on first use."""

    def __init__(self, linter: Linter) -> None:
        self._linter = linter

    def __getattr__(self, name: str) -> Any:
        return getattr(self._linter.context.nlp, name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._linter.context.nlp(*args, **kwargs)


def check_each(items: Iterable[Draft | InputError],
               choose: Callable[[Draft], Linter]) -> Iterator[Result]:
    """Parse every draft in one ``nlp.pipe`` stream and check it with its linter.

    All linters of a run share one loaded model (``load_model`` is cached), so
    drafts under different configurations still stream through one pipe.
    A draft its linter's result cache knows is answered from there, never
    parsed; the model is loaded only when the first draft needs parsing, so a
    run answered wholly from the cache never imports spaCy. Results (and
    input errors) come out in input order.
    """
    return _check_entries(_Pending.of(item, choose) for item in items)


def _check_entries(entries: Iterable[_Pending]) -> Iterator[Result]:
    """``check_each`` over inputs already wrapped (and looked up in the cache)."""
    entries = iter(entries)
    ready: deque[_Pending] = deque()
    first = yield from _answered_until_a_miss(entries)
    if first is None:
        return
    assert first.linter is not None
    nlp = first.linter.context.nlp

    def to_parse() -> Iterator[tuple[str, _Pending]]:
        entry: _Pending | None = first
        while entry is not None:
            ready.append(entry)
            if entry.result is None and entry.draft is not None:
                too_long = _beyond_model_limit(nlp.max_length, entry.draft)
                if too_long is not None:
                    entry.result = Result(too_long.source, error=too_long)
                else:
                    entry.linter.before_parse(entry.draft)  # type: ignore[union-attr]
                    yield entry.draft.prose, entry
            entry = next(entries, None)

    for doc, entry in nlp.pipe(to_parse(), as_tuples=True, batch_size=BATCH_SIZE):
        while ready[0] is not entry:  # cached drafts and errors read before this one
            yield ready.popleft().result  # type: ignore[misc]
        ready.popleft()
        yield entry.check(doc)
    while ready:
        yield ready.popleft().result  # type: ignore[misc]


def _answered_until_a_miss(entries: Iterator[_Pending]) -> Generator[Result, None, _Pending | None]:
    """Yield the answers of cached drafts and input errors; return the first draft to check.

    Returns ``None`` when every item was answered, so the caller never loads
    the model (or starts workers) for a run the cache knows wholly.
    """
    for entry in entries:
        if entry.result is None:
            return entry
        yield entry.result
    return None


def _beyond_model_limit(limit: int, draft: Draft) -> InputError | None:
    """Refuse a draft longer than the model's ``max_length`` (spaCy's E088) in one line.

    Splitting would let sentence and paragraph rules see cut-off text, and no
    email is a million characters long: ``--max-bytes`` raised that far is a
    mistake to report, not to work around.
    """
    if len(draft.prose) > limit:
        return InputError(draft.source, f"is too long to check ({len(draft.prose):,} characters; "
                          f"the language model takes at most {limit:,}); split it into "
                          "smaller drafts")
    return None


def _end_before_line_break(draft: Draft, hit: Hit) -> int:
    """Return a hit's end in the draft's text, moved back off a line break (and its CR).

    Hits are offsets of the matching view, where a hard wrap is one space; the
    line breaks are the text's, so the end is mapped back first. It never lies
    before the start: an empty hit right after a joined wrap maps to its start.
    """
    start = draft.view.to_original(hit.start)
    end = max(draft.view.to_original_end(max(hit.end, hit.start)), start)
    while end > start and end <= len(draft.text) and draft.text[end - 1] in "\r\n":
        end -= 1
    return end


def cached_first(items: Iterable[Draft | InputError], choose: Callable[[Draft], Linter],
                 check: Callable[[Iterator[Draft]], Iterable[Result]]) -> Iterator[Result]:
    """Answer cached drafts and input errors here; hand the rest to ``check``, in order.

    For ``--jobs``: the worker pool (and so the model) starts only when the
    first draft the cache does not know turns up, so a warm run never loads
    spaCy. ``check`` must return one result per draft it is given, in order;
    it may read its drafts from another thread (``Pool.imap`` does).
    """
    return _cached_first_entries((_Pending.of(item, choose) for item in items), check)


def _cached_first_entries(entries: Iterable[_Pending],
                          check: Callable[[Iterator[Draft]], Iterable[Result]],
                          ) -> Iterator[Result]:
    entries = iter(entries)
    first = yield from _answered_until_a_miss(entries)
    if first is None:
        return
    ready: deque[_Pending] = deque()

    def misses() -> Iterator[Draft]:
        entry: _Pending | None = first
        while entry is not None:
            ready.append(entry)
            if entry.result is None and entry.draft is not None:
                yield entry.draft
            entry = next(entries, None)

    for result in check(misses()):
        while ready[0].result is not None:  # answered before this draft was checked
            yield ready.popleft().result  # type: ignore[misc]
        ready.popleft()
        yield result
    while ready:
        yield ready.popleft().result  # type: ignore[misc]


def one_or_many(items: Iterable[Draft | InputError], choose: Callable[[Draft], Linter],
                many: Callable[[Iterator[Draft]], Iterable[Result]],
                threshold: int) -> Iterator[Result]:
    """Check the drafts in this process, or with ``many`` when ``threshold`` of them need it.

    The default ``--jobs auto``: starting workers costs more than it saves on
    a few drafts, so the inputs are read ahead, each looked up in the cache,
    until ``threshold`` drafts need checking (then ``many``: the worker pool)
    or the inputs end (then this process). Answers before the first draft to
    check are yielded at once; the rest wait in order, as in ``check_each``.
    """
    entries = (_Pending.of(item, choose) for item in items)
    head: list[_Pending] = []
    misses = 0
    for entry in entries:
        if not head and entry.result is not None:
            yield entry.result  # nothing to check before it: answer now
            continue
        head.append(entry)
        misses += entry.result is None
        if misses >= threshold:
            yield from _cached_first_entries(chain(head, entries), many)
            return
    yield from _check_entries(head)


@dataclass
class _Pending:
    """An input on its way through ``check_each``; ``result`` is set once it is known.

    An input error, or a draft its linter's cache knows, is ready at once; any
    other draft waits for its parse.
    """

    draft: Draft | None = None
    linter: Linter | None = None
    result: Result | None = None

    @classmethod
    def of(cls, item: Draft | InputError, choose: Callable[[Draft], Linter]) -> _Pending:
        """Wrap an input, answering it from the cache when the cache knows it."""
        if isinstance(item, InputError):
            return cls(result=Result(item.source, error=item))
        linter = choose(item)
        cached = linter.cache.load(item) if linter.cache is not None else None
        if cached is not None:
            findings, summary = cached
            return cls(item, linter, Result(item.source, findings, draft=item, summary=summary))
        return cls(item, linter)

    def check(self, doc: Doc) -> Result:
        """Check the parsed draft, remember its findings, and let the parse go."""
        item, linter = self.draft, self.linter
        assert item is not None and linter is not None, "only drafts are parsed"
        item.doc = doc
        try:
            findings = linter.check(item)
        except LintError as exc:
            return Result(item.source, error=exc, draft=item)
        finally:
            item.doc = None  # drafts stream: let the Doc go as soon as it is checked
            item.__dict__.pop("sentences", None)
        summary = None
        if linter.cache is not None:
            summary = summarize(item, linter.lexicons) if linter.corpus_rules else None
            linter.cache.store(item, findings, summary)
        return Result(item.source, findings, draft=item, summary=summary)
