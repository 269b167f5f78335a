"""The tone judgement behind FL101 negativity and FL102 desperation.

``features`` reads a parsed sentence (words, word classes with negation scope,
speech acts on the dependency tree), ``model`` is a linear classifier over
those features whose weights ship in ``weights.json.gz``, ``judge`` runs it
over a draft once and explains each verdict with the words that carry it,
and ``train`` rebuilds the weights from the training bank in one command.
"""

#: The spaCy components the tone model reads (the dependency parse for who a clause is
#: about and for speech acts, lemmas for word classes). Both tone rules declare them as
#: ``needs`` and training loads the same, so features agree at training and at run time.
TONE_PIPELINE = frozenset({"parser", "lemmatizer"})
