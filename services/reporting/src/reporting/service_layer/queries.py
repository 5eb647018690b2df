"""Read-side use cases of the reporting service, scoped by the authz role kinds (none yet)."""
