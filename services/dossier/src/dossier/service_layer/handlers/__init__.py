"""Command handlers of the dossier service, one module per area (none yet)."""
