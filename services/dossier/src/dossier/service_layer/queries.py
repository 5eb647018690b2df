"""Read-side use cases of the dossier service, scoped by the authz role kinds (none yet)."""
