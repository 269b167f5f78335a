"""The parsed draft and what is known about it: positions, metadata, dates, kind."""
