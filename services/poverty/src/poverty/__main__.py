"""``python -m poverty``."""

from poverty.entrypoints.main import main

main()
