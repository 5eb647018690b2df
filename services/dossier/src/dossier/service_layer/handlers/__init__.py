"""Use cases of the dossier service, one module per area."""
