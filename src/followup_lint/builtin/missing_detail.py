"""FL302 missing-detail: nothing in the draft ties it to this conversation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from followup_lint.checking.cues import lexicon_matcher
from followup_lint.checking.rule import Examples, Rule, RuleContext
from followup_lint.core.english_words import is_english_word
from followup_lint.core.findings import Hit, Severity
from followup_lint.core.text import line_span

if TYPE_CHECKING:
    from spacy.tokens import Span

    from followup_lint.draft.parsed import Draft

#: Entity types that name something concrete from a conversation.
DETAIL_ENTITIES = {"ORG", "PRODUCT", "PERSON", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART",
                   "LAW", "LANGUAGE", "NORP", "MONEY", "PERCENT", "QUANTITY"}
CONTENT_POS = {"NOUN", "PROPN"}
#: Front matter and header keys whose values name the reader, the writer, the job or the employer.
NAME_KEYS = ("company", "role", "interviewer", "to", "position", "title", "from")
#: Bounded (a word of 60 characters, 8 words) and started at a word's start only, so a
#: subject of 200 KB of capitals is scanned in linear time, not quadratic.
_CAPITALISED = r"(?<![\w&.'’-])([A-Z][\w&.'’-]{0,60}(?:\s+(?:&\s+)?[A-Z][\w&.'’-]{0,60}){0,7})"
SUBJECT_TITLE_RE = re.compile(_CAPITALISED + r"\s+(?i:role|position|job|opening|interview)\b")
SUBJECT_COMPANY_RE = re.compile(r"\b(?i:at|with|join|joining)\s+" + _CAPITALISED)
#: A last body line that is only a name ("Cody", "Bradley Hunt"): the writer signing off.
#: Lines after it that hold no words (a phone number, an address) may follow.
SIGNING_NAME_RE = re.compile(r"(?:^|\n)[ \t]*([A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})[ \t,]*"
                             r"(?:\n[ \t]*[^A-Za-z\n]*|\n[ \t]*\S+@\S+[ \t]*)*\s*$")


@dataclass(frozen=True)
class Vocabulary:
    """The word lists missing-detail reads, from the lexicons in ``rules/``."""

    generic: frozenset[str]
    acronyms: frozenset[str]
    title_nouns: frozenset[str]
    job_nouns: frozenset[str]
    background: frozenset[str]
    markers: frozenset[str]
    suffixes: frozenset[str]
    definite: frozenset[str]
    stock_title: frozenset[str]
    #: company-cues phrases ending in "with" or "to", as word tuples: ("role", "with").
    employer_phrases: tuple[tuple[str, ...], ...] = field(default=())


class MissingDetail(Rule):
    """Nothing specific to this interview: no project, product, person or topic from it.

    A follow-up that could be sent unchanged after any interview is easy to
    forget. One concrete detail shows you listened: a named thing (the Kafka
    consumer-lag issue, Dana's question about onboarding, scanners with
    Manhattan WMS) or a particular thing in plain lower case ("the plant
    tour", "the churn dashboard rebuild", "the cycle-count process on the
    mezzanine"). The company name, the job title, your own name and
    background, generic praise ("your innovative approaches") and stock
    phrases ("the position", "the team", "our conversation", "Hope to Hear")
    do not count; front matter ``company`` and ``role`` tell the rule which
    names are which.
    """

    code = "FL302"
    name = "missing-detail"
    group = "content"
    severity = Severity.WARNING
    needs = frozenset({"ner", "parser", "lemmatizer"})  # ents, noun chunks and heads, POS
    examples = Examples(
        flags=("Thank you for the interview. I enjoyed learning more about the position and the "
               "company, and I look forward to hearing from you.",
               "Thank you for the interview. I was impressed by your innovative approaches and "
               "your commitment to compassionate care.",),
        passes=("Thank you for the interview. I enjoyed hearing how the team cut the Kafka "
                "consumer lag during the spring launch.",
                "Thank you for the interview. I keep thinking about the plant tour.",
                "Thank you for the call, and for introducing me to Priya."),
    )

    @dataclass(frozen=True)
    class Options:
        """Options of missing-detail."""

        #: How many details a draft needs (a plain compound noun counts as half).
        min_details: float = 1.0

    def prepare(self, context: RuleContext) -> None:
        """Load the word lists and the 'you mentioned' cues from the lexicons."""
        def words(name: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in context.lexicon(name))

        employer = tuple(tuple(str(c).lower().split()) for c in context.lexicon("company-cues"))
        self.vocabulary = Vocabulary(
            generic=words("generic-nouns"),
            acronyms=frozenset(str(w) for w in context.lexicon("acronyms")),
            title_nouns=words("title-nouns"), job_nouns=words("job-nouns"),
            background=words("background-nouns"), markers=words("company-markers"),
            suffixes=words("company-suffixes"), definite=words("definite-determiners"),
            stock_title=words("stock-subject-words"),
            employer_phrases=tuple(p for p in employer if p and p[-1] in ("with", "to")),
        )
        self._recalled = lexicon_matcher(context, "detail-cues")

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
        start, end = line_span(draft.text, draft.body_start)
        yield Hit(start, end,
                  "Nothing here is specific to your interview; mention one thing you discussed.",
                  "Add a sentence about a project, person or topic from the conversation, e.g. "
                  "\"I enjoyed hearing how your team is rebuilding the onboarding flow.\"")

    def details(self, draft: Draft, names: set[str]) -> list[Span]:
        """Return the entities and noun chunks that tie the draft to this conversation."""
        doc = draft.doc
        assert doc is not None
        vocab = self.vocabulary
        skip = _stock_tokens(doc, names, vocab)
        found: dict[tuple[int, int], Span] = {}
        for ent in doc.ents:
            if (ent.label_ in DETAIL_ENTITIES and ent[-1].lower_ not in vocab.job_nouns
                    and any(t.i not in skip for t in ent if t.is_alpha or t.like_num)):
                found[(ent.start, ent.end)] = ent
        for chunk in doc.noun_chunks:
            if self._specific_chunk(chunk, skip):
                found[(chunk.start, chunk.end)] = chunk
        for run in _compound_runs(doc, skip, vocab.generic):  # what the chunker misses
            if not any(s < run.end and run.start < e for s, e in found):
                found[(run.start, run.end)] = run
        return [found[k] for k in sorted(found)]

    def weight(self, span: Span, recalled: list[Any]) -> float:
        """Return how much a detail counts: names, numbers and particular things fully.

        "Priya", "40 percent" and "the churn dashboard rebuild" (a compound the
        writer points at with "the", "your" or "that") tie a draft to one
        conversation. A bare compound ("customer service", "paint pots") counts
        half, and a quarter in a clause about the writer ("my research
        agenda", "I have supervised research assistants"), unless the
        sentence points back at the talk ("you mentioned", "hearing about").
        """
        if (span.label_ and span.label_ != "NP") or any(
                t.pos_ in ("PROPN", "NUM") for t in span):
            return 1.0
        if _determiner(span) in self.vocabulary.definite and len(
                [t for t in span if t.pos_ in CONTENT_POS and not _modifier_half(t)]) >= 2:
            return 1.0
        sentence = span.sent
        if any(sentence.start_char <= m.start < sentence.end_char for m in recalled):
            return 1.0
        # "I have supervised undergraduate research assistants", "my work ethic":
        # the writer describing themselves, not the conversation.
        return 0.25 if _about_the_writer(span) else 0.5

    def _specific_chunk(self, chunk: Span, skip: set[int]) -> bool:
        vocab = self.vocabulary
        if chunk.root.lemma_.lower() in vocab.job_nouns:
            return False  # "the nursing assistant job" describes the job, not the talk
        nouns = _nouns(chunk, skip, vocab.generic)
        content = [t for t in nouns if t.i not in skip]
        if not content:
            return False
        definite = _determiner(chunk) in vocab.definite
        has_number = any(t.like_num and t.pos_ == "NUM" and (t.i not in skip or definite)
                         and t.ent_type_ not in ("DATE", "TIME", "ORDINAL") for t in chunk)
        # "the plant tour": two nouns, one of them not stock, and the root not skipped
        # as the company, a name or the writer's background.
        compound = len(nouns) >= 2 and (chunk.root.i not in skip
                                        or chunk.root.lower_ in vocab.generic)
        return (len(content) >= 2 or has_number or any(t.pos_ == "PROPN" for t in content)
                or compound)

    def _known_names(self, draft: Draft) -> set[str]:
        """Return the lower-case words of names the draft is expected to contain.

        The reader's, the writer's (front matter, ``From``, the signature, a
        name alone on the body's last line), the job title and its initials
        ("FNP" for Family Nurse Practitioner), and the employer.
        """
        parts: list[str] = []
        for key in NAME_KEYS:
            value = draft.meta.get(key)
            if isinstance(value, str):
                parts.append(value.replace("@", " ").replace(".", " "))
        for start, end in draft.spans("greeting", "signature", "signoff"):
            parts.append(draft.text[start:end])
        for start, end in draft.spans("subject"):  # "Data Analyst role at Acme"
            subject = draft.text[start:end]
            parts += [m.group(1) for m in SUBJECT_TITLE_RE.finditer(subject)]
            parts += [m.group(1) for m in SUBJECT_COMPANY_RE.finditer(subject)]
        signing = SIGNING_NAME_RE.search(draft.prose.rstrip())
        if signing and len(signing.group(1).split()) <= 3:
            parts.append(signing.group(1))
        for key in ("role", "position", "title"):
            value = draft.meta.get(key)
            if isinstance(value, str) and len(value.split()) >= 2:
                parts.append("".join(w[0] for w in value.split() if w[:1].isalpha()))
        words = {w.lower() for p in parts for w in re.findall(r"[\w'’-]+", p)}
        return words - {"the", "a", "an", "for", "of", "and", "to", "at", "in", "on", "with",
                        "example", "com", "org", "net"}


def _determiner(span: Span) -> str:
    """Return the determiner or possessive of a noun phrase's head ("the", "your"), or ''."""
    for child in span.root.children:
        if child.dep_ in ("det", "poss") and child.i < span.root.i:
            return child.lower_
    return ""


def _modifier_half(token: Any) -> bool:
    """Return True for the noun half of an adjective such as "evidence-based"."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and (
        token.i + 2 < len(doc) and doc[token.i + 2].pos_ in ("VERB", "ADJ"))


def _nouns(chunk: Span, skip: set[int], generic: frozenset[str]) -> list[Any]:
    """Return the nouns of a chunk that can make it a compound: content or stock, not names.

    Skipped tokens count only when they are stock nouns ("tour" in "the plant
    tour"); capitals of emphasis, known names and the halves of hyphenated
    adjectives ("evidence-based") do not.
    """
    return [t for t in chunk if t.pos_ in CONTENT_POS and not t.is_stop
            and t.text.strip("'’").isalpha() and not _modifier_half(t)
            and (t.i not in skip or t.lower_ in generic)]


def _stock_tokens(doc: Any, names: set[str], vocab: Vocabulary) -> set[int]:
    """Return the indices of tokens that never make a detail.

    Stock nouns, known names, dates, words inside template brackets, the job
    title (the words before "role" or "position"), the employer (a
    capitalised run after "at", "join" or "the role with", and every later
    mention of it), the writer's own background ("my experience in client
    service", "I have years of experience in ..."), and title-case stock
    words ("Hope to Hear", "Any News").
    """
    skip: set[int] = set()
    employer: set[str] = set()
    depth = 0
    for t in doc:
        depth += t.text.count("[") + t.text.count("{") + t.text.count("<")
        # "Meeting you was GREAT": capitals of emphasis on an ordinary word ("CBCT" is not one).
        emphatic = (t.is_upper and len(t) > 2 and t.text not in vocab.acronyms
                    and is_english_word(t.text))
        stock_title = t.is_title and t.lower_ in vocab.stock_title and t.ent_type_ not in (
            "PERSON", "ORG", "PRODUCT", "GPE")
        if (depth > 0 or emphatic or stock_title or t.lower_ in vocab.generic
                or t.lower_ in names or t.is_stop
                or t.ent_type_ in ("DATE", "TIME", "ORDINAL")
                or not (t.text.strip("'’").replace("-", "").isalpha() or t.like_num)):
            skip.add(t.i)
        depth = max(0, depth - t.text.count("]") - t.text.count("}") - t.text.count(">"))
        if t.lower_ in vocab.title_nouns:
            skip.update(_capitalised_run(doc, t.i - 1, -1))
            if t.lower_ in vocab.job_nouns:  # "the nursery practitioner role"
                skip.update(c.i for c in t.children if c.dep_ in ("compound", "amod", "nmod"))
        if t.lower_ in vocab.markers or (t.lower_ in ("with", "to") and _ends_employer_phrase(
                doc, t, vocab.employer_phrases)):
            run = _capitalised_run(doc, t.i + 1, 1)
            skip.update(run)
            employer.update(doc[i].lower_ for i in run if doc[i].is_alpha)
        if t.lemma_.lower() in vocab.background and _writers_own(t):
            skip.update(c.i for c in t.subtree)
        if t.is_title and t.lower_ in vocab.suffixes:  # "Inc", "Group"
            skip.add(t.i)
    employer -= vocab.suffixes
    if employer:
        skip.update(t.i for t in doc if t.lower_ in employer)
    return skip


def _ends_employer_phrase(doc: Any, token: Any, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Return True when ``token`` ends a company-cues phrase such as "the role with"."""
    before = tuple(t.lower_ for t in doc[max(0, token.i - 5) : token.i + 1])
    return any(before[-len(phrase):] == phrase for phrase in phrases)


def _writers_own(noun: Any) -> bool:
    """Return True for "my experience" or "I have (years of) experience": the writer's own."""
    if any(c.lower_ == "my" for c in noun.children):
        return True
    head = noun
    for _ in range(3):
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return any(c.dep_ == "nsubj" and c.lower_ == "i" for c in head.children)
        if head.head.i == head.i:
            break
    return False


def _about_the_writer(span: Span) -> bool:
    """Return True when a phrase is "my ..." or sits in a clause whose subject is "I"."""
    if any(c.lower_ == "my" and c.dep_ == "poss" for c in span.root.children):
        return True
    token = span.root
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "i" for c in token.children):
            return True
        if any(c.lower_ == "my" and c.dep_ == "poss" for c in token.children):
            return True
    return False


def _compound_runs(doc: Any, skip: set[int], generic: frozenset[str]) -> Iterator[Span]:
    """Yield runs of two or more nouns in a row, at least one not stock ("refund policy")."""
    run: list[int] = []
    for t in [*doc, None]:
        if t is not None and t.pos_ in CONTENT_POS and (t.i not in skip or t.lower_ in generic):
            run.append(t.i)
            continue
        if len(run) >= 2 and any(i not in skip for i in run):
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
