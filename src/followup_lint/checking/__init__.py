"""Rules and the machinery that runs them: contract, packs, cues, registry, engine."""
