"""``python -m reporting``."""

from reporting.entrypoints.main import main

main()
