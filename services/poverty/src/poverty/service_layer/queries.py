"""Read-side use cases of the poverty service, scoped by the authz role kinds (none yet)."""
