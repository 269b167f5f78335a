"""Run followup-lint as ``python -m followup_lint``."""

from followup_lint.cli import main

if __name__ == "__main__":
    main()
