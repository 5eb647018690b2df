"""Events the dossier service records (none yet)."""
