"""Read-side use cases of the payment service, scoped by the authz role kinds (none yet)."""
