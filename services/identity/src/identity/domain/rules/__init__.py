"""Rules of the identity service, one module each with its ``LEGAL_BASIS``.

* ``new_account``: names, e-mail, password and the roles a unit's account may hold;
* ``account_provisioning``: an account of unit U manages accounts of units directly under U.
"""

from identity.domain.rules.account_provisioning import (
    can_manage_accounts_of,
    require_manage_accounts_of,
)
from identity.domain.rules.new_account import (
    assignable_roles,
    check_password,
    first_login_actions,
    password_errors,
    validate_new_account,
)

__all__ = [
    "assignable_roles",
    "can_manage_accounts_of",
    "check_password",
    "first_login_actions",
    "password_errors",
    "require_manage_accounts_of",
    "validate_new_account",
]
