"""FL302 missing-detail: nothing in the draft ties it to this conversation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup_lint.checking.cues import CueMatcher, parse_cue
from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.english_words import is_english_word
from followup_lint.core.findings import Hit, Severity

if TYPE_CHECKING:
    from spacy.tokens import Span

    from followup_lint.draft.parsed import Draft

#: Entity types that name something concrete from a conversation.
DETAIL_ENTITIES = {"ORG", "PRODUCT", "PERSON", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART",
                   "LAW", "LANGUAGE", "NORP", "MONEY", "PERCENT", "QUANTITY"}
CONTENT_POS = {"NOUN", "PROPN"}
NAME_KEYS = ("company", "role", "interviewer", "to", "position", "title")
TITLE_NOUNS = {"role", "position", "job", "opening", "post", "vacancy", "team", "department",
               "program", "programme", "internship", "fellowship", "residency", "opportunity"}
JOB_NOUNS = TITLE_NOUNS - {"team", "department", "program", "programme"}
COMPANY_MARKERS = {"at", "with", "join", "joining", "to", "for"}
_CAPITALISED = r"([A-Z][\w&.'’-]*(?:\s+(?:&\s+)?[A-Z][\w&.'’-]*)*)"
SUBJECT_TITLE_RE = re.compile(_CAPITALISED + r"\s+(?i:role|position|job|opening|interview)\b")
SUBJECT_COMPANY_RE = re.compile(r"\b(?i:at|with|join|joining)\s+" + _CAPITALISED)
BACKGROUND_NOUNS = {"experience", "background", "skill", "career", "expertise", "knowledge",
                    "training", "education", "degree", "history", "record"}


class MissingDetail(Rule):
    """Nothing specific to this interview: no project, product, person or topic from it.

    A follow-up that could be sent unchanged after any interview is easy to
    forget. One concrete detail (the Kafka consumer-lag issue, the new
    curbside counter, Dana's question about onboarding) shows you listened.
    The company name, the job title and stock phrases ("the position", "the
    team", "our conversation") do not count; front matter ``company`` and
    ``role`` tell the rule which names are which.
    """

    code = "FL302"
    name = "missing-detail"
    group = "content"
    severity = Severity.WARNING
    needs = frozenset({"ner", "parser", "lemmatizer"})  # ents, noun chunks and heads, POS
    examples = Examples(
        flags=("Thank you for the interview. I enjoyed learning more about the position and the "
               "company, and I look forward to hearing from you.",),
        passes=("Thank you for the interview. I enjoyed hearing how the team cut the Kafka "
                "consumer lag during the spring launch.",),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of missing-detail."""

        #: How many details a draft needs (a plain compound noun counts as half).
        min_details: float = 1.0

    def prepare(self, context: RuleContext) -> None:
        """Load the generic-noun list and the 'you mentioned' cues."""
        self._generic = {str(w).lower() for w in context.lexicon("generic-nouns")}
        self._acronyms = {str(w) for w in context.lexicon("acronyms")}
        where = "lexicon detail-cues"
        cues = tuple(parse_cue(raw, i, where) for i, raw in
                     enumerate(context.lexicon("detail-cues")))
        self._recalled = CueMatcher(cues, where)
        self._recalled.prepare(context)

    def check(self, draft: Draft, options: Any, context: RuleContext) -> Iterator[Hit]:
        """Report once, at the first body line, when the draft has too few details."""
        if draft.doc is None or draft.word_count == 0:
            return
        names = self._known_names(draft)
        recalled = self._recalled.find(draft, context)
        score = 0.0
        for span in self.details(draft, names):
            score += self.weight(span, recalled)
            if score >= options.min_details:
                return
        start = draft.body_start
        end = draft.text.find("\n", start)
        yield Hit(start, len(draft.text) if end < 0 else end,
                  "Nothing here is specific to your interview; mention one thing you discussed.",
                  "Add a sentence about a project, person or topic from the conversation, e.g. "
                  "\"I enjoyed hearing how your team is rebuilding the onboarding flow.\"")

    def details(self, draft: Draft, names: set[str]) -> list[Span]:
        """Return the entities and noun chunks that tie the draft to this conversation."""
        doc = draft.doc
        assert doc is not None
        skip = _stock_tokens(doc, names, self._generic, self._acronyms)
        found: dict[tuple[int, int], Span] = {}
        for ent in doc.ents:
            if (ent.label_ in DETAIL_ENTITIES and ent[-1].lower_ not in JOB_NOUNS
                    and any(t.i not in skip for t in ent if t.is_alpha or t.like_num)):
                found[(ent.start, ent.end)] = ent
        for chunk in doc.noun_chunks:
            if self._specific_chunk(chunk, skip):
                found[(chunk.start, chunk.end)] = chunk
        for run in _compound_runs(doc, skip):  # what the chunker misses: "robotics club"
            if not any(s < run.end and run.start < e for s, e in found):
                found[(run.start, run.end)] = run
        return [found[k] for k in sorted(found)]

    @staticmethod
    def weight(span: Span, recalled: list[Any]) -> float:
        """Return how much a detail counts: names and numbers fully, plain compounds half.

        "the Kafka consumer lag issue" or "Priya" or "40 percent" tie a draft to
        one conversation; a plain compound ("customer service") does only when
        it is the reader's ("your onboarding flow") or the sentence points back
        at the talk ("you mentioned", "hearing about").
        """
        if (span.label_ and span.label_ != "NP") or any(
                t.pos_ in ("PROPN", "NUM") or t.lower_ == "your" for t in span):
            return 1.0
        if not recalled:
            return 0.5
        sentence = span.sent
        if any(sentence.start_char <= m.start < sentence.end_char for m in recalled):
            return 1.0
        return 0.5

    def _specific_chunk(self, chunk: Span, skip: set[int]) -> bool:
        if chunk.root.lemma_.lower() in JOB_NOUNS:
            return False  # "the nursing assistant job" describes the job, not the talk
        content = [t for t in chunk if t.pos_ in CONTENT_POS and t.i not in skip]
        if not content:
            return False
        has_number = any(t.like_num and t.pos_ == "NUM" and t.i not in skip for t in chunk)
        return len(content) >= 2 or has_number or any(t.pos_ == "PROPN" for t in content)

    @staticmethod
    def _known_names(draft: Draft) -> set[str]:
        """Return the lower-case words of names the draft is expected to contain."""
        parts: list[str] = []
        for key in NAME_KEYS:
            value = draft.meta.get(key)
            if isinstance(value, str):
                parts.append(value.replace("@", " ").replace(".", " "))
        for start, end in draft.spans("greeting"):
            parts.append(draft.text[start:end])
        for start, end in draft.spans("subject"):  # "Data Analyst role at Acme"
            subject = draft.text[start:end]
            parts += [m.group(1) for m in SUBJECT_TITLE_RE.finditer(subject)]
            parts += [m.group(1) for m in SUBJECT_COMPANY_RE.finditer(subject)]
        words = {w.lower() for p in parts for w in re.findall(r"[\w'’-]+", p)}
        return words - {"the", "a", "an", "for", "of", "and", "to", "at", "in", "on", "with",
                        "example", "com", "org", "net"}


def _stock_tokens(doc: Any, names: set[str], generic: set[str],
                  acronyms: set[str]) -> set[int]:
    """Return the indices of tokens that never make a detail.

    Stock nouns, known names, dates, words inside template brackets, the job
    title (a capitalised run before "role" or "position"), the company (a
    capitalised run after "at", "with" or "join"), and the writer's own
    background ("my experience in client service").
    """
    skip: set[int] = set()
    depth = 0
    for t in doc:
        depth += t.text.count("[") + t.text.count("{") + t.text.count("<")
        # "Meeting you was GREAT": capitals of emphasis on an ordinary word ("CBCT" is not one).
        emphatic = (t.is_upper and len(t) > 2 and t.text not in acronyms
                    and is_english_word(t.text))
        if (depth > 0 or emphatic or t.lower_ in generic or t.lower_ in names or t.is_stop
                or t.ent_type_ in ("DATE", "TIME", "ORDINAL")
                or not (t.text.strip("'’").isalpha() or t.like_num)):
            skip.add(t.i)
        depth = max(0, depth - t.text.count("]") - t.text.count("}") - t.text.count(">"))
        if t.lower_ in TITLE_NOUNS:
            skip.update(_capitalised_run(doc, t.i - 1, -1))
        if t.lower_ in COMPANY_MARKERS:
            skip.update(_capitalised_run(doc, t.i + 1, 1))
        if t.lemma_ in BACKGROUND_NOUNS and any(c.lower_ == "my" for c in t.children):
            skip.update(c.i for c in t.subtree)
    return skip


def _compound_runs(doc: Any, skip: set[int]) -> Iterator[Span]:
    """Yield runs of two or more nouns in a row that are not stock words ("refund policy")."""
    run: list[int] = []
    for t in [*doc, None]:
        if t is not None and t.pos_ in CONTENT_POS and t.i not in skip:
            run.append(t.i)
            continue
        if len(run) >= 2:
            yield doc[run[0] : run[-1] + 1]
        run = []


def _capitalised_run(doc: Any, start: int, step: int) -> list[int]:
    """Return the indices of capitalised words next to ``start`` (spaces left by markup skipped)."""
    run: list[int] = []
    i = start
    while 0 <= i < len(doc) and (doc[i].is_title or doc[i].is_upper or doc[i].text in "&-"
                                 or doc[i].is_space):
        run.append(i)
        i += step
    return run
