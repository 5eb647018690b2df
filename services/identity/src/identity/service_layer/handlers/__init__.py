"""Use cases of the identity service, one module per area; plain functions over the ports in
``Services`` (``service_layer.dependencies``)."""

from identity.service_layer.dependencies import Services, generate_password, utcnow
from identity.service_layer.handlers.accounts import (
    AccountResult,
    create_account,
    disable_account,
    enable_account,
    reset_password,
)
from identity.service_layer.handlers.disabled_sync import sync_disabled_accounts
from identity.service_layer.handlers.identity_check import check_citizen_identity

__all__ = [
    "AccountResult",
    "Services",
    "check_citizen_identity",
    "create_account",
    "disable_account",
    "enable_account",
    "generate_password",
    "reset_password",
    "sync_disabled_accounts",
    "utcnow",
]
