"""Values every layer shares: findings, errors, and small text helpers."""
