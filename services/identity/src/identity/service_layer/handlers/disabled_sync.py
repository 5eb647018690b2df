"""Keycloak's disabled accounts copied to the gateway's list."""

from __future__ import annotations

from identity.service_layer.dependencies import Services


def sync_disabled_accounts(services: Services) -> int:
    """Copy Keycloak's disabled accounts to the gateway's list (accounts disabled in the
    Keycloak console too); returns how many are disabled."""
    ids = services.accounts.disabled_user_ids()
    services.disabled.replace_all(ids)
    return len(ids)
