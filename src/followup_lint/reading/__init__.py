"""Bytes to a ``Draft``: inputs, decoding, email, Markdown masking and regions."""
