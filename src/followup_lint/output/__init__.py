"""Findings for people and tools: formats, SARIF, terminal, score, HTML report."""
