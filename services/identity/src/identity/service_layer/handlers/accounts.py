"""Account provisioning: authorized by the directly superior unit, audited (Circular
11/2019/TT-BLĐTBXH Art. 6; the rule is ``identity.domain.rules.account_provisioning``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import AccessDenied
from ansinh_common.errors import DomainError, InvalidInput
from identity.domain import rules
from identity.domain.commands import CreateAccount, DisableAccount, EnableAccount, ResetPassword
from identity.domain.errors import AccountNotFound, not_in_reach
from identity.domain.model import Account, AccountAction
from identity.domain.periods import catalog_version_of
from identity.service_layer.audit_trail import Audited, actor_of, audit_entry
from identity.service_layer.dependencies import Services
from identity.service_layer.ports import DisabledListUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AccountResult:
    account: Account
    generated_password: str = ""


def create_account(
    cmd: CreateAccount, principal: Principal, client_address: str, services: Services
) -> AccountResult:
    model = services.model()
    version = catalog_version_of(model)
    actor = actor_of(principal, client_address)
    audited = Audited(
        services,
        audit_entry(services, actor, AccountAction.CREATE, cmd.username, cmd.unit_code, version),
    )
    audited.entry.details = {"roles": ",".join(sorted(cmd.roles))}
    try:
        rules.require_manage_accounts_of(principal, cmd.unit_code, model, units=services.units)
        password = cmd.password or services.new_password()
        new = rules.validate_new_account(
            cmd,
            catalog_version=version,
            password=password,
            require_officer_otp=services.require_officer_otp,
        )
    except DomainError as err:
        raise audited.refuse(err) from None
    except Exception:  # every refused attempt is audited, whatever the error (issue 9)
        audited.refuse(DomainError())
        raise
    audited.start()
    try:
        account = services.accounts.create(new)
    except DomainError as err:
        raise audited.fail(err) from None
    audited.succeed(account.user_id)
    return AccountResult(account, "" if cmd.password else password)


def _existing(
    services: Services,
    principal: Principal,
    client_address: str,
    action: AccountAction,
    username: str,
) -> tuple[Account, Audited]:
    """The target account, authorized for ``action``; the attempt is audited either way."""
    model = services.model()
    version = catalog_version_of(model)
    actor = actor_of(principal, client_address)
    account = services.accounts.find(username.strip().lower())
    unit = account.unit_code if account else None
    user_id = account.user_id if account else None
    audited = Audited(
        services, audit_entry(services, actor, action, username, unit, version, user_id)
    )
    # Whoever may not manage the account learns nothing about it: an unknown username and an
    # account out of reach get the same answer (no enumeration of account names; issue 9).
    if account is None:
        raise audited.refuse(AccountNotFound(username), not_in_reach(username))
    try:
        rules.require_manage_accounts_of(
            principal, account.unit_code or "", model, units=services.units
        )
    except AccessDenied as err:
        raise audited.refuse(err, not_in_reach(username, err)) from None
    audited.start()
    return account, audited


def disable_account(
    cmd: DisableAccount, principal: Principal, client_address: str, services: Services
) -> AccountResult:
    account, audited = _existing(
        services, principal, client_address, AccountAction.DISABLE, cmd.username
    )
    try:
        services.accounts.set_enabled(account.user_id, False)
        services.accounts.end_sessions(account.user_id)
    except DomainError as err:
        raise audited.fail(err) from None
    try:
        services.disabled.mark(account.user_id)
    except DisabledListUnavailable:  # the periodic sync writes it again within its interval
        log.warning("could not flag %s as disabled for the gateway", account.user_id, exc_info=True)
    audited.succeed(account.user_id)
    return AccountResult(_with(account, enabled=False))


def enable_account(
    cmd: EnableAccount, principal: Principal, client_address: str, services: Services
) -> AccountResult:
    account, audited = _existing(
        services, principal, client_address, AccountAction.ENABLE, cmd.username
    )
    try:
        services.accounts.set_enabled(account.user_id, True)
    except DomainError as err:
        raise audited.fail(err) from None
    try:
        services.disabled.clear(account.user_id)
    except DisabledListUnavailable:
        log.warning("could not clear the disabled flag of %s", account.user_id, exc_info=True)
    audited.succeed(account.user_id)
    return AccountResult(_with(account, enabled=True))


def reset_password(
    cmd: ResetPassword, principal: Principal, client_address: str, services: Services
) -> AccountResult:
    account, audited = _existing(
        services, principal, client_address, AccountAction.RESET_PASSWORD, cmd.username
    )
    if cmd.password:
        try:
            rules.check_password(cmd.password, username=cmd.username)
        except InvalidInput as err:
            raise audited.refuse(err) from None
    password = cmd.password or services.new_password()
    try:
        services.accounts.set_password(account.user_id, password, cmd.temporary)
        services.accounts.end_sessions(account.user_id)
    except DomainError as err:
        raise audited.fail(err) from None
    audited.succeed(account.user_id)
    return AccountResult(account, "" if cmd.password else password)


def _with(account: Account, *, enabled: bool) -> Account:
    return Account(
        user_id=account.user_id,
        username=account.username,
        first_name=account.first_name,
        last_name=account.last_name,
        email=account.email,
        unit_code=account.unit_code,
        catalog_version=account.catalog_version,
        roles=account.roles,
        enabled=enabled,
    )
