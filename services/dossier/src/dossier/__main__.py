"""``python -m dossier``."""

from dossier.entrypoints.main import main

main()
