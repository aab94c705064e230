"""``python -m reportparse``: the same command as ``reportparse``."""

from reportparse.cli import main

main()
