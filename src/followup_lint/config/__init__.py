"""Configuration files, the per-draft planner, and command-line settings."""
