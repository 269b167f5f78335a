"""The tone judgement behind FL101 negativity and FL102 desperation.

``features`` reads a parsed sentence (words, word classes with negation scope,
speech acts on the dependency tree), ``model`` is a linear classifier over
those features whose weights ship in ``weights.json.gz``, ``judge`` runs it
over a draft once and explains each verdict with the words that carry it,
and ``train`` rebuilds the weights from the training bank in one command.
"""
