"""``python -m identity``."""

from identity.entrypoints.main import main

main()
