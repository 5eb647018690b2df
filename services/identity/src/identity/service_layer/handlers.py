"""Use cases: account provisioning (authorized by the directly superior unit, audited) and the
citizen identity check. Plain functions over the ports in ``Services``."""

from __future__ import annotations

import logging
import secrets
import string
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from redis.exceptions import RedisError

from ansinh_common.auth.principal import Principal
from ansinh_common.authz import AccessDenied, UnitModel, UnitTree, require_manage_accounts_of
from ansinh_common.errors import DomainError, FieldError, InvalidInput
from identity.domain import rules
from identity.domain.access import require_identity_check
from identity.domain.audit import Actor, AuditEntry, Outcome
from identity.domain.commands import (
    CheckCitizenIdentity,
    CreateAccount,
    DisableAccount,
    EnableAccount,
    ResetPassword,
)
from identity.domain.errors import AccountNotFound
from identity.domain.identity_check import CheckResult, Declared, clean_national_id, compare
from identity.domain.model import Account, AccountAction
from identity.domain.periods import DEFAULT_PERIODS, ModelPeriod, catalog_version_of, model_on
from identity.service_layer.ports import (
    AccountDirectory,
    AuditUnitOfWork,
    DisabledAccounts,
    PopulationDatabase,
)

log = logging.getLogger(__name__)

PASSWORD_ALPHABET = string.ascii_letters + string.digits


def generate_password(length: int = 16) -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """The ports the use cases run on, wired by ``bootstrap`` (fakes in unit tests)."""

    accounts: AccountDirectory
    disabled: DisabledAccounts
    population: PopulationDatabase
    uow: Callable[[], AuditUnitOfWork]
    units: UnitTree
    periods: Sequence[ModelPeriod] = DEFAULT_PERIODS
    clock: Callable[[], datetime] = utcnow
    new_password: Callable[[], str] = generate_password
    new_id: Callable[[], str] = field(default=lambda: str(uuid.uuid4()))
    require_officer_otp: bool = False
    """Officers' new accounts must enrol OTP at first login (production values)."""

    def model(self) -> UnitModel:
        return model_on(self.clock().date(), self.periods)


@dataclass(frozen=True, slots=True)
class AccountResult:
    account: Account
    generated_password: str = ""


def actor_of(principal: Principal, client_address: str) -> Actor:
    return Actor(
        subject=principal.subject,
        username=principal.username,
        unit_code=principal.unit_code,
        roles=tuple(sorted(principal.roles)),
        client_address=client_address,
    )


class _Audited:
    """Writes one audit entry per attempt: refusals at once; allowed actions as ``pending``
    before Keycloak is called and with their outcome after, so none goes unrecorded."""

    def __init__(self, services: Services, entry: AuditEntry) -> None:
        self.services, self.entry = services, entry

    def _save(self) -> None:
        with self.services.uow() as uow:
            uow.audit.add(self.entry)
            uow.commit()

    def refuse(self, error: DomainError) -> DomainError:
        code = error.decision.code.value if isinstance(error, AccessDenied) else error.code
        self.entry.finish(Outcome.REFUSED, self.services.clock(), code=code, reason=error.detail)
        self._save()
        log.info(
            "account %s refused", self.entry.action.value,
            extra={"actor": self.entry.actor.username, "target": self.entry.target_username,
                   "reason_code": code, "client_address": self.entry.actor.client_address},
        )  # fmt: skip
        return error

    def start(self) -> None:
        self._save()

    def fail(self, error: DomainError) -> DomainError:
        self.entry.finish(
            Outcome.FAILED, self.services.clock(), code=error.code, reason=error.detail
        )
        self._save()
        return error

    def succeed(self, user_id: str) -> None:
        self.entry.target_user_id = user_id
        self.entry.finish(Outcome.SUCCEEDED, self.services.clock())
        self._save()


def _entry(
    services: Services,
    actor: Actor,
    action: AccountAction,
    username: str,
    unit: str | None,
    version: str,
    user_id: str | None = None,
) -> AuditEntry:
    return AuditEntry(
        id=services.new_id(),
        at=services.clock(),
        actor=actor,
        action=action,
        target_username=username,
        target_unit=unit,
        catalog_version=version,
        target_user_id=user_id,
    )


def create_account(
    cmd: CreateAccount, principal: Principal, client_address: str, services: Services
) -> AccountResult:
    model = services.model()
    version = catalog_version_of(model)
    actor = actor_of(principal, client_address)
    audited = _Audited(
        services,
        _entry(services, actor, AccountAction.CREATE, cmd.username, cmd.unit_code, version),
    )
    audited.entry.details = {"roles": ",".join(sorted(cmd.roles))}
    try:
        require_manage_accounts_of(principal, cmd.unit_code, model, units=services.units)
        password = cmd.password or services.new_password()
        new = rules.validate_new_account(
            cmd,
            catalog_version=version,
            password=password,
            require_officer_otp=services.require_officer_otp,
        )
    except (AccessDenied, InvalidInput) as err:
        raise audited.refuse(err) from None
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
) -> tuple[Account, _Audited]:
    """The target account, authorized for ``action``; the attempt is audited either way."""
    model = services.model()
    version = catalog_version_of(model)
    actor = actor_of(principal, client_address)
    account = services.accounts.find(username.strip().lower())
    unit = account.unit_code if account else None
    user_id = account.user_id if account else None
    audited = _Audited(services, _entry(services, actor, action, username, unit, version, user_id))
    if account is None:
        raise audited.refuse(AccountNotFound(username))
    try:
        require_manage_accounts_of(principal, account.unit_code or "", model, units=services.units)
    except AccessDenied as err:
        raise audited.refuse(err) from None
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
    except RedisError:  # the periodic sync writes it again within its interval
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
    except RedisError:
        log.warning("could not clear the disabled flag of %s", account.user_id, exc_info=True)
    audited.succeed(account.user_id)
    return AccountResult(_with(account, enabled=True))


def reset_password(
    cmd: ResetPassword, principal: Principal, client_address: str, services: Services
) -> AccountResult:
    if cmd.password:
        rules.check_password(cmd.password, username=cmd.username)
    account, audited = _existing(
        services, principal, client_address, AccountAction.RESET_PASSWORD, cmd.username
    )
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


def check_citizen_identity(
    cmd: CheckCitizenIdentity, principal: Principal, services: Services
) -> CheckResult:
    missing = [
        FieldError(name, "Không được để trống.", "required")
        for name, value in (
            ("full_name", cmd.full_name.strip()),
            ("birth_date", cmd.birth_date),
            ("gender", cmd.gender),
        )
        if not value
    ]
    if missing:
        raise InvalidInput("Thiếu thông tin để xác thực định danh.", errors=missing)
    number = clean_national_id(cmd.national_id)
    require_identity_check(principal, number or cmd.national_id)
    declared = Declared(cmd.national_id, cmd.full_name, cmd.birth_date, cmd.gender)
    record = services.population.lookup(number) if number else None
    result = compare(declared, record)
    log.info(
        "identity check",
        extra={"actor": principal.username, "matched": result.matched,
               "reasons": [m.code for m in result.mismatches]},
    )  # fmt: skip
    return result


def sync_disabled_accounts(services: Services) -> int:
    """Copy Keycloak's disabled accounts to the gateway's list (accounts disabled in the
    Keycloak console too); returns how many are disabled."""
    ids = services.accounts.disabled_user_ids()
    services.disabled.replace_all(ids)
    return len(ids)
