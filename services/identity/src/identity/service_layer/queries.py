"""Read-side use cases of the identity service (none yet: accounts are read in Keycloak and the
audit trail is read by its tests only)."""
